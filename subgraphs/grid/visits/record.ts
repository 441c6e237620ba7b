import { formatInstant } from '../../../lib/calendar';
import { refuseOutsideScope } from '../../../lib/auth/enforce';
import { visitIdFor } from '../../../lib/collection/visit-id';
import { CreateOnce, readIdempotencyKey } from '../../../lib/writes/idempotency';
import { inTransaction } from '../../../lib/writes/unit-of-work';
import { CollectionOutcome, type CollectedPart } from '../../../lib/collection/outcome';
import { VisitPart } from '../entities/visit-part';
import { deliverVisit, ownersWithParts } from './deliver';
import { badInput, ErrorCode, notVisible, requireId } from '../../../lib/errors';
import { GraphQLError } from 'graphql';
import { EventSource } from '../entities/event';
import { inSubtree } from '../entities/region';
import { Visit } from '../entities/visit';
import { recordReport } from '../events/store';
import type { GridContext } from '../loaders';
import { namedResidents, refuseUnseenResidents } from '../events/named-residents';
import type { RecordVisitInput } from '../resolvers/visit.inputs';

const MAX_FINDINGS = 4000;

/**
 * The visitor serves the visited building's grid (网格): a region at or above the grid (the grid, its community,
 * street, district) or inside it (one of its micro-grids). A worker of another grid cannot sign a visit here.
 */
const SERVES_GRID_OF_BUILDING = `
  select 1 from building_assignment a
    join region m on m.id = a.micro_grid_id
    join region g on g.level = 'GRID' and ${inSubtree('m', 'g')}
    join staff_region sr on sr.staff_id = ?
    join region r on r.id = sr.region_id
   where a.building_id = ? and ((${inSubtree('g', 'r')}) or (${inSubtree('r', 'g')}))
   limit 1`;

/**
 * A visit reads and collects residents' data for the departments that own it, which they share with grid staff for a
 * stated purpose only (有条件共享): the visit says its purpose (X-Purpose) before anything is asked.
 */
function refuseWithoutPurpose(ctx: GridContext): void {
  if (ctx.identity.purpose?.trim()) return;
  throw new GraphQLError(
    'a visit collects residents’ data for the departments that own it: state its purpose in the X-Purpose header (e.g. "入户走访 2026-12")',
    { extensions: { code: ErrorCode.FORBIDDEN } },
  );
}

/** The most items a visit may carry in all: each is a part its owner answers for, in one request. */
const MAX_COLLECTED_ITEMS = 60;

function refuseOversizedCollection(input: RecordVisitInput): void {
  const c = input.collected;
  const items =
    (c?.population?.facts?.length ?? 0) +
    (c?.population?.arrivals?.length ?? 0) +
    (c?.population?.departures?.length ?? 0) +
    (c?.publicSecurity?.tenants?.length ?? 0) +
    (c?.publicSecurity?.rental ? 1 : 0) +
    (c?.civilAffairs?.applications?.length ?? 0);
  if (items > MAX_COLLECTED_ITEMS)
    throw badInput(
      `collected carries ${items} items; a visit may carry at most ${MAX_COLLECTED_ITEMS}: record the rest with a second visit`,
      'collected',
    );
}

/**
 * Records a visit, the event its finding raises, and what it collected for the departments that own it
 * (一次采集、多方共享): each owner's part is handed to it first, through the gateway as the collector (deliver.ts),
 * and decided there in the owner's own transaction; then the visit, its event and each part's answer are recorded here
 * in ONE transaction. The visit's id comes from the collector and the idempotency key (visitIdFor), so every owner names
 * the same visit. Sent again with the same key: nothing is recorded twice, and the parts not delivered are delivered.
 */
