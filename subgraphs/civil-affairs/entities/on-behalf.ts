import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { ConsentMethod } from '../../../lib/collection/inputs';
import { CollectedPart } from '../../../lib/collection/outcome';
import { ListSize } from '../../../lib/graphql/list-size';

/** The civil-affairs records grid staff may file on a resident's behalf (代办). */
export type FiledRecordType = 'ServiceApplication' | 'AssistanceCase';

/**
 * Who filed an application on a resident's behalf (代办) and the resident's consent: one row per application so filed,
 * written in the application's transaction. Civil affairs' own file (the caseworker sees who brought it in and how the
 * resident agreed); the filer is answered the receipt only (ServiceApplication.receipt).
 */
@ObjectType({ description: 'An application filed on a resident’s behalf (代办记录): who filed it and the consent' })
@Entity({ tableName: 'on_behalf_filing' })
export class FiledOnBehalf {
  /** the application's id (a service application's or an assistance case's) */
  @PrimaryKey({ type: 'uuid' })
  recordId!: string;

  @Enum({ items: ['ServiceApplication', 'AssistanceCase'] })
  recordType!: FiledRecordType;

  @Field(() => ID, { description: 'The resident it was filed for (被代办人)' })
  @Index()
  @Property({ type: 'uuid' })
  residentId!: string;

  @Field({ description: 'Who filed it (代办人): the subject of their token' })
  @Property({ type: 'text' })
  filedBy!: string;

  @Field({ description: 'Their department and role when they filed it, e.g. GRID:GRID_WORKER' })
  @Property({ type: 'text' })
  filedAs!: string;

  @Field(() => ConsentMethod, { description: 'How the resident agreed (授权方式)' })
  @Enum({ items: () => ConsentMethod })
  consentMethod!: ConsentMethod;

  @Field(() => String, { nullable: true, description: 'Witness or guardian (见证人 / 监护人)' })
  @Property({ type: 'text', nullable: true })
  consentWitness?: string | null;

  @Field(() => ID, { nullable: true, description: 'The visit it was filed on (走访), when filed with one' })
  @Property({ type: 'uuid', nullable: true })
  visitId?: string | null;

  @Field({ description: 'When it was filed' })
  @Property({ type: 'timestamptz' })
  filedAt!: Date;
}

/**
 * Civil affairs' answer to one visit's applications (fileOnBehalf), kept under the visit's id: a retry of the visit
 * answers these parts again and files nothing twice.
 */
@ObjectType({
  description: 'What civil affairs did with the applications a visit filed on residents’ behalf (代办回执)',
})
@Entity({ tableName: 'on_behalf_visit' })
export class OnBehalfFiling {
  [OptionalProps]?: 'visitId';

  /** the visit id (lib/collection/visit-id.ts) */
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  filedBy!: string;

  @Property({ type: 'uuid' })
  householdId!: string;

  /** a visit files one or two applications, a few at most */
  @ListSize(3)
  @Field(() => [CollectedPart], { description: 'One part per application, "applications[0]" …, in the order sent' })
  @Property({ type: 'json' })
  parts!: CollectedPart[];

  @Property({ type: 'timestamptz' })
  filedAt!: Date;

  @Field(() => ID, { description: 'The visit (visitIdFor(collector, idempotencyKey)) the applications were filed on' })
  get visitId(): string {
    return this.id;
  }
}
