import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { Shared } from '../../../lib/auth/rules';
import { RESIDENT_LOCATION } from '../../../lib/auth/scope';
import { ListSize } from '../../../lib/graphql/list-size';
import { KEY_PERSON_DATA } from '../entities/key-person';
import { HouseholdRegistration } from '../entities/household-registration';
import { INCIDENT_DETAILS, Incident } from '../entities/incident';
import { KeyPerson } from '../entities/key-person';
import { RentalHousing } from '../entities/rental-housing';
import { ResidencePermit } from '../entities/residence-permit';
import { Resident } from '../entities/resident';
import type { PublicSecurityContext } from '../loaders';

/** The fields public security adds to population's Resident (each @requires the resident's location, for the scope check). */
@Resolver(() => Resident)
export class ResidentResolver {
  @Directive(`@requires(fields: "${RESIDENT_LOCATION}")`)
  @FieldResolver(() => HouseholdRegistration, {
    nullable: true,
    description: 'Household registration (户籍登记); null if public security has none',
  })
  registration(@Root() resident: Resident, @Ctx() ctx: PublicSecurityContext): Promise<HouseholdRegistration | null> {
    return ctx.loaders.registrationOfResident.load(resident.id);
  }

  @Shared(KEY_PERSON_DATA)
  @Directive(`@requires(fields: "${RESIDENT_LOCATION}")`)
  @FieldResolver(() => KeyPerson, {
    nullable: true,
    description: 'The active key-person record (重点人员), if the resident is under supervision',
  })
  keyPerson(@Root() resident: Resident, @Ctx() ctx: PublicSecurityContext): Promise<KeyPerson | null> {
    return ctx.loaders.activeKeyPersonOfResident.load(resident.id);
  }

  @Directive(`@requires(fields: "${RESIDENT_LOCATION}")`)
  @FieldResolver(() => ResidencePermit, {
    nullable: true,
    description: 'The current residence permit (居住证): the latest issued, expired or not; null if none',
  })
  residencePermit(@Root() resident: Resident, @Ctx() ctx: PublicSecurityContext): Promise<ResidencePermit | null> {
    return ctx.loaders.permitOfResident.load(resident.id);
  }

  @ListSize(1)
  @Directive(`@requires(fields: "${RESIDENT_LOCATION}")`)
  @FieldResolver(() => [RentalHousing], {
    description: 'Rentals the resident lets (as landlord, 房东) or lives in now (as tenant, 租客)',
  })
  async rentals(@Root() resident: Resident, @Ctx() ctx: PublicSecurityContext): Promise<RentalHousing[]> {
    const [let_, tenancies] = await Promise.all([
      ctx.loaders.rentalsOfLandlord.load(resident.id),
      ctx.loaders.tenanciesOfResident.load(resident.id),
    ]);
    const rented = await Promise.all(
      tenancies.filter((t) => !t.movedOutOn).map((t) => ctx.loaders.rental.load(t.rentalId)),
    );
    return [...let_, ...rented.filter((r): r is RentalHousing => r !== null)];
  }

  @Shared(INCIDENT_DETAILS)
  @ListSize(1)
  @Directive(`@requires(fields: "${RESIDENT_LOCATION}")`)
  @FieldResolver(() => [Incident], {
    nullable: true,
    description: 'Incidents the resident was involved in (涉警记录), latest first; public security only',
  })
  async incidents(@Root() resident: Resident, @Ctx() ctx: PublicSecurityContext): Promise<Incident[]> {
    const parties = await ctx.loaders.incidentsOfResident.load(resident.id);
    const incidents = await Promise.all(parties.map((p) => ctx.loaders.incident.load(p.incidentId)));
    return incidents
      .filter((i): i is Incident => i !== null)
      .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime());
  }
}
