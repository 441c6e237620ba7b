import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * One line of a department's append-only audit log (审计日志): who read or changed (the actor) which records' fields,
 * about which residents (the data subjects), when, why, and in which gateway request. Every department has the table in its own database (./migration.ts, which
 * forbids UPDATE, DELETE and TRUNCATE); rows are written and read with plain SQL, outside the ORM's unit of work.
 */
@Directive('@shareable')
@ObjectType({ description: 'A line of a department’s audit log (审计日志)' })
export class AuditEntry {
  @Field(() => ID)
  id!: string;

  @Field()
  at!: Date;

  @Field({ description: 'Ties the rows of every department to one gateway request' })
  requestId!: string;

  @Field({ description: 'Who read or changed (the actor, 操作人): the caller’s subject' })
  actor!: string;

  @Field({ deprecationReason: 'the caller is `actor`; the residents the rows are about are `dataSubjects`' })
  subject!: string;

  @Field(() => [String], {
    description: 'Whose personal data the records hold (数据主体): the residents, by population’s key',
  })
  dataSubjects!: string[];

  @Field()
  department!: string;

  @Field()
  role!: string;

  @Field(() => String, { nullable: true, description: 'GraphQL operation name' })
  operation!: string | null;

  @Field({ description: 'READ or WRITE' })
  kind!: string;

  @Field()
  recordType!: string;

  @Field(() => [String])
  recordIds!: string[];

  @Field(() => [String])
  fields!: string[];

  @Field(() => String, { nullable: true, description: 'Stated purpose (X-Purpose), e.g. the case or event served' })
  purpose!: string | null;

  @Field({ description: 'ALLOWED, DENIED or FAILED' })
  outcome!: string;
}
