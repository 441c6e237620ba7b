import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { LocalDate } from '../../../lib/graphql/scalars';
import { ChangeAction } from './enums';

/**
 * One change to one of public security's records (变更记录): who did what, on which day, and why. Append-only, one
 * table for every record type, read as the record's `history` (its readers are the record's readers).
 */
@ObjectType('PublicSecurityChange', { description: 'A change to a public-security record (变更记录)' })
@Entity({ tableName: 'change_history' })
@Index({ properties: ['recordId', 'at'] })
export class ChangeRecord {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** the entity the record is: Incident, RentalHousing, ResidencePermit, KeyPerson, GridPoliceAssignment */
  @Property({ type: 'text' })
  recordType!: string;

  @Property({ type: 'uuid' })
  recordId!: string;

  @Field(() => ChangeAction)
  @Enum({ items: () => ChangeAction })
  action!: ChangeAction;

  @Field(() => LocalDate, { description: 'The day it took effect (生效日期)' })
  @Property({ type: 'date' })
  effectiveOn!: string;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'For a permit: valid until after the change (有效期至); for an assignment: until (离任日期)',
  })
  @Property({ type: 'date', nullable: true })
  validUntil?: string | null;

  @Field({ description: 'When it was recorded' })
  @Property({ type: 'timestamptz' })
  at!: Date;

  @Field({ description: 'Who recorded it (经办人): the subject of their token' })
  @Property({ type: 'text' })
  actor!: string;

  @Field(() => String, { nullable: true, description: 'Why (理由), as the officer wrote it' })
  @Property({ type: 'text', nullable: true })
  reason?: string | null;
}
