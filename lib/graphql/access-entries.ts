import type { Knex } from '@mikro-orm/knex';
import { Arg, Args, Ctx, Directive, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { Shared } from '../auth/rules';
import type { Organization } from '../auth/identity';
import { type AccessVocabulary, describeRead } from '../audit/vocabulary';
import { badInput, requireId } from '../errors';
import { forbidden } from '../auth/identity';
import { isResident, RESIDENT } from '../auth/resident';
import type { RequestContext } from '../context';
import { ConnectionType, PageArgs, readPage, toConnection } from './paging';
import { accessEntriesField } from './access-entries-field';

@Directive('@shareable')
@ObjectType({ description: 'What was read or changed, in words (读取的内容): a record and its groups of fields' })
export class AccessedData {
  @Field({ description: 'The record, Chinese first, e.g. "低保等社会救助 (social assistance)"' })
  record!: string;

  @Field(() => [String], { description: 'Its groups of fields, Chinese first' })
  fields!: string[];
}

/**
 * One read or change of a resident's personal data by a department (个人信息查阅记录), as the resident's access report
 * tells it: when, the official's unit and role, the purpose and what — never the official's name (that stays in the
 * audit log for auditors).
 */
@Directive('@shareable')
@ObjectType({ description: 'A read or change of a resident’s personal data, for their access report (查阅记录)' })
export class AccessEntry {
  @Field(() => ID, { description: 'Opaque; entries of one department are in (at, id) order' })
  id!: string;

  @Field()
  at!: Date;

  @Field({ description: 'The department that read or changed (the official’s), e.g. CIVIL_AFFAIRS' })
  actorDepartment!: string;

  @Field({ description: 'The department whose records were read, and whose audit log holds the entry' })
  recordsOf!: string;

  @Field(() => [String], { description: 'The official’s unit: the regions (grid’s Region ids) their scope covers' })
  actorUnits!: string[];

  @Field({ description: 'The official’s role, e.g. CASEWORKER' })
  actorRole!: string;

  @Field(() => String, { nullable: true, description: 'The stated purpose (X-Purpose)' })
  purpose!: string | null;

  @Field({ description: 'READ or WRITE' })
  kind!: string;

  @Field(() => AccessedData)
  what!: AccessedData;
}

const AccessEntryPage = ConnectionType(AccessEntry, 'AccessEntry', { shareable: true });

/** The keyset of an entry: its time (as the database gives it, ISO 8601) and its row id. */
const keyOf = (atIso: string, id: string) => `${atIso}/${id}`;
function readKey(key: string): [string, string] {
  const [at, id] = key.split('/');
  if (!at || Number.isNaN(Date.parse(at)) || !/^\d{1,19}$/.test(id ?? ''))
    throw badInput('after is not a cursor this list issued; pass the endCursor of the previous page', 'after');
  return [at, id];
}

/**
 * `<department>AccessEntries`: the department's audit entries about one resident in a period, oldest first, paged by
 * (at, id) — the part of a resident's access report (myAccessReport) this department holds. Only successful reads and
 * changes (a refused one read nothing); what the law withholds from the person (supervision) is left out for everyone
 * alike, by the department's vocabulary; and the resident's own requests (`me`), which are not someone reading their
 * data. One SQL query on the department's own connection: the GIN index on `data_subjects` and the monthly partitions
 * of `audit_log` (pruned by `at`) find the rows.
 *
 * Who may ask: the resident desk for the resident the gateway confirmed, about that resident only (the resident's
 * access report, gateway/resident-desk), and the department's own AUDITOR (who already reads the whole audit trail).
 * A resident asking through the gateway themselves gets nothing (null), as from every other root field not theirs.
 */
export function createAccessEntriesResolver(department: string, owner: Organization, vocabulary: AccessVocabulary) {
  @Resolver()
  class AccessEntriesResolver {
    @Shared({
      sharing: 'NOT_SHARED',
      ownerRoles: ['AUDITOR'],
      residentDesk: true,
      note: `the resident desk for the signed resident themselves (myAccessReport); ${owner} auditors`,
    })
    @Query(() => AccessEntryPage, {
      nullable: true,
      name: accessEntriesField(department),
      description: `${department}'s reads and changes of one resident's personal data (个人信息查阅记录), oldest first`,
    })
    async accessEntries(
      @Arg('residentId', () => ID) residentId: string,
      @Arg('from', () => Date) from: Date,
      @Arg('to', () => Date) to: Date,
      @Args() paging: PageArgs,
      @Ctx() { em, identity }: RequestContext,
    ) {
      requireId(residentId, 'residentId');
      if (isResident(identity) && residentId.toLowerCase() !== identity.resident?.id)
        throw forbidden('a resident’s access report is about the signed-in resident only');
      if (!(from < to)) throw badInput('from must be before to', 'from');
      const page = readPage(paging);
      const knex = em.getConnection().getKnex() as unknown as Knex;
      const where = (q: Knex.QueryBuilder) => {
        q.whereRaw('data_subjects @> array[?]::text[]', [residentId.toLowerCase()])
          .where('outcome', 'ALLOWED')
          .whereNot('department', RESIDENT)
          .where('at', '>=', from)
          .where('at', '<', to);
        if (vocabulary.withheld.recordTypes.length) q.whereNotIn('record_type', vocabulary.withheld.recordTypes);
        for (const [type, fields] of Object.entries(withheldFieldsByType(vocabulary)))
          q.whereRaw('not (record_type = ? and fields <@ ?::text[])', [type, fields]);
      };
      // one statement, one plan: the resident's rows in the period are found once (a few hundred at most), counted and
      // paged from there; the count comes along even when the page is past the end
      const matched = knex('audit_log')
        .select('id', 'at', 'record_type', 'fields', 'actor_units', 'role', 'purpose', 'kind', 'department')
        .modify(where);
      const pageOf = knex('matched')
        .select('*')
        .select(knex.raw(`to_json("at") #>> '{}' as at_iso`))
        .orderBy([
          { column: 'at', order: 'asc' },
          { column: 'id', order: 'asc' },
        ])
        .limit(page.limit + 1);
      if (page.afterKey) {
        const [at, id] = readKey(page.afterKey);
        pageOf.whereRaw('("at", "id") > (?::timestamptz, ?::bigint)', [at, id]);
      }
      const found: Record<string, any>[] = await knex
        .with('matched', matched)
        .select('total.count', 'p.*')
        .from(knex('matched').count({ count: '*' }).as('total'))
        // knex binds a query builder in raw SQL as its parenthesised subquery; its types only admit values
        .joinRaw('left join lateral ? as p on true', [pageOf as unknown as Knex.Raw]);
      const count = found[0]?.count ?? 0;
      const rows = found.filter((row) => row.id !== null);
      const entries = rows.map(
        (row: Record<string, any>): AccessEntry => ({
          id: keyOf(row.at_iso, String(row.id)),
          at: new Date(row.at_iso),
          actorDepartment: row.department,
          recordsOf: owner,
          actorUnits: row.actor_units,
          actorRole: row.role,
          purpose: row.purpose,
          kind: row.kind,
          what: describeRead(vocabulary, row.record_type, row.fields),
        }),
      );
      return toConnection(entries, page, Number(count));
    }
  }
  return AccessEntriesResolver;
}

function withheldFieldsByType(vocabulary: AccessVocabulary): Record<string, string[]> {
  const byType: Record<string, string[]> = {};
  for (const entry of vocabulary.withheld.fields) {
    const [type, field] = entry.split('.');
    (byType[type] ??= []).push(field);
  }
  return byType;
}
