import { randomUUID } from 'node:crypto';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import { Arg, Ctx, Field, ID, InputType, Mutation, registerEnumType, Resolver } from 'type-graphql';
import type { AccessContext } from '../../../lib/auth/enforce';
import { refuseOutsideScope } from '../../../lib/auth/enforce';
import { Shared } from '../../../lib/auth/rules';
import { placeOfRecord } from '../../../lib/auth/scope';
import { CreateOnce, IDEMPOTENCY_KEY_DESCRIPTION, withoutKey } from '../../../lib/writes/idempotency';
import { inTransaction } from '../../../lib/writes/unit-of-work';
import { badInput, notVisible, requireId } from '../../../lib/errors';
import { POLICE_OFFICERS } from '../access';
import { ChangeAction, IncidentRole, IncidentStatus, IncidentType } from '../entities/enums';
import { Incident } from '../entities/incident';
import { IncidentParty } from '../entities/incident-party';
import type { PublicSecurityContext } from '../loaders';
import { incidentWorkflow } from '../workflows';
import { buildingAndResidents, type Place } from '../writes/ask';
import { readText, recordChange } from '../writes/history';

export enum IncidentAction {
  DISPATCH = 'DISPATCH',
  HANDLE = 'HANDLE',
  CLOSE = 'CLOSE',
}
registerEnumType(IncidentAction, {
  name: 'IncidentAction',
  description: 'A step of an incident (警情流转)',
  valuesConfig: {
    DISPATCH: { description: '出警: REPORTED → DISPATCHED' },
    HANDLE: { description: '处置: DISPATCHED → HANDLED' },
    CLOSE: { description: '结案: HANDLED → CLOSED, with a note' },
  },
});

const ACTION_CHANGE: Record<IncidentAction, ChangeAction> = {
  DISPATCH: ChangeAction.INCIDENT_DISPATCHED,
  HANDLE: ChangeAction.INCIDENT_HANDLED,
  CLOSE: ChangeAction.INCIDENT_CLOSED,
};

@InputType({ description: 'A resident involved in an incident (涉警人员)' })
export class IncidentPartyInput {
  @Field(() => ID)
  residentId!: string;

  @Field(() => IncidentRole)
  role!: IncidentRole;
}

@InputType({
  description:
    'An incident reported to the police (接警登记): where (a building, or a community for one in the street), when, what, and who was involved',
})
export class RecordIncidentInput {
  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  idempotencyKey!: string;

  @Field({ description: 'When it happened (发生时间), not in the future' })
  occurredAt!: Date;

  @Field(() => IncidentType)
  type!: IncidentType;

  @Field(() => ID, { nullable: true, description: 'The building it happened in; or give communityCode' })
  buildingId?: string;

  @Field({ nullable: true, description: '12-digit community code, for an incident outside any building' })
  communityCode?: string;

  @Field({ description: 'What happened, in brief (简要警情)' })
  summary!: string;

  @Field(() => [IncidentPartyInput], { description: 'The residents involved, each once (may be empty)' })
  parties!: IncidentPartyInput[];
}

/** A clock a few minutes fast at the reporting desk is not a report from the future. */
const CLOCK_SKEW_MS = 5 * 60_000;

type Ctx_ = PublicSecurityContext & AccessContext;

/**
 * Where the incident happened, inside the officer's scope — a building of population's register, or a community — and
 * the parties, each a resident the officer may see (one question to the graph).
 */
async function placeAndParties(
  ctx: Ctx_,
  input: RecordIncidentInput,
  residentIds: string[],
): Promise<Place | { buildingId: null; communityCode: string }> {
  if (!input.buildingId === !input.communityCode)
    throw badInput('give exactly one of buildingId and communityCode', 'buildingId');
  if (input.buildingId) return buildingAndResidents(ctx, requireId(input.buildingId, 'buildingId'), residentIds);
  const communityCode = input.communityCode!;
  if (!/^\d{12}$/.test(communityCode))
    throw badInput(`communityCode "${communityCode}" must be a community's 12-digit division code`, 'communityCode');
  refuseOutsideScope(ctx, 'Community', communityCode, { communityCode }, () => notVisible('Community', communityCode));
  await buildingAndResidents(ctx, null, residentIds);
  return { buildingId: null, communityCode };
}

