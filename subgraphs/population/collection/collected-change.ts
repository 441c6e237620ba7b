import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { type FieldRule, PersonalData, Shared } from '../../../lib/auth/rules';
import { placeOfRecord } from '../../../lib/auth/scope';
import { DepartureKind } from '../../../lib/collection/inputs';
import { LocalDate } from '../../../lib/graphql/scalars';
import { CollectedChangeStatus } from './workflow';

export enum CollectedChangeKind {
  FACT = 'FACT',
  ARRIVAL = 'ARRIVAL',
  DEPARTURE = 'DEPARTURE',
}
registerEnumType(CollectedChangeKind, {
  name: 'CollectedChangeKind',
  description: 'What a collected change proposes (采集事项类别)',
  valuesConfig: {
    FACT: { description: '信息更正 — one fact of a member' },
    ARRIVAL: { description: '新迁入 — a new member to register' },
    DEPARTURE: { description: '迁出或死亡 — a member who left' },
  },
});

/**
 * Population's registry staff decide collected changes; grid staff read the ones they sent (collectedChange checks
 * the collector), so they see the reason of a rejection.
 */
export const WORKLIST_READERS: FieldRule = {
  sharing: 'CONDITIONAL',
  ownerRoles: ['REGISTRAR', 'CLERK'],
  grantedTo: ['GRID:GRID_WORKER', 'GRID:GRID_LEADER'],
  note: 'the collector reads what became of what they sent',
};

/** A new arrival as the collector found it. */
@ObjectType({ description: 'A new arrival as collected (新迁入人员)' })
export class ArrivalProposal {
  @Field({ description: 'Name (姓名)' })
  name!: string;

  @Field({ description: 'Citizen ID number (公民身份号码); masked unless your role may see it whole' })
  idNumber!: string;

  @Field(() => String, { nullable: true, description: 'Phone (联系电话); masked unless your role may see it whole' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'GB/T 4761 relation to the head of household (与户主关系代码)' })
  relationCode?: string | null;

  @Field(() => LocalDate)
  movedInOn!: string;
}

/** A departure as the collector found it. */
@ObjectType({ description: 'A departure as collected (人员减少)' })
export class DepartureProposal {
  @Field(() => DepartureKind)
  kind!: DepartureKind;

  @Field(() => LocalDate)
  on!: string;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

/** What the collector proposed, as stored: a fact's value, an arrival or a departure. */
export type Proposed = { value: string | null } | ArrivalProposal | DepartureProposal;

/**
 * One thing grid staff collected that population's registry staff must verify before it is on the register
 * (待核实事项), in the workflow PENDING → APPLIED | REJECTED (workflow.ts). Kept after it is decided: the collector
 * reads the reason, and the history rows of an applied change name its visit.
 */
@ObjectType({ description: 'A change collected on a visit, waiting for population’s verification (待核实事项)' })
@Shared(WORKLIST_READERS)
@PersonalData({ location: (change: CollectedChange) => placeOfRecord(change) })
@Entity({ tableName: 'collected_change' })
@Index({ properties: ['status', 'dueOn'] })
@Index({ properties: ['buildingId', 'status'] })
@Index({ properties: ['visitId'] })
export class CollectedChange {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => CollectedChangeKind)
  @Enum({ items: () => CollectedChangeKind })
  kind!: CollectedChangeKind;

  /** the member it is about (FACT, DEPARTURE); the resident registered, once an ARRIVAL is verified */
  @Property({ type: 'uuid', nullable: true })
  residentId?: string | null;

  @Property({ type: 'uuid' })
  householdId!: string;

  @Property({ type: 'uuid' })
  buildingId!: string;

  @Property({ type: 'string', columnType: 'char(12)' })
  communityCode!: string;

  @Field(() => String, { nullable: true, description: 'The field of Resident (FACT), e.g. "maritalStatus"' })
  @Property({ type: 'text', nullable: true })
  field?: string | null;

  @Property({ type: 'jsonb' })
  proposed!: Proposed;

  @Field({ description: 'Who collected it (采集人, token subject)' })
  @Property({ type: 'text' })
  collectedBy!: string;

  @Field(() => ID, { description: 'The visit it was collected on (grid’s Visit id)' })
  @Property({ type: 'uuid' })
  visitId!: string;

  @Field({ description: 'When it was collected (采集时间): the visit’s time' })
  @Property({ type: 'timestamptz' })
  collectedAt!: Date;

  @Field(() => LocalDate, { description: 'The last working day to decide it on time (核实期限)' })
  @Property({ type: 'date' })
  dueOn!: string;

  @Field(() => CollectedChangeStatus)
  @Enum({ items: () => CollectedChangeStatus })
  status!: CollectedChangeStatus;

  @Field(() => String, { nullable: true, description: 'Who verified or rejected it (核实人)' })
  @Property({ type: 'text', nullable: true })
  decidedBy?: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was decided (核实时间)' })
  @Property({ type: 'timestamptz', nullable: true })
  decidedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was rejected (不予采纳原因), for the collector' })
  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  /** the idempotency key the decision was sent with: the decider's retry answers the decision instead of refusing it */
  @Property({ type: 'text', nullable: true })
  decisionKey?: string | null;
}

/** The answer a visit's collection got, kept so that a retry with the same key answers the same parts. */
@Entity({ tableName: 'collection_receipt' })
export class CollectionReceipt {
  /** the visit id (visitIdFor(collector, key)) */
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  householdId!: string;

  @Property({ type: 'jsonb' })
  parts!: unknown[];

  @Property({ type: 'timestamptz' })
  at!: Date;
}
