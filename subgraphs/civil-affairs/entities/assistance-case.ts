import { Check, Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { PersonalData, Shared } from '../../../lib/auth/rules';
import { placeOfRecord } from '../../../lib/auth/scope';
import { Decimal, LocalDate } from '../../../lib/graphql/scalars';
import { AMOUNTS } from '../access';
import { AssistanceProgram, AssistanceStatus } from './enums';
import { DecidedByCivilAffairs, FiledAtOnce } from '../collection';

/**
 * A social assistance case (社会救助案件). The applicant and household are keys issued by population, kept as
 * plain uuid columns: civil affairs never joins into another department's tables.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A social assistance case (社会救助): 低保, 特困, 临时救助 or 大病救助' })
@FiledAtOnce()
// scoped by where the case is handled; reached through a resident or household in scope, by that record's scope
@PersonalData<AssistanceCase>({ location: placeOfRecord })
@Entity({ tableName: 'assistance_case' })
@Index({ properties: ['program', 'status'] })
// one open application per resident and program; a monthly program is open until terminated; and one open monthly
// case per household and program (config/programs.ts perHousehold)
@Index({
  name: 'assistance_case_open_unique',
  expression: `create unique index "assistance_case_open_unique" on "assistance_case" ("resident_id", "program") where "status" in ('APPLIED', 'REVIEWING', 'VERIFIED') or ("program" in ('MINIMUM_LIVING', 'EXTREME_POVERTY') and "status" in ('APPROVED', 'ACTIVE', 'SUSPENDED'))`,
})
@Index({
  name: 'assistance_case_household_open_unique',
  expression: `create unique index "assistance_case_household_open_unique" on "assistance_case" ("household_id", "program") where "household_id" is not null and "program" in ('MINIMUM_LIVING', 'EXTREME_POVERTY') and "status" in ('APPLIED', 'REVIEWING', 'VERIFIED', 'APPROVED', 'ACTIVE', 'SUSPENDED')`,
})
// the same bounds the mutations check (a null amount passes)
@Check({
  name: 'assistance_case_monthly_amount_range',
  expression: '"monthly_amount" > 0 and "monthly_amount" <= 100000',
})
@Check({
  name: 'assistance_case_one_off_amount_range',
  expression: '"one_off_amount" > 0 and "one_off_amount" <= 100000',
})
export class AssistanceCase {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => ID, { description: 'Applicant (申请人): a resident key issued by population' })
  @Index()
  @Property({ type: 'uuid' })
  residentId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Household the case covers (救助家庭), a household key issued by population; set for 低保',
  })
  @Index()
  @Property({ type: 'uuid', nullable: true })
  householdId?: string | null;

  /**
   * Where the case is handled (受理地): the building of the household it concerns, as population answered when the
   * application was recorded, and that building's community code. Civil affairs scopes its case files by it.
   */
  @Index()
  @Property({ type: 'uuid', nullable: true })
  buildingId?: string | null;

  @Index()
  @Property({ type: 'string', columnType: 'char(12)', nullable: true })
  communityCode?: string | null;

  @Field(() => AssistanceProgram)
  @Enum({ items: () => AssistanceProgram })
  program!: AssistanceProgram;

  @DecidedByCivilAffairs('its status (every step after the application)')
  @Field(() => AssistanceStatus)
  @Enum({ items: () => AssistanceStatus })
  status!: AssistanceStatus;

  @DecidedByCivilAffairs('the monthly amount (救助金额)')
  @Shared(AMOUNTS)
  @Field(() => Decimal, {
    nullable: true,
    description: 'Monthly payment in yuan (月救助金额) for 低保 and 特困; null until approved and for one-off programs',
  })
  @Property({ type: 'decimal', precision: 12, scale: 2, nullable: true })
  monthlyAmount?: string | null;

  @DecidedByCivilAffairs('the one-off amount')
  @Shared(AMOUNTS)
  @Field(() => Decimal, {
    nullable: true,
    description:
      'One-off payment in yuan (一次性救助金额) for 临时救助 and 大病救助; null until approved and for monthly programs',
  })
  @Property({ type: 'decimal', precision: 12, scale: 2, nullable: true })
  oneOffAmount?: string | null;

  @Field(() => LocalDate, { description: 'Date of application (申请日期)' })
  @Property({ type: 'date' })
  appliedOn!: string;

  @DecidedByCivilAffairs('the decision (审批)')
  @Field(() => LocalDate, { nullable: true, description: 'Date of the decision (审批日期)' })
  @Property({ type: 'date', nullable: true })
  decidedOn?: string | null;

  @DecidedByCivilAffairs('when payment starts')
  @Field(() => LocalDate, {
    nullable: true,
    description: 'First day of payment (救助起始日期); for one-off programs the payment date',
  })
  @Property({ type: 'date', nullable: true })
  startsOn?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Last day of payment (救助终止日期)' })
  @Property({ type: 'date', nullable: true })
  endsOn?: string | null;

  /** steps in the case's history so far: the next one's position (the row is locked while a step is taken) */
  @Property({ type: 'smallint', default: 0 })
  steps!: number;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'When the next periodic review (动态复核) is due; monthly programs only',
  })
  @Index()
  @Property({ type: 'date', nullable: true })
  nextReviewOn?: string | null;
}
