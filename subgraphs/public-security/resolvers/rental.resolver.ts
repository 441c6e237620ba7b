import { ChangeRecord } from '../entities/change';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { findPageWhere } from '../../../lib/graphql/page-query';
import { requireId } from '../../../lib/errors';
import { ListSize } from '../../../lib/graphql/list-size';
import { ConnectionType, PageArgs, readPage } from '../../../lib/graphql/paging';
import { LocalDate } from '../../../lib/graphql/scalars';
import { Building } from '../entities/building';
import { RentalHousing } from '../entities/rental-housing';
import { RentalInspection } from '../entities/rental-inspection';
import { RentalTenancy } from '../entities/rental-tenancy';
import { Resident } from '../entities/resident';
import type { PublicSecurityContext } from '../loaders';
import { both, placeCondition, residentAt } from '../places';
import { addDays } from '../seed.dates';
import { INSPECTION_INTERVAL_DAYS, RENTAL_HAS_UNREGISTERED_TENANT, RENTAL_INSPECTION_DUE, today } from '../supervision';

export const RentalHousingConnection = ConnectionType(RentalHousing, 'RentalHousing');

/** The day the next inspection is due (the same rule as RENTAL_INSPECTION_DUE). */
export function inspectionDue(rental: RentalHousing, inspections: RentalInspection[]): string {
  const last = inspections[0]?.inspectedOn ?? rental.registeredOn ?? '1900-01-01';
  return addDays(last, INSPECTION_INTERVAL_DAYS[rental.riskLevel]);
}

@Resolver(() => RentalHousing)
export class RentalResolver {
  @Query(() => RentalHousing, { nullable: true, description: 'One rental (出租房屋) by id' })
  rental(@Arg('id', () => ID) id: string, @Ctx() ctx: PublicSecurityContext): Promise<RentalHousing | null> {
    return ctx.loaders.rental.load(requireId(id));
  }

  @Query(() => RentalHousingConnection, {
    description:
      'Rentals needing the police’s attention (出租房屋待办): a current tenant not registered, or the safety inspection overdue, ' +
      'inside your data scope (and `divisionCode`, if given), ordered by id',
  })
  rentalsNeedingAttention(
    @Args() paging: PageArgs,
    @Arg('divisionCode', () => String, {
      nullable: true,
      description: 'District (6 digits), street (9) or community (12)',
    })
    divisionCode: string | undefined,
    @Ctx() ctx: PublicSecurityContext,
  ) {
    const attention = {
      sql: `(${RENTAL_HAS_UNREGISTERED_TENANT} or ${RENTAL_INSPECTION_DUE} < ?::date)`,
      params: [today()],
    };
    return findPageWhere(
      ctx.em,
      RentalHousing,
      'rental_housing',
      both(placeCondition(ctx, divisionCode), attention),
      readPage(paging),
    );
  }

  @FieldResolver(() => Building, { description: 'The building (population resolves the rest)' })
  building(@Root() rental: RentalHousing): Building {
    return { id: rental.buildingId, communityCode: rental.communityCode };
  }

  @FieldResolver(() => Resident, {
    nullable: true,
    description:
      'The landlord (房东), a resident (population resolves the rest; null when they live outside your data scope)',
  })
  landlord(@Root() rental: RentalHousing): Resident {
    return residentAt(rental.landlordId, rental);
  }

  /** a let room has one to a few tenants at a time */
  @ListSize(4)
  @FieldResolver(() => [RentalTenancy], { description: 'Its tenants (租客), past and present, by move-in date' })
  tenants(
    @Root() rental: RentalHousing,
    @Arg('current', () => Boolean, { nullable: true, description: 'true: only those living there now' }) current:
      | boolean
      | undefined,
    @Ctx() ctx: PublicSecurityContext,
  ) {
    return ctx.loaders.tenanciesOfRental
      .load(rental.id)
      .then((all) => (current ? all.filter((t) => !t.movedOutOn) : all));
  }

  @ListSize(3)
  @FieldResolver(() => [RentalInspection], { description: 'Safety inspections (安全检查), latest first' })
  inspections(@Root() rental: RentalHousing, @Ctx() ctx: PublicSecurityContext): Promise<RentalInspection[]> {
    return ctx.loaders.inspectionsOfRental.load(rental.id);
  }

  @FieldResolver(() => LocalDate, {
    description:
      'When the next safety inspection is due: the latest one (or the registration) plus 30, 90 or 180 days by risk level',
  })
  async nextInspectionDue(@Root() rental: RentalHousing, @Ctx() ctx: PublicSecurityContext): Promise<string> {
    return inspectionDue(rental, await ctx.loaders.inspectionsOfRental.load(rental.id));
  }

  @FieldResolver(() => Boolean, { description: 'The safety inspection is overdue (检查逾期)' })
  async inspectionOverdue(@Root() rental: RentalHousing, @Ctx() ctx: PublicSecurityContext): Promise<boolean> {
    return (await this.nextInspectionDue(rental, ctx)) < today();
  }

  @FieldResolver(() => Int, { description: 'Current tenants not registered with the police (未登记租客)' })
  async unregisteredTenants(@Root() rental: RentalHousing, @Ctx() ctx: PublicSecurityContext): Promise<number> {
    return (await ctx.loaders.tenanciesOfRental.load(rental.id)).filter((t) => !t.movedOutOn && !t.registeredOn).length;
  }
  @ListSize(4)
  @FieldResolver(() => [ChangeRecord], { description: 'Its history (登记记录), oldest first' })
  history(@Root() record: RentalHousing, @Ctx() ctx: PublicSecurityContext): Promise<ChangeRecord[]> {
    return ctx.loaders.historyOf.load(record.id);
  }
}

@Resolver(() => RentalTenancy)
export class RentalTenancyResolver {
  @FieldResolver(() => Resident, { nullable: true, description: 'The tenant (population resolves the rest)' })
  async resident(@Root() tenancy: RentalTenancy, @Ctx() ctx: PublicSecurityContext): Promise<Resident> {
    const rental = await ctx.loaders.rental.load(tenancy.rentalId);
    return residentAt(tenancy.residentId, rental ?? {});
  }
}
