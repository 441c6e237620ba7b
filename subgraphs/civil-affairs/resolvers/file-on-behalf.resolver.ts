import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Shared } from '../../../lib/auth/rules';
import { inScope, type Location } from '../../../lib/auth/scope';
import { CivilAffairsCollectionInput, type OnBehalfApplicationInput } from '../../../lib/collection/inputs';
import { type CollectedPart, CollectionOutcome } from '../../../lib/collection/outcome';
import { visitIdFor } from '../../../lib/collection/visit-id';
import { badInput, isId, requireId } from '../../../lib/errors';
import { askGraph } from '../../../lib/graph/ask';
import { CreateOnce, IDEMPOTENCY_KEY_DESCRIPTION } from '../../../lib/writes/idempotency';
import { OnBehalfFiling } from '../entities/on-behalf';
import type { ServiceKind } from '../entities/service-application';
import type { CivilAffairsContext } from '../loaders';
import { APPLICATION_FILERS, type Consent, onBehalfNote, readConsent, recordOnBehalf } from '../on-behalf';
import { newServiceApplication, openApplicationOf } from '../service-filing';
import { formatTrackingCode } from '../tracking-code';

/**
 * Registered in gateway/trusted-documents.json and declared as fileOnBehalf's ask-back: the household as population
 * answers it to the collector (inside their scope only), with its current members.
 */
export const ON_BEHALF_HOUSEHOLD =
  'query OnBehalfHousehold($id: ID!) { household(id: $id) { id building { id communityCode } members { id } } }';

interface HouseholdAnswer {
  household: { id: string; building: { id: string; communityCode: string }; members: { id: string }[] } | null;
}

/** The most applications one visit files: a household's members, each with a few needs. */
const MAX_APPLICATIONS = 20;
const MAX_NOTE = 500;

interface ToFile {
  part: string;
  residentId: string;
  kind: ServiceKind;
  consent: Consent;
  note: string | null;
}

const refused = (part: string, reason: string): CollectedPart => ({
  department: 'CIVIL_AFFAIRS',
  part,
  outcome: CollectionOutcome.REFUSED,
  reason,
});

/** What can be told of one application before the transaction: refused (and why), or to be filed. */
function checked(
  application: OnBehalfApplicationInput,
  part: string,
  household: { id: string; place: Location | null; members: Set<string> },
): CollectedPart | ToFile {
  if (!household.place) return refused(part, `household ${household.id} is not on the register inside your data scope`);
  const residentId = String(application.residentId ?? '').toLowerCase();
  if (!isId(residentId) || !household.members.has(residentId))
    return refused(part, `resident ${application.residentId} is not a current member of household ${household.id}`);
  const consent = readConsent(application.consent);
  if (typeof consent === 'string') return refused(part, consent);
  const note = application.note?.trim() || null;
  if (note && note.length > MAX_NOTE) return refused(part, `note must be at most ${MAX_NOTE} characters`);
  return { part, residentId, kind: application.kind, consent, note };
}

