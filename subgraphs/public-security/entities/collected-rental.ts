import { ArrayType, Entity, Enum, Index, JsonType, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { PersonalData } from '../../../lib/auth/rules';
import { ListSize } from '../../../lib/graphql/list-size';
import { LocalDate } from '../../../lib/graphql/scalars';
import { collectedPlaceIn } from '../collection/scope';
import { CollectedStatus, RiskLevel } from './enums';
import { collectedRentalSubjects } from '../audit-subjects';

@ObjectType({ description: 'A tenant a grid visit found (采集的租客), as the collector sent it' })
export class CollectedTenant {
  @Field({ description: 'Which part of the form it was, e.g. "tenants[0]"' })
  part!: string;

  @Field(() => ID, { description: 'The tenant, a resident on population’s register' })
  residentId!: string;

  @Field(() => LocalDate, { description: 'Moved in on (入住日期), as the tenant said' })
  movedInOn!: string;
}

/**
 * A rental or its tenants collected on a grid visit, waiting for the police (待核实事项): either a let room found in the
 * visited household (`room`, `landlordId`) or a registered rental (`rentalId`), with the tenants found living there.
 * Public security does not ask the graph while grid's visit asks it back, so the item keeps the visited household and
 * where the collector could have been (their data scope, `scope*`); the building is known once the rental is (a
 * registered rental's, or the household's at verification).
 */
@ObjectType({
  description:
    'A rental or tenants collected on a grid visit, in the police’s worklist (采集待核实的出租房屋和租客): verified and registered, or rejected with a reason the collector sees',
})
@PersonalData<CollectedRental>({ location: collectedPlaceIn, subjects: collectedRentalSubjects })
@Entity({ tableName: 'collected_rental' })
@Index({ properties: ['status', 'dueAt'] })
export class CollectedRental {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => ID, { description: 'The visit it was collected on (走访), as grid names it' })
  @Index()
  @Property({ type: 'uuid' })
  visitId!: string;

  @Field({ description: 'Who collected it (采集人): the subject of their token' })
  @Index()
  @Property({ type: 'text' })
  collectedBy!: string;

  @Field({ description: 'When it was collected (采集时间)' })
  @Property({ type: 'timestamptz' })
  collectedAt!: Date;

  @Field(() => ID, { description: 'The visited household (population’s key)' })
  @Property({ type: 'uuid' })
  householdId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The let room found (房间), null when the tenants are for a registered rental',
  })
  @Property({ type: 'text', nullable: true })
  room?: string | null;

  @Field(() => ID, { nullable: true, description: 'The landlord named (房东), a resident on population’s register' })
  @Property({ type: 'uuid', nullable: true })
  landlordId?: string | null;

  @Field(() => String, { nullable: true, description: 'What the collector saw (现场情况)' })
  @Property({ type: 'text', nullable: true })
  note?: string | null;

  /** the registered rental the tenants were found in, or the rental verifying registered */
  @Property({ type: 'uuid', nullable: true })
  rentalId?: string | null;

  /** a let room has one to a few tenants */
  @ListSize(3)
  @Field(() => [CollectedTenant], { description: 'The tenants found (租客)' })
  @Property({ type: JsonType, columnType: 'jsonb' })
  tenants!: CollectedTenant[];

  @Field(() => CollectedStatus)
  @Enum({ items: () => CollectedStatus })
  status!: CollectedStatus;

  @Field({ description: 'To be verified by (核实时限): the end of a working day, lib/calendar' })
  @Property({ type: 'timestamptz' })
  dueAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was verified or rejected' })
  @Property({ type: 'timestamptz', nullable: true })
  decidedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Who verified or rejected it (核实人)' })
  @Property({ type: 'text', nullable: true })
  decidedBy?: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was rejected (退回原因), for the collector' })
  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  @Field(() => RiskLevel, { nullable: true, description: 'The risk level the verifying officer assessed (风险等级)' })
  @Enum({ items: () => RiskLevel, nullable: true })
  riskLevel?: RiskLevel | null;

  /** population's building and its community, once known */
  @Property({ type: 'uuid', nullable: true })
  buildingId?: string | null;

  @Property({ type: 'string', columnType: 'char(12)', nullable: true })
  communityCode?: string | null;

  /** the grids (region keys) the collector serves: their token's scope, what the counts per grid group by */
  @Property({ type: ArrayType, columnType: 'uuid[]' })
  collectorRegions!: string[];

  /** where the household can be while its building is not known: the collector's data scope */
  @Property({ type: 'boolean' })
  scopeAll!: boolean;

  @Property({ type: ArrayType, columnType: 'uuid[]' })
  scopeBuildings!: string[];

  @Property({ type: ArrayType, columnType: 'text[]' })
  scopeCodes!: string[];
}
