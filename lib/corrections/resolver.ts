import { randomUUID } from 'node:crypto';
import { LockMode, OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Info, Mutation, Query, Resolver } from 'type-graphql';
import { maskFor } from '../auth/enforce';
import { forbidden } from '../auth/identity';
import { isResident } from '../auth/resident';
import { Shared } from '../auth/rules';
import { inScope, placeOfRecord } from '../auth/scope';
import { scopeSql, type SqlCondition } from '../auth/scope-sql';
import { today } from '../calendar';
import { formatTrackingCode, newTrackingCode } from '../codes/tracking-code';
import type { RequestContext } from '../context';
import { type Department, OWNER } from '../departments';
import { badInput, conflict, notVisible, requireId } from '../errors';
import { ListSize } from '../graphql/list-size';
import { findPageWhere } from '../graphql/page-query';
import { PageArgs, readPage } from '../graphql/paging';
import { CreateOnce, withoutKey } from '../writes/idempotency';
import { inTransaction } from '../writes/unit-of-work';
import type { CorrectableFact as Fact, CorrectionDeclaration } from './declaration';
import { correctionDueOn, correctionOverdue } from './due';
import { CorrectionRecord } from './entity';
import { correctionFields } from './names';
import {
  CorrectableFact,
  CorrectionRequest,
  CorrectionRequestConnection,
  CorrectionStatusValue,
  DecideCorrectionInput,
  FileCorrectionInput,
} from './types';
import { CORRECTION_WORKFLOW, type CorrectionStatus } from './workflow';

const MAX_TEXT = 500;

/** A reason as the other side reads it: trimmed, 1 to 500 characters. */
function readReason(text: string | null | undefined, field: string, who: string): string {
  const reason = text?.trim() ?? '';
  if (!reason || reason.length > MAX_TEXT)
    throw badInput(`${field} must be 1 to ${MAX_TEXT} characters: ${who} reads it`, field);
  return reason;
}

/** The register id of the resident a request is on behalf of: only a resident's own token the gateway confirmed. */
function ownResident(ctx: RequestContext, field: string): string {
  const own = ctx.identity.resident;
  if (!isResident(ctx.identity) || !own?.confirmed || !own.id)
    throw forbidden(
      `${field} is the resident’s own: only a resident, signed in, files and follows corrections of their record`,
    );
  return own.id;
}

/**
 * A department's correction requests (申请更正, PIPL art. 46) from its declared correctable facts: the resident files
 * and follows their own (`<dept>FileCorrection`, `<dept>Corrections`), the department's officials list them in their
 * scope with due dates (`<dept>CorrectionWorklist`) and decide them (`decide<Dept>Correction`): accepting applies the
 * value through the fact's own change path (history row, version check), rejecting keeps the record with a reason the
 * resident reads. The fields are named per department, so that each department's compose beside the others'.
 */
