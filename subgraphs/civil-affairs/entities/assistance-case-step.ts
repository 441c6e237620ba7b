import { Entity, Enum, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { Decimal } from '../../../lib/graphql/scalars';
import { AssistanceAction, AssistanceStatus } from './enums';

/**
 * One step in the history of an assistance case (办理记录): who did what, when and why. Append-only: a trigger
 * refuses UPDATE and DELETE, so the history is the record of how the case came to be where it is.
 */
@ObjectType({ description: 'A step in the history of an assistance case (办理记录)' })
@Entity({ tableName: 'assistance_case_step' })
@Unique({ properties: ['caseId', 'position'] })
export class AssistanceCaseStep {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  caseId!: string;

  /** 1, 2, 3 … in the order the steps were taken (two steps of one mutation share a timestamp) */
  @Property({ type: 'smallint' })
  position!: number;

  @Field(() => AssistanceAction)
  @Enum({ items: () => AssistanceAction })
  action!: AssistanceAction;

  @Field(() => AssistanceStatus, { nullable: true, description: 'Status before the step; null for the application' })
  @Enum({ items: () => AssistanceStatus, nullable: true })
  fromStatus?: AssistanceStatus | null;

  @Field(() => AssistanceStatus, { description: 'Status after the step' })
  @Enum({ items: () => AssistanceStatus })
  toStatus!: AssistanceStatus;

  @Field({ description: 'When the step was taken' })
  @Property({ type: 'timestamptz' })
  at!: Date;

  @Field({ description: 'Who took it (办理人): the subject of their token' })
  @Property({ type: 'text' })
  actor!: string;

  @Field(() => String, { nullable: true, description: 'Why (理由), as the caseworker wrote it' })
  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  @Field(() => Decimal, {
    nullable: true,
    description: 'The amount the step set (an approval, a review that changed it), yuan',
  })
  @Property({ type: 'decimal', precision: 12, scale: 2, nullable: true })
  amount?: string | null;
}
