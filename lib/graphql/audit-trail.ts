import { Arg, Args, Ctx, Field, InputType, Query, Resolver } from 'type-graphql';
import type { Knex } from '@mikro-orm/knex';
import { Shared } from '../auth/rules';
import type { Organization } from '../auth/identity';
import { requireId } from '../errors';
import { ConnectionType, PageArgs, readPage, toConnection } from './paging';
import type { RequestContext } from '../context';
import { AuditEntry } from './audit-entry';

@InputType({ description: 'Narrows an audit trail; all given conditions must hold' })
export class AuditTrailFilter {
  @Field({ nullable: true, description: 'who read or changed (the actor)' })
  actor?: string;

  @Field({ nullable: true, deprecationReason: 'use `actor`' })
  subject?: string;

  @Field({ nullable: true, description: 'rows about this resident (a data subject)' })
  dataSubject?: string;

  @Field({ nullable: true, description: 'rows that touch this record id' })
  recordId?: string;

  @Field({ nullable: true, description: 'one gateway request' })
  requestId?: string;

  @Field(() => Date, { nullable: true })
  from?: Date;

  @Field(() => Date, { nullable: true })
  to?: Date;
}

const AuditEntryPage = ConnectionType(AuditEntry, 'AuditEntry', { shareable: true });

const camel = (name: string) => name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

/**
 * `<department>AuditTrail`: the department's audit log, newest first, for its own auditors only (不予共享).
 * Read with plain SQL on the department's own connection.
 */
export function createAuditTrailResolver(department: string, owner: Organization) {
  @Resolver()
  class AuditTrailResolver {
    @Shared({ sharing: 'NOT_SHARED', ownerRoles: ['AUDITOR'], note: `${owner} auditors only` })
    @Query(() => AuditEntryPage, {
      nullable: true,
      name: `${camel(department)}AuditTrail`,
      description: `${department}'s append-only audit log (审计日志), newest first`,
    })
    async auditTrail(
      @Args() paging: PageArgs,
      @Arg('filter', () => AuditTrailFilter, { nullable: true }) filter: AuditTrailFilter | undefined,
      @Ctx() { em }: RequestContext,
    ) {
      const page = readPage(paging);
      const knex = em.getConnection().getKnex() as unknown as Knex;
      const where = (q: Knex.QueryBuilder) => {
        const actor = filter?.actor ?? filter?.subject;
        if (actor) q.where('actor', actor);
        if (filter?.dataSubject) q.whereRaw('data_subjects @> array[?]::text[]', [filter.dataSubject]);
        if (filter?.requestId) q.where('request_id', filter.requestId);
        if (filter?.recordId) q.whereRaw('record_ids @> array[?]::text[]', [filter.recordId]);
        if (filter?.from) q.where('at', '>=', filter.from);
        if (filter?.to) q.where('at', '<', filter.to);
      };
      // the connection hands timestamptz back as PostgreSQL's text; JSON's form of it is ISO 8601, which Date reads
      const rowsQuery = knex('audit_log')
        .select('*', knex.raw(`to_json("at") #>> '{}' as at_iso`))
        .modify(where)
        .orderBy('id', 'desc')
        .limit(page.limit + 1);
      if (page.afterKey) rowsQuery.where('id', '<', requireNumeric(page.afterKey));
      const [rows, [{ count }]] = await Promise.all([rowsQuery, knex('audit_log').modify(where).count({ count: '*' })]);
      return toConnection(rows.map(toEntry), page, Number(count));
    }
  }
  return AuditTrailResolver;
}

function requireNumeric(key: string): string {
  if (!/^\d{1,19}$/.test(key)) requireId(key, 'after');
  return key;
}

function toEntry(row: Record<string, any>): AuditEntry {
  return {
    id: String(row.id),
    at: new Date(row.at_iso),
    requestId: row.request_id,
    actor: row.actor,
    subject: row.actor,
    dataSubjects: row.data_subjects,
    department: row.department,
    role: row.role,
    operation: row.operation,
    kind: row.kind,
    recordType: row.record_type,
    recordIds: row.record_ids,
    fields: row.fields,
    purpose: row.purpose,
    outcome: row.outcome,
  };
}
