import { dayOf as districtDayOf } from '../../../lib/calendar';
import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { type FieldRule, Shared } from '../../../lib/auth/rules';
import { ListSize } from '../../../lib/graphql/list-size';
import { LocalDate } from '../../../lib/graphql/scalars';
import { ResidentChangeKind } from '../entities/enums';
import { Household } from '../entities/household';
import { Resident } from '../entities/resident';
import { ResidentChange } from '../entities/resident-change';
import type { PopulationContext } from '../loaders';

/** The register's history is the registrar's (and the auditor's) to read (不予共享). */
const HISTORY: FieldRule = {
  sharing: 'NOT_SHARED',
  ownerRoles: ['REGISTRAR', 'AUDITOR'],
  note: 'the register’s change history',
};

/** The day a change took effect: the day given with it, else the day it was recorded. */
const dayOf = (change: ResidentChange) => change.effectiveOn ?? districtDayOf(change.at);
const into = (change: ResidentChange, householdId: string) =>
  change.toHouseholdId === householdId &&
  (change.kind === ResidentChangeKind.REGISTERED || change.kind === ResidentChangeKind.MOVED);

/**
 * The day a resident came to the household they are in now (迁入日期), from their changes oldest first; without a
 * household, the day they were registered. null for a record older than the change history.
 */
export function arrivalDay(changes: ResidentChange[], householdId: string | null): string | null {
  const arrival = changes
    .filter((c) => (householdId ? into(c, householdId) : c.kind === ResidentChangeKind.REGISTERED))
    .at(-1);
  return arrival ? dayOf(arrival) : null;
}

@ObjectType({ description: 'A resident’s time as a member of a household (户成员期间)' })
export class HouseholdMembership {
  @Field(() => Resident, { nullable: true, description: 'null when the resident now lives outside your data scope' })
  resident!: Resident | null;

  @Field(() => LocalDate, { description: 'Moved in (迁入) or registered into the household' })
  from!: string;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'Moved to another household, out of the district, or died; null while a member',
  })
  until!: string | null;
}

@Resolver(() => Resident)
export class ResidentHistoryResolver {
  /** a resident's record changes a few times over the years */
  @Shared(HISTORY)
  @ListSize(5)
  @FieldResolver(() => [ResidentChange], {
    nullable: true,
    description: 'Every change to the record, oldest first (变更记录); append-only; the registrar’s',
  })
  history(@Root() resident: Resident, @Ctx() ctx: PopulationContext): Promise<ResidentChange[]> {
    return ctx.loaders.changesOfResident.load(resident.id);
  }

  @FieldResolver(() => LocalDate, {
    nullable: true,
    description: 'The day the resident moved into (or was registered into) their current household (迁入日期)',
  })
  async movedInOn(@Root() resident: Resident, @Ctx() ctx: PopulationContext): Promise<string | null> {
    if (!resident.household) return null;
    return arrivalDay(await ctx.loaders.changesOfResident.load(resident.id), resident.household.id);
  }
}

@Resolver(() => Household)
export class HouseholdHistoryResolver {
  @Shared(HISTORY)
  @ListSize(4)
  @FieldResolver(() => [HouseholdMembership], {
    nullable: true,
    description: 'Who belonged to the household and when, from the change history (户成员变动); the registrar’s',
  })
  async membership(@Root() household: Household, @Ctx() ctx: PopulationContext): Promise<HouseholdMembership[]> {
    const [arrivals, departures] = await Promise.all([
      ctx.loaders.changesIntoHousehold.load(household.id),
      ctx.loaders.changesOutOfHousehold.load(household.id),
    ]);
    const joined = arrivals.filter((c) => into(c, household.id));
    const residents = await Promise.all(joined.map((arrival) => ctx.loaders.resident.load(arrival.residentId)));
    return joined.map((arrival, i) => {
      const left = departures.find((d) => d.residentId === arrival.residentId && d.at >= arrival.at);
      return { resident: residents[i], from: dayOf(arrival), until: left ? dayOf(left) : null };
    });
  }
}
