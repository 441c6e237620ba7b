import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { Shared } from '../../../lib/auth/rules';
import { RESIDENT_LOCATION } from '../../../lib/auth/scope';
import { KEY_PERSON_DATA } from '../entities/key-person';
import { HouseholdRegistration } from '../entities/household-registration';
import { KeyPerson } from '../entities/key-person';
import { Resident } from '../entities/resident';
import type { PublicSecurityContext } from '../loaders';

/** The fields public security adds to population's Resident. */
@Resolver(() => Resident)
export class ResidentResolver {
  @Directive(`@requires(fields: "${RESIDENT_LOCATION}")`)
  @FieldResolver(() => HouseholdRegistration, { nullable: true, description: 'Household registration (户籍登记); null if public security has none' })
  registration(@Root() resident: Resident, @Ctx() ctx: PublicSecurityContext): Promise<HouseholdRegistration | null> {
    return ctx.loaders.registrationOfResident.load(resident.id);
  }

  @Shared(KEY_PERSON_DATA)
  @Directive(`@requires(fields: "${RESIDENT_LOCATION}")`)
  @FieldResolver(() => KeyPerson, { nullable: true, description: 'The active key-person record (重点人员), if the resident is under supervision' })
  keyPerson(@Root() resident: Resident, @Ctx() ctx: PublicSecurityContext): Promise<KeyPerson | null> {
    return ctx.loaders.activeKeyPersonOfResident.load(resident.id);
  }
}
