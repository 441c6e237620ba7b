import { addDays, addYears, ageOn, today } from '../../../lib/calendar';
import type { FilterQuery } from '@mikro-orm/postgresql';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { Shared } from '../../../lib/auth/rules';
import { Collect } from '../../../lib/auth/collect';
import { scopeCondition } from '../../../lib/auth/scope-sql';
import { WHOLE_ID_NUMBER, WHOLE_PHONE } from '../access';
import { ETHNICITIES, RELATIONS } from '../../../lib/codes/tables';
import { badInput, requireId } from '../../../lib/errors';
import { findPage } from '../../../lib/graphql/page-query';
import { ListSize } from '../../../lib/graphql/list-size';
import { selects } from '../../../lib/graphql/selection';
import { ConnectionType, PageArgs, readPage } from '../../../lib/graphql/paging';
import { ResidentStatus } from '../entities/enums';
import { Household } from '../entities/household';
import { Resident } from '../entities/resident';
import type { PopulationContext } from '../loaders';
import { readResidentsWithPlace } from '../resident-place';
import { ResidentFilter } from './resident.inputs';

// shared with the cohort planner, which answers cohorts as pages of residents too
export const ResidentConnection = ConnectionType(Resident, 'Resident', { shareable: true });

/** Birth date bound for an age in whole years, as of today in the district. */
const bornOnOrBefore = (age: number): string => addYears(today(), -age);

/** The birth dates of residents aged minAge to maxAge (whole years, today); refuses impossible ranges. */
export function birthDateBounds(
  minAge: number | null | undefined,
  maxAge: number | null | undefined,
  field = 'filter',
): { onOrBefore?: string; onOrAfter?: string } {
  for (const [key, age] of [
    ['minAge', minAge],
    ['maxAge', maxAge],
  ] as const) {
    if (age !== undefined && age !== null && (age < 0 || age > 150))
      throw badInput(`${key} must be between 0 and 150`, `${field}.${key}`);
  }
  if (minAge != null && maxAge != null && minAge > maxAge)
    throw badInput(`${field}.minAge is above ${field}.maxAge`, `${field}.minAge`);
  const bounds: { onOrBefore?: string; onOrAfter?: string } = {};
  if (minAge != null) bounds.onOrBefore = bornOnOrBefore(minAge);
  if (maxAge != null) bounds.onOrAfter = addDays(bornOnOrBefore(maxAge + 1), 1);
  return bounds;
}

export function residentConditions(filter: ResidentFilter = {}): FilterQuery<Resident> {
  const where: Record<string, unknown> = { status: filter.status ?? ResidentStatus.ACTIVE };
  for (const key of ['gender', 'residenceStatus', 'livingArrangement', 'selfCareAbility'] as const) {
    if (filter[key] !== undefined && filter[key] !== null) where[key] = filter[key];
  }
  const bounds = birthDateBounds(filter.minAge, filter.maxAge);
  const birth: Record<string, string> = {};
  if (bounds.onOrBefore) birth.$lte = bounds.onOrBefore;
  if (bounds.onOrAfter) birth.$gte = bounds.onOrAfter;
  if (Object.keys(birth).length) where.birthDate = birth;
  if (filter.householdId) where.household = requireId(filter.householdId, 'filter.householdId');
  if (filter.buildingId) where.household = { building: requireId(filter.buildingId, 'filter.buildingId') };
  return where as FilterQuery<Resident>;
}

/** The resident loader for a query: with the household's members (its audit row's subjects) when it reads the household. */
export const residentLoaderFor = (ctx: PopulationContext, info: GraphQLResolveInfo) =>
  selects(info, ['household']) ? ctx.loaders.residentWithHousehold : ctx.loaders.resident;

/** The most residents residentsByIds answers at once (a report or a visit names a few). */
const MAX_IDS = 50;

