import { type ClassType, Arg, Ctx, Directive, Field, InputType, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { type AccessContext, denialReason } from '../auth/enforce';
import { forbidden, type Organization } from '../auth/identity';
import type { FieldRule } from '../auth/rules';
import type { RequestContext } from '../context';
import { type Department, OWNER } from '../departments';
import type { SqlCondition } from '../auth/scope-sql';
import { boundQuery } from '../db/prepared';
import { decodeKeys, encodeKeys, keyRows, keyRowsParam } from './keys';
import { matchFieldName, sectionName } from './names';

export const NOT_DESCRIPTION =
  'true: the residents who do NOT match this section (e.g. on no assistance: civilAffairs: { not: true })';

/**
 * What every department's cohort section has: `not` turns it into "residents who do NOT match". (A section with a
 * base class of its own, population's, declares `not` itself with the same description.)
 */
@InputType('CohortSection', { description: 'What every cohort section has' })
export abstract class CohortSectionInput {
  @Field({ nullable: true, description: NOT_DESCRIPTION })
  not?: boolean;
}

/** A department's answer to its part of a cohort: internal to the hub (the planner asks; clients cannot). */
@Directive('@shareable')
@Directive('@inaccessible')
@ObjectType({ description: 'Keys of the records that match one department’s section of a cohort' })
export class CohortMatch {
  @Field({
    description:
      'Resident, or Building or Household (grid matches places and visited households, population turns them into residents)',
  })
  keyType!: string;

  @Field(() => Int, {
    description:
      'How many keys the department expects, from its own statistics (the planner asks the most selective first)',
  })
  estimate!: number;

  @Field(() => Int, { nullable: true })
  count?: number;

  @Field(() => String, {
    nullable: true,
    description: 'The matching keys, packed (lib/cohort/keys.ts); none when only an estimate was asked',
  })
  keys?: string | null;
}

export interface MatchInput {
  /** keep only these keys (the planner's candidates so far) */
  candidates: string[] | null;
  /** population: residents of these buildings only (what grid's section matched) */
  buildings: string[] | null;
  /** population: residents of these households only (what grid's visits section matched) */
  households: string[] | null;
}

/**
 * One department's cohort section: its conditions (the input class, in the department's own code) and the SQL that
 * answers them over its own tables. Adding a condition is one field on the class and one clause in `query`.
 */
export interface CohortSection<Where extends { not?: boolean }> {
  /** its name in CohortFilter when it is a department's further section: the department's name and a suffix (`gridActivity`) */
  name?: string;
  input: ClassType<Where>;
  keyType: 'Resident' | 'Building' | 'Household';
  /** the rule of the field a condition reads (filtering on a field is reading it); unlisted conditions are unconditional */
  rules?: Partial<Record<keyof Where, FieldRule>>;
  /** `select <key> as k from …` over the department's own tables, for the given conditions */
  query(where: Where, ctx: RequestContext, input: MatchInput): SqlCondition;
}

/** The conditions a section sets (everything but `not`). */
export const conditionsOf = (where: object) =>
  Object.entries(where)
    .filter(([key, value]) => key !== 'not' && value !== undefined && value !== null)
    .map(([key]) => key);

/** The section's keys among the candidates (joined as rows: `keyRows`). */
function withinCandidates(base: SqlCondition, candidates: string[]): SqlCondition {
  return {
    sql: `select m.k from ${keyRows('c')} join (${base.sql}) m on m.k = c.id`,
    // the candidates' placeholder comes first in the statement
    params: [keyRowsParam(candidates), ...base.params],
  };
}

async function estimateRows(ctx: RequestContext, query: SqlCondition): Promise<number> {
  const [row] = await boundQuery<{ 'QUERY PLAN': { Plan: { 'Plan Rows': number } }[] }>(
    ctx.em,
    `explain (format json) ${query.sql}`,
    query.params,
  );
  return Math.round(row['QUERY PLAN'][0].Plan['Plan Rows']);
}

/**
 * The department's internal operation answering its section of a cohort: refuses a condition on data the caller may
 * not read (before any key is sought), estimates from the planner statistics, or returns the matching keys (inside
 * the candidates given), and audits the question: which conditions, how many matched.
 */
export function cohortMatchResolver<Where extends { not?: boolean }>(
  department: Department,
  section: CohortSection<Where>,
) {
  const owner: Organization = OWNER[department];
  const name = section.name ?? sectionName(department);
  @Resolver()
  class CohortMatchResolver {
    @Directive('@inaccessible')
    @Query(() => CohortMatch, {
      name: matchFieldName(name),
      description: `${department}'s part of a cohort (internal: the cohort planner asks it)`,
    })
    async match(
      @Arg('where', () => section.input) where: Where,
      @Arg('candidates', () => String, { nullable: true }) candidates: string | undefined,
      @Arg('buildings', () => String, { nullable: true }) buildings: string | undefined,
      @Arg('households', () => String, { nullable: true }) households: string | undefined,
      @Arg('estimateOnly', () => Boolean, { nullable: true }) estimateOnly: boolean | undefined,
      @Ctx() ctx: RequestContext & AccessContext,
    ): Promise<CohortMatch> {
      const conditions = conditionsOf(where);
      for (const condition of conditions) {
        const rule = section.rules?.[condition as keyof Where];
        const reason = rule && denialReason(rule, owner, ctx.identity, `the cohort condition ${name}.${condition}`);
        if (reason) {
          ctx.audit.note('READ', 'Resident', undefined, `cohort.${condition}`, 'DENIED');
          throw forbidden(reason);
        }
      }
      // an empty string is an empty set of keys, not a missing one
      const decoded = (packed: string | undefined) => (packed != null ? decodeKeys(packed) : null);
      const input: MatchInput = {
        candidates: decoded(candidates),
        buildings: decoded(buildings),
        households: decoded(households),
      };
      const base = section.query(where, ctx, input);
      const query = input.candidates ? withinCandidates(base, input.candidates) : base;
      if (estimateOnly) return { keyType: section.keyType, estimate: await estimateRows(ctx, query) };
      const rows = await boundQuery<{ k: string }>(ctx.em, query.sql, query.params);
      const fields = ['cohort', ...conditions.map((c) => `cohort.${c}`), `cohort.matched=${rows.length}`];
      for (const field of fields) ctx.audit.note('READ', section.keyType, undefined, field);
      return {
        keyType: section.keyType,
        estimate: rows.length,
        count: rows.length,
        keys: encodeKeys(rows.map((r) => r.k)),
      };
    }
  }
  return CohortMatchResolver;
}