@Resolver()
export class FileOnBehalfResolver {
  @Shared(APPLICATION_FILERS)
  // nullable: in a visit's one request (grid's DeliverVisit), an owner's failure leaves the other owners' answers
  @Mutation(() => OnBehalfFiling, {
    nullable: true,
    description:
      'The applications a visit filed on residents’ behalf (代办), as grid’s recordVisit delivers them: each becomes a SUBMITTED service application of a current member of the household, with the consent recorded, decided by civil affairs as any other; the answer says per application APPLIED (with the application and its tracking code, the receipt to hand to the resident) or REFUSED (why); one refused never stops the others. One transaction, idempotent under (collector, key)',
  })
  async fileOnBehalf(
    @Arg('householdId', () => ID, { description: 'The household visited (走访户)' }) householdId: string,
    @Arg('idempotencyKey', { description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string,
    @Arg('collected', () => CivilAffairsCollectionInput) collected: CivilAffairsCollectionInput,
    @Ctx() ctx: CivilAffairsContext,
  ): Promise<OnBehalfFiling> {
    const once = new CreateOnce(ctx, 'fileOnBehalf', idempotencyKey, { householdId, collected }, (c, id) =>
      c.em.findOne(OnBehalfFiling, { id }),
    );
    const earlier = await once.earlier();
    if (earlier) return earlier;
    const id = requireId(householdId, 'householdId');
    const applications = collected.applications ?? [];
    if (!applications.length) throw badInput('collected.applications is empty: nothing to file', 'collected');
    if (applications.length > MAX_APPLICATIONS)
      throw badInput(`at most ${MAX_APPLICATIONS} applications per visit; got ${applications.length}`, 'collected');
    const visitId = visitIdFor(ctx.identity.subject, idempotencyKey);
    // as the collector, before the transaction: population answers only households inside their scope
    const { data } = await askGraph<HouseholdAnswer>(ctx, ON_BEHALF_HOUSEHOLD, { id });
    const found = data?.household ?? null;
    const place = found ? { buildingId: found.building.id, communityCode: found.building.communityCode } : null;
    const visible = place && inScope(ctx.identity.resolvedScope, place) ? place : null;
    if (!visible) ctx.audit.note('WRITE', 'Household', id, 'scope', 'DENIED');
    const household = { id, place: visible, members: new Set((found?.members ?? []).map((m) => m.id.toLowerCase())) };
    const decided = applications.map((a, i) => checked(a, `applications[${i}]`, household));
    try {
      return await this.file(once, decided, visible, id, visitId, ctx);
    } catch (error) {
      // nothing filed: the refusals are answered and nothing is kept (a failed change writes nothing; sent again, the
      // same refusals are answered again)
      if (error instanceof NothingFiled) return error.answer;
      throw error;
    }
  }

  private file(
    once: CreateOnce<CivilAffairsContext, OnBehalfFiling>,
    decided: ReturnType<typeof checked>[],
    visible: { buildingId: string; communityCode: string } | null,
    id: string,
    visitId: string,
    ctx: CivilAffairsContext,
  ): Promise<OnBehalfFiling> {
    return once.create(async ({ em: tx }) => {
      const at = new Date();
      const parts: CollectedPart[] = [];
      const filed: string[] = [];
      for (const d of decided) {
        if (!('consent' in d)) {
          parts.push(d);
          continue;
        }
        const open = await openApplicationOf(tx, d.residentId, d.kind);
        if (open) {
          parts.push(
            refused(d.part, `resident ${d.residentId} already has an open ${d.kind} application (${open.status})`),
          );
          continue;
        }
        const created = newServiceApplication(tx, ctx.identity, {
          residentId: d.residentId,
          kind: d.kind,
          place: { buildingId: visible!.buildingId, communityCode: visible!.communityCode },
          note: onBehalfNote(ctx.identity, d.consent, d.note),
          at,
        });
        recordOnBehalf(
          tx,
          ctx.identity,
          {
            recordId: created.id,
            recordType: 'ServiceApplication',
            residentId: d.residentId,
            consent: d.consent,
            visitId,
          },
          at,
        );
        // the next application of the same resident and kind in this visit finds this one open
        await tx.flush();
        filed.push(created.id);
        parts.push({
          department: 'CIVIL_AFFAIRS',
          part: d.part,
          outcome: CollectionOutcome.APPLIED,
          recordId: created.id,
          trackingCode: formatTrackingCode(created.trackingCode),
        });
      }
      if (!filed.length)
        throw new NothingFiled(
          Object.assign(new OnBehalfFiling(), {
            id: visitId,
            filedBy: ctx.identity.subject,
            householdId: id,
            parts,
            filedAt: at,
          }),
        );
      ctx.audit.note('WRITE', 'ServiceApplication', filed, 'fileOnBehalf');
      const receipt = tx.create(OnBehalfFiling, {
        id: visitId,
        filedBy: ctx.identity.subject,
        householdId: id,
        parts,
        filedAt: at,
      });
      await tx.flush();
      return receipt;
    });
  }
}

/** Rolls back a visit's filing of which every application was refused. */
class NothingFiled extends Error {
  constructor(readonly answer: OnBehalfFiling) {
    super('nothing filed');
  }
}