@Resolver(() => Resident)
export class ResidentResolver {
  @Query(() => Resident, { nullable: true, description: 'One resident by id' })
  async resident(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: PopulationContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Resident | null> {
    const key = requireId(id);
    const scope = ctx.identity.resolvedScope;
    if (scope.all) return residentLoaderFor(ctx, info).load(key);
    // the data scope in the same statement (lib/auth/find-in-scope.ts says why)
    const [found] = await readResidentsWithPlace(ctx.em, ctx.loaders, [key], {
      members: selects(info, ['household']),
      scope,
    });
    return found;
  }

  @ListSize(10)
  @Query(() => [Resident], {
    description: `The residents with these ids that you may see, in the order asked (at most ${MAX_IDS}); an id you may not see, or that does not exist, is left out. Another department checks the residents a change names with it`,
  })
  async residentsByIds(
    @Arg('ids', () => [ID]) ids: string[],
    @Ctx() ctx: PopulationContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Resident[]> {
    if (ids.length > MAX_IDS)
      throw badInput(`ids holds ${ids.length} ids; ask for at most ${MAX_IDS} at a time`, 'ids');
    const loader = residentLoaderFor(ctx, info);
    const found = await Promise.all([...new Set(ids.map((id) => requireId(id, 'ids')))].map((id) => loader.load(id)));
    return found.filter((r): r is Resident => r !== null);
  }

  @Query(() => ResidentConnection, { description: 'Residents matching a filter, a page at a time (ordered by id)' })
  residents(
    @Args() paging: PageArgs,
    @Arg('filter', () => ResidentFilter, { nullable: true }) filter: ResidentFilter | undefined,
    @Ctx() { em, identity }: PopulationContext,
  ) {
    const inScope = scopeCondition(identity.resolvedScope, {
      building: 'household.building',
      communityCode: 'household.building.communityCode',
    });
    const where = { $and: [residentConditions(filter), inScope] } as FilterQuery<Resident>;
    return findPage(em, Resident, where, readPage(paging));
  }

  @Collect({
    collect: 'PROPOSE',
    note: 'who the person is: the registrar checks the documents; sex and birth date agree with the ID number',
  })
  @Shared({ sharing: 'UNCONDITIONAL', mask: 'ID_NUMBER', wholeFor: WHOLE_ID_NUMBER })
  @FieldResolver(() => String, {
    nullable: true,
    description: 'Citizen ID number (身份证号); masked like 110105************ unless your role may see it whole',
  })
  idNumber(@Root() resident: Resident): string {
    return resident.idNumber;
  }

  @Collect({ collect: 'DIRECT', note: 'as the resident says or the collector sees at the door' })
  @Shared({ sharing: 'UNCONDITIONAL', mask: 'PHONE', wholeFor: WHOLE_PHONE })
  @FieldResolver(() => String, {
    nullable: true,
    description: 'Phone (联系电话); masked like 138****5678 unless your role may see it whole',
  })
  phone(@Root() resident: Resident): string | null {
    return resident.phone ?? null;
  }

  @Collect({
    collect: 'PROPOSE',
    note: 'who the person is: the registrar checks the documents; sex and birth date agree with the ID number',
  })
  @FieldResolver(() => String, { description: 'GB/T 3304 ethnicity code (民族代码)' })
  ethnicityCode(@Root() resident: Resident): string {
    return resident.ethnicityCode;
  }

  @Collect({ collect: 'NONE', note: 'derived, or kept by the register itself' })
  @FieldResolver(() => String, { description: 'Ethnicity (民族)' })
  ethnicity(@Root() resident: Resident): string {
    return ETHNICITIES[resident.ethnicityCode] ?? resident.ethnicityCode;
  }

  @Collect({ collect: 'NONE', note: 'derived, or kept by the register itself' })
  @FieldResolver(() => String, {
    nullable: true,
    description: 'GB/T 4761 relation to the head of household (与户主关系)',
  })
  relationToHead(@Root() resident: Resident): string | null {
    return resident.relationCode ? (RELATIONS[resident.relationCode] ?? resident.relationCode) : null;
  }

  @Collect({ collect: 'NONE', note: 'derived, or kept by the register itself' })
  @FieldResolver(() => Int, { description: 'Age in whole years today (in the district)' })
  age(@Root() resident: Resident): number {
    return ageOn(resident.birthDate, today());
  }

  @Collect({ collect: 'NONE', note: 'derived, or kept by the register itself' })
  @FieldResolver(() => Household, { nullable: true, description: 'The household the resident belongs to (户)' })
  household(@Root() resident: Resident, @Ctx() ctx: PopulationContext): Promise<Household | null> | null {
    return resident.household ? ctx.loaders.household.load(resident.household.id) : null;
  }
}