export function createCorrectionResolver<C extends RequestContext>(
  department: Department,
  declaration: CorrectionDeclaration<C>,
) {
  const names = correctionFields(department);
  const owner = OWNER[department];
  const facts = new Map<string, Fact<C>>(declaration.facts.map((f) => [f.fact, f]));

  /** A stored request as GraphQL answers it; a resident's own are marked theirs (lib/auth/enforce.ts). */
  const view = (ctx: RequestContext, row: CorrectionRecord): CorrectionRequest => {
    const fact = facts.get(row.fact);
    const resident = isResident(ctx.identity);
    const shown = (value: string | null) =>
      value === null || resident || !fact?.mask ? value : (maskFor(fact.mask, ctx.identity, value) as string);
    const answer: CorrectionRequest = {
      id: row.id,
      trackingCode: formatTrackingCode(row.trackingCode),
      department: owner,
      fact: row.fact,
      label: fact?.label ?? row.fact,
      residentId: row.residentId,
      currentValue: shown(row.currentValue),
      requestedValue: shown(row.requestedValue) as string,
      reason: row.reason,
      status: row.status,
      filedAt: row.filedAt,
      dueOn: row.dueOn,
      overdue: correctionOverdue(row),
      decisionReason: row.decisionReason,
      decidedAt: row.decidedAt,
      version: row.version,
      buildingId: row.buildingId,
      communityCode: row.communityCode,
    };
    if (resident) ctx.scopeDecisions.set(answer, row.residentId === ctx.identity.resident?.id);
    return answer;
  };

  const OVERDUE = `(t.status = 'PENDING' and t.due_on < ?::date)`;
  const worklistCondition = (ctx: C, status?: string | null, overdue?: boolean | null): SqlCondition => {
    const parts: SqlCondition[] = [
      scopeSql(ctx.identity.resolvedScope, { building: 't.building_id', communityCode: 't.community_code' }),
    ];
    if (status) parts.push({ sql: 't.status = ?', params: [status] });
    if (overdue != null) parts.push({ sql: overdue ? OVERDUE : `not ${OVERDUE}`, params: [today()] });
    return { sql: parts.map((p) => p.sql).join(' and '), params: parts.flatMap((p) => p.params) };
  };

  /** A request in the official's scope, locked for the decision; missing and out of scope answer alike. */
  const locked = async (tx: C, id: string): Promise<CorrectionRecord> => {
    const row = await tx.em.findOne(
      CorrectionRecord,
      { id: requireId(id, 'input.id') },
      {
        lockMode: LockMode.PESSIMISTIC_WRITE,
      },
    );
    if (!row || !inScope(tx.identity.resolvedScope, placeOfRecord(row))) throw notVisible('CorrectionRequest', id);
    return row;
  };

  @Resolver()
  class CorrectionResolver {
    @ListSize(declaration.facts.length)
    @Query(() => [CorrectableFact], {
      name: names.facts,
      description: `The facts of a person ${owner} lets the person ask to correct (可申请更正的信息)`,
    })
    correctableFacts(): CorrectableFact[] {
      return declaration.facts.map((f) => ({ department: owner, fact: f.fact, label: f.label }));
    }

    @Mutation(() => CorrectionRequest, {
      name: names.file,
      description: `Files a correction of a fact ${owner} keeps about you (申请更正, PIPL art. 46), for a resident’s own token only: it goes to ${owner}'s worklist, due in working days; the same idempotencyKey again answers the same request`,
    })
    async fileCorrection(
      @Arg('input', () => FileCorrectionInput) input: FileCorrectionInput,
      @Ctx() ctx: C,
      @Info() info: GraphQLResolveInfo,
    ): Promise<CorrectionRequest> {
      const residentId = ownResident(ctx, names.file);
      const fact = facts.get(input.fact?.trim());
      if (!fact)
        throw badInput(
          `fact "${input.fact}" is not one ${owner} lets a person correct; it takes: ${[...facts.keys()].join(', ')}`,
          'input.fact',
        );
      const reason = readReason(input.reason, 'input.reason', 'the official who decides');
      const value = input.correctValue?.trim() ?? '';
      if (!value) throw badInput(`correctValue must say what your ${fact.label} should be`, 'input.correctValue');
      const once = new CreateOnce(ctx, names.file, input.idempotencyKey, withoutKey(input), async (c, id) => {
        const row = await c.em.findOne(CorrectionRecord, { id, residentId });
        return row ? view(c, row) : null;
      });
      const earlier = await once.earlier();
      if (earlier) return earlier;
      const call = { ctx, residentId, schema: info.schema };
      const current = await fact.current(call);
      if (current === undefined) throw badInput(`${owner} keeps no ${fact.label} of yours to correct`, 'input.fact');
      const problem = await fact.problem(call, value);
      if (problem) throw badInput(problem, 'input.correctValue');
      if (current === value)
        throw badInput(`your ${fact.label} is already ${value} on the record`, 'input.correctValue');
      const place = await declaration.placeOf(ctx, residentId);
      return once.create(async (tx) => {
        const filedAt = new Date();
        const row = tx.em.create(CorrectionRecord, {
          id: randomUUID(),
          trackingCode: newTrackingCode(),
          residentId,
          fact: fact.fact,
          currentValue: current,
          requestedValue: value,
          reason,
          status: 'PENDING',
          filedBy: tx.identity.subject,
          filedAt,
          dueOn: correctionDueOn(filedAt),
          buildingId: place?.buildingId ?? null,
          communityCode: place?.communityCode ?? null,
          decidedBy: null,
          decidedAt: null,
          decisionReason: null,
        } as CorrectionRecord);
        await tx.em.flush();
        return view(tx, row);
      });
    }

    /** a person files a few */
    @ListSize(4)
    @Query(() => [CorrectionRequest], {
      name: names.own,
      description: `Your own correction requests at ${owner}, newest first, for a resident’s own token only`,
    })
    async ownCorrections(@Ctx() ctx: C): Promise<CorrectionRequest[]> {
      const residentId = ownResident(ctx, names.own);
      const rows = await ctx.em.find(CorrectionRecord, { residentId }, { orderBy: { filedAt: 'desc', id: 'asc' } });
      return rows.map((row) => view(ctx, row));
    }

    @Shared(declaration.deciders)
    @Query(() => CorrectionRequestConnection, {
      name: names.worklist,
      nullable: true,
      description: `Residents’ correction requests of ${owner}'s records in your data scope (更正申请), a page at a time (ordered by id)`,
    })
    async worklist(
      @Arg('status', () => CorrectionStatusValue, { nullable: true }) status: CorrectionStatus | undefined,
      @Arg('overdue', () => Boolean, {
        nullable: true,
        description: 'Only those past (true) or not past (false) their due day',
      })
      overdue: boolean | undefined,
      @Args() paging: PageArgs,
      @Ctx() ctx: C,
    ) {
      const page = await findPageWhere(
        ctx.em,
        CorrectionRecord,
        'correction_request',
        worklistCondition(ctx, status, overdue),
        readPage(paging),
      );
      const nodes = page.nodes.map((row) => view(ctx, row));
      return { ...page, nodes, edges: page.edges.map((edge, i) => ({ ...edge, node: nodes[i] })) };
    }

    @Shared(declaration.deciders)
    @Mutation(() => CorrectionRequest, {
      name: names.decide,
      description: `Decides a resident’s correction request of ${owner}'s record: ACCEPT applies the value through its normal change (a history row, the record’s version checked), REJECT keeps the record with a reason the resident reads. A request already decided is INVALID_TRANSITION; one changed since \`version\` is CONFLICT`,
    })
    async decide(
      @Arg('input', () => DecideCorrectionInput) input: DecideCorrectionInput,
      @Ctx() ctx: C,
      @Info() info: GraphQLResolveInfo,
    ): Promise<CorrectionRequest> {
      const reject = input.decision === 'REJECT';
      const reason = reject
        ? readReason(input.reason, 'input.reason', 'the resident')
        : input.reason?.trim()
          ? readReason(input.reason, 'input.reason', 'the resident')
          : null;
      try {
        return await inTransaction(ctx, async (tx) => {
          const row = await locked(tx, input.id);
          const next = CORRECTION_WORKFLOW.next(row.id, row.status, input.decision);
          if (row.version !== input.version)
            throw conflict(
              `correction request ${row.id} has changed since version ${input.version} (it is now version ${row.version}): read it again`,
            );
          if (!reject) {
            const fact = facts.get(row.fact);
            if (!fact)
              throw badInput(`${owner} no longer takes corrections of ${row.fact}; reject it, saying so`, 'input.id');
            const problem = await fact.problem(
              { ctx: tx, residentId: row.residentId, schema: info.schema },
              row.requestedValue,
            );
            if (problem) throw badInput(`${problem}; reject the request with this reason`, 'input.id');
            await fact.apply({ ctx: tx, residentId: row.residentId, schema: info.schema }, row.requestedValue);
          }
          row.status = next;
          row.decidedBy = tx.identity.subject;
          row.decidedAt = new Date();
          row.decisionReason = reason;
          await tx.em.flush();
          return view(tx, row);
        });
      } catch (error) {
        if (error instanceof OptimisticLockError)
          throw conflict('the record changed while the correction was applied; read the request again and decide it');
        if (error instanceof UniqueConstraintViolationException)
          throw conflict(
            'the corrected value is already on another record (e.g. an ID number); reject the request, saying so',
          );
        throw error;
      }
    }
  }
  return CorrectionResolver;
}