/** The incident, locked for this transaction, inside the caller's scope (else answered as missing). */
async function lockedIncident(tx: EntityManager, ctx: Ctx_, id: string): Promise<Incident> {
  const incident = await tx.findOne(Incident, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!incident) throw notVisible('Incident', id);
  refuseOutsideScope(ctx, 'Incident', id, placeOfRecord(incident), () => notVisible('Incident', id));
  return incident;
}

/** Incidents and their parties are public security's own (不予共享): its officers and grid police write them. */
@Resolver()
export class IncidentMutations {
  @Shared(POLICE_OFFICERS)
  @Mutation(() => Incident, {
    description:
      'Records an incident (接警登记) with the residents involved; it starts REPORTED. Residents and the place must be inside your data scope',
  })
  async recordIncident(
    @Arg('input', () => RecordIncidentInput) input: RecordIncidentInput,
    @Ctx() ctx: Ctx_,
  ): Promise<Incident> {
    const once = new CreateOnce(ctx, 'recordIncident', input.idempotencyKey, withoutKey(input), (c, id) =>
      c.em.findOne(Incident, { id }),
    );
    const earlier = await once.earlier();
    if (earlier) return earlier;
    if (input.occurredAt.getTime() > Date.now() + CLOCK_SKEW_MS)
      throw badInput(`occurredAt ${input.occurredAt.toISOString()} is in the future`, 'occurredAt');
    const summary = readText(input.summary, true, 'summary')!;
    const residentIds = input.parties.map((p, i) => requireId(p.residentId, `parties.${i}.residentId`));
    const twice = residentIds.find((id, i) => residentIds.indexOf(id) !== i);
    if (twice) throw badInput(`resident ${twice} is named twice among the parties; give each once`, 'parties');
    const place = await placeAndParties(ctx, input, residentIds);
    return once.create(async ({ em: tx }) => {
      const incident = tx.create(Incident, {
        id: randomUUID(),
        occurredAt: input.occurredAt,
        type: input.type,
        status: incidentWorkflow.initial,
        summary,
        ...place,
      });
      for (const [i, party] of input.parties.entries())
        tx.create(IncidentParty, { incidentId: incident.id, residentId: residentIds[i], role: party.role });
      recordChange(tx, ctx.identity, { type: 'Incident', id: incident.id }, ChangeAction.INCIDENT_RECORDED);
      await tx.flush();
      return incident;
    });
  }

  @Shared(POLICE_OFFICERS)
  @Mutation(() => Incident, {
    description:
      'Takes the next step of an incident (出警, 处置, 结案 with a note); INVALID_TRANSITION when its status does not allow it',
  })
  async changeIncident(
    @Arg('id', () => ID) id: string,
    @Arg('action', () => IncidentAction) action: IncidentAction,
    @Arg('note', () => String, { nullable: true, description: 'What was done (处置情况); required to close' })
    note: string | undefined,
    @Ctx() ctx: Ctx_,
  ): Promise<Incident> {
    const incidentId = requireId(id);
    const why = readText(note, incidentWorkflow.needs(action, 'reason'), 'note');
    return inTransaction(ctx, async ({ em: tx }) => {
      const incident = await lockedIncident(tx, ctx, incidentId);
      incident.status = incidentWorkflow.next(incidentId, incident.status, action) as IncidentStatus;
      recordChange(tx, ctx.identity, { type: 'Incident', id: incidentId }, ACTION_CHANGE[action], { reason: why });
      await tx.flush();
      return incident;
    });
  }
}
