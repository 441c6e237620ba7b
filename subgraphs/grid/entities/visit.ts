import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { type FieldRule, PersonalData, Shared } from '../../../lib/auth/rules';
import { placeOfRecord } from '../../../lib/auth/scope';
import { Staff } from './staff';

export enum VisitKind {
  ROUTINE = 'ROUTINE',
  CARE = 'CARE',
  FOLLOW_UP = 'FOLLOW_UP',
  SAFETY_CHECK = 'SAFETY_CHECK',
}
registerEnumType(VisitKind, {
  name: 'VisitKind',
  description: 'Kind of visit (走访类型)',
  valuesConfig: {
    ROUTINE: { description: '日常走访 (the monthly round)' },
    CARE: { description: '关爱走访 (elderly living alone, people in need)' },
    FOLLOW_UP: { description: '回访' },
    SAFETY_CHECK: { description: '安全检查' },
  },
});

/** What a visit found is grid's: the hub's departments may read it for a stated purpose, nobody else. */
export const VISIT_RECORD: FieldRule = {
  sharing: 'CONDITIONAL',
  grantedTo: ['CIVIL_AFFAIRS:*', 'PUBLIC_SECURITY:*', 'POPULATION:*'],
};

/**
 * A visit to a household (走访). The household and resident are population's, by key; the building is kept (as
 * population said when the visit was recorded) so visits are counted per region and checked against the scope.
 */
@ObjectType({ description: 'A visit to a household (走访)' })
@PersonalData<Visit>({ location: placeOfRecord })
@Shared(VISIT_RECORD)
@Entity({ tableName: 'visit' })
@Index({ properties: ['householdId', 'visitedAt'] })
@Index({ properties: ['buildingId', 'visitedAt'] })
@Index({ properties: ['communityCode', 'visitedAt'] })
export class Visit {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  householdId!: string;

  @Property({ type: 'uuid' })
  buildingId!: string;

  @Property({ type: 'string', columnType: 'char(12)' })
  communityCode!: string;

  @Property({ type: 'uuid', nullable: true })
  residentId?: string | null;

  @ManyToOne(() => Staff, { ref: true })
  staff!: Ref<Staff>;

  @Property({ type: 'text' })
  recordedBy!: string;

  @Field({ description: 'When (走访时间)' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  visitedAt!: Date;

  @Field(() => VisitKind)
  @Enum({ items: () => VisitKind })
  kind!: VisitKind;

  @Field({ description: 'Findings (走访情况)' })
  @Property({ type: 'text' })
  findings!: string;

  @Field({ description: 'Needs a follow-up visit (需回访)' })
  @Property({ type: 'boolean', default: false })
  followUpNeeded: boolean = false;

  /** the event the visit raised, if any */
  @Property({ type: 'uuid', nullable: true })
  eventId?: string | null;
}
