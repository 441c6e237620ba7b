import { formatInstant } from '../../../lib/calendar';
import { randomUUID } from 'node:crypto';
import { refuseOutsideScope } from '../../../lib/auth/enforce';
import { CreateOnce } from '../../../lib/writes/idempotency';
import { askGraph } from '../../../lib/graph/ask';
import { badInput, notVisible, requireId } from '../../../lib/errors';
import { EventSource } from '../entities/event';
import { inSubtree } from '../entities/region';
import { Visit } from '../entities/visit';
import { recordReport } from '../events/store';
import type { GridContext } from '../loaders';
import { namedResidents, refuseUnseenResidents } from '../events/named-residents';
import type { RecordVisitInput } from '../resolvers/visit.inputs';

/**
 * Registered in gateway/trusted-documents.json: grid asks population where a household is, as the caller, before it
 * records a visit there (population answers only inside the caller's scope).
 */
export const VISITED_HOUSEHOLD =
  'query VisitedHousehold($id: ID!, $residentIds: [ID!]!) { household(id: $id) { id building { id communityCode } members { id } } residentsByIds(ids: $residentIds) { id } }';

interface Answer {
  household: { id: string; building: { id: string; communityCode: string }; members: { id: string }[] } | null;
  residentsByIds: { id: string }[];
}

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
 * Records a visit, and the event its finding raises, in ONE transaction: both or neither. The event is reported as
 * from the visit (source VISIT, idempotency key `visit:<visit id>`), at the household's building.
 */
export async function recordVisit(ctx: GridContext, input: RecordVisitInput): Promise<Visit> {
  const householdId = requireId(input.householdId, 'householdId');
  const staffId = requireId(input.staffId, 'staffId');
  const residentId = input.residentId ? requireId(input.residentId, 'residentId') : null;
  const findings = input.findings?.trim() ?? '';
  if (!findings) throw badInput('findings must not be empty: say what the visit found (e.g. "一切正常")', 'findings');
  if (findings.length > MAX_FINDINGS) throw badInput(`findings is longer than ${MAX_FINDINGS} characters`, 'findings');
  const { idempotencyKey, ...content } = input;
  const once = new CreateOnce(ctx, 'recordVisit', idempotencyKey, content, (c, id) => c.em.findOne(Visit, { id }));
  const earlier = await once.earlier();
  if (earlier) return earlier;
  const visitedAt = input.visitedAt ?? new Date();
  if (visitedAt.getTime() > Date.now() + 60_000)
    throw badInput(`visitedAt ${formatInstant(visitedAt)} is in the future`, 'visitedAt');
  if (!(await ctx.loaders.staff.load(staffId)))
    throw badInput(`staffId ${staffId} is no member of the grid workforce`, 'staffId');

  // the household, its members and the residents the raised event names, in one question to population, as the caller
  const named = namedResidents(input.raiseEvent?.residentIds);
  const { data } = await askGraph<Answer>(ctx, VISITED_HOUSEHOLD, {
    id: householdId,
    residentIds: [...new Set([...(residentId ? [residentId] : []), ...named])],
  });
  const household = data?.household;
  if (!household) {
    ctx.audit.note('WRITE', 'Household', householdId, 'scope', 'DENIED');
    throw notVisible('Household', householdId);
  }
  refuseUnseenResidents(
    ctx,
    [...(residentId ? [residentId] : []), ...named],
    new Set((data?.residentsByIds ?? []).map((r) => r.id.toLowerCase())),
  );
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
      id: randomUUID(),
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
    if (input.raiseEvent) {
      const event = await recordReport(
        txc,
        { ...input.raiseEvent, idempotencyKey: `visit:${visit.id}`, buildingId: place.buildingId },
        EventSource.VISIT,
        visit.id,
      );
      visit.eventId = event.id;
      await tx.flush();
    }
    return visit;
  });
}