export async function recordVisit(ctx: GridContext, input: RecordVisitInput): Promise<Visit> {
  const householdId = requireId(input.householdId, 'householdId');
  const staffId = requireId(input.staffId, 'staffId');
  const residentId = input.residentId ? requireId(input.residentId, 'residentId') : null;
  const findings = input.findings?.trim() ?? '';
  if (!findings) throw badInput('findings must not be empty: say what the visit found (e.g. "一切正常")', 'findings');
  if (findings.length > MAX_FINDINGS) throw badInput(`findings is longer than ${MAX_FINDINGS} characters`, 'findings');
  refuseOversizedCollection(input);
  refuseWithoutPurpose(ctx);
  const { idempotencyKey, ...content } = input;
  const once = new CreateOnce(ctx, 'recordVisit', idempotencyKey, content, (c, id) => c.em.findOne(Visit, { id }));
  const earlier = await once.earlier();
  if (earlier) return deliverWhatWasNot(ctx, earlier, input);
  const visitedAt = input.visitedAt ?? new Date();
  if (visitedAt.getTime() > Date.now() + 60_000)
    throw badInput(`visitedAt ${formatInstant(visitedAt)} is in the future`, 'visitedAt');
  if (!(await ctx.loaders.staff.load(staffId)))
    throw badInput(`staffId ${staffId} is no member of the grid workforce`, 'staffId');

  // each owner's part, and where the household is, in one request to the graph as the caller, before the transaction
  const named = namedResidents(input.raiseEvent?.residentIds);
  const delivery = await deliverVisit(
    ctx,
    { householdId, idempotencyKey: input.idempotencyKey, visitedAt: input.visitedAt, collected: input.collected },
    residentsNamedBy(input),
    ownersWithParts(input.collected),
  );
  const household = delivery.household;
  refuseUnseenResidents(ctx, [...(residentId ? [residentId] : []), ...named], delivery.visibleResidentIds);
  if (residentId && !household.members.some((m) => m.id.toLowerCase() === residentId))
    throw badInput(`resident ${residentId} is not a member of household ${householdId}`, 'residentId');
  const place = { buildingId: household.building.id, communityCode: household.building.communityCode };
  refuseOutsideScope(ctx, 'Household', householdId, place, () => notVisible('Household', householdId));
  if ((await ctx.em.execute(SERVES_GRID_OF_BUILDING, [staffId, place.buildingId])).length === 0)
    throw badInput(
      `staff member ${staffId} does not serve the grid of household ${householdId}: record the visit under a member of that grid’s workforce`,
      'staffId',
    );

  return once.create(async (txc) => {
    const tx = txc.em;
    const visit = tx.create(Visit, {
      id: visitIdFor(ctx.identity.subject, readIdempotencyKey(idempotencyKey)),
      householdId,
      ...place,
      residentId,
      staff: staffId,
      recordedBy: ctx.identity.subject,
      visitedAt,
      kind: input.kind,
      findings,
      followUpNeeded: input.followUpNeeded ?? false,
      eventId: null,
    });
    await tx.flush();
    const parts = [...delivery.parts];
    if (input.raiseEvent) {
      const event = await recordReport(
        txc,
        { ...input.raiseEvent, idempotencyKey: `visit:${visit.id}`, buildingId: place.buildingId },
        EventSource.VISIT,
        visit.id,
      );
      visit.eventId = event.id;
      parts.push(gridPart('raiseEvent', event.id));
      await tx.flush();
    }
    await savePartAnswers(txc, visit.id, parts, 0);
    return visit;
  });
}

/** The residents the visit names (the one met, those its event names), each once: population says which may be named. */
const residentsNamedBy = (input: RecordVisitInput): string[] => [
  ...new Set([
    ...(input.residentId ? [requireId(input.residentId, 'residentId')] : []),
    ...namedResidents(input.raiseEvent?.residentIds),
  ]),
];

const gridPart = (part: string, recordId: string): CollectedPart => ({
  department: 'GRID',
  part,
  outcome: CollectionOutcome.APPLIED,
  reason: null,
  worklistItemId: null,
  recordId,
});

/** Keeps each part's answer, replacing what an earlier try said for the same part (a NOT_DELIVERED placeholder). */
async function savePartAnswers(ctx: GridContext, visitId: string, parts: CollectedPart[], firstSeq: number) {
  const answeredAt = new Date();
  for (const [i, p] of parts.entries()) {
    await ctx.em.execute(
      `insert into visit_part (visit_id, department, part, seq, outcome, reason, worklist_item_id, record_id, tracking_code, answered_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (visit_id, department, part) do update set outcome = excluded.outcome, reason = excluded.reason,
         worklist_item_id = excluded.worklist_item_id, record_id = excluded.record_id, tracking_code = excluded.tracking_code, answered_at = excluded.answered_at`,
      [
        visitId,
        p.department,
        p.part,
        firstSeq + i,
        p.outcome,
        p.reason ?? null,
        p.worklistItemId ?? null,
        p.recordId ?? null,
        p.trackingCode ?? null,
        answeredAt,
      ],
    );
  }
}

/**
 * The retry of a visit already recorded: the owners whose part was not delivered are sent it again (population's part
 * goes too, answered from its receipt, so every answer is of this try); what they answer replaces the placeholders.
 */
async function deliverWhatWasNot(ctx: GridContext, visit: Visit, input: RecordVisitInput): Promise<Visit> {
  const waiting = await ctx.em.find(VisitPart, { visitId: visit.id, outcome: CollectionOutcome.NOT_DELIVERED });
  if (!waiting.length) return visit;
  const owners = ownersWithParts(input.collected).filter((alias) => waiting.some((w) => w.part === alias));
  const delivery = await deliverVisit(
    ctx,
    {
      householdId: visit.householdId,
      idempotencyKey: input.idempotencyKey,
      visitedAt: input.visitedAt,
      collected: input.collected,
    },
    residentsNamedBy(input),
    owners,
  );
  const resent = new Set(waiting.filter((w) => owners.includes(w.part as never)).map((w) => w.department));
  const answers = delivery.parts.filter((p) => resent.has(p.department));
  const [{ seq }] = await ctx.em.execute<{ seq: number }[]>(
    'select coalesce(max(seq), -1) + 1 as seq from visit_part where visit_id = ?',
    [visit.id],
  );
  await inTransaction(ctx, async (tx) => {
    const delivered = answers.filter((p) => p.outcome !== CollectionOutcome.NOT_DELIVERED).map((p) => p.department);
    if (delivered.length)
      await tx.em.nativeDelete(VisitPart, {
        visitId: visit.id,
        outcome: CollectionOutcome.NOT_DELIVERED,
        department: { $in: delivered },
      });
    await savePartAnswers(tx, visit.id, answers, seq);
  });
  return visit;
}
