import { randomInt, randomUUID } from 'node:crypto';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import type { AccessContext } from '../../../lib/auth/enforce';
import { refuseOutsideScope } from '../../../lib/auth/enforce';
import { Shared } from '../../../lib/auth/rules';
import { placeOfRecord } from '../../../lib/auth/scope';
import { CreateOnce, IDEMPOTENCY_KEY_DESCRIPTION, withoutKey } from '../../../lib/writes/idempotency';
import { inTransaction } from '../../../lib/writes/unit-of-work';
import { badInput, conflict, notVisible, requireId } from '../../../lib/errors';
import { LocalDate } from '../../../lib/graphql/scalars';
import { POLICE_OFFICERS, STATION_OFFICERS } from '../access';
import { ChangeAction, PermitReason, PermitStatus, RegistrationType } from '../entities/enums';
import { HouseholdRegistration } from '../entities/household-registration';
import { ResidencePermit } from '../entities/residence-permit';
import type { PublicSecurityContext } from '../loaders';
import { addDays, addYears } from '../seed.dates';
import { today } from '../supervision';
import { permitWorkflow } from '../workflows';
import { residentOnRegister } from '../writes/ask';
import { pastDay, readText, recordChange } from '../writes/history';

/** A permit is valid a year from its issue, and each renewal (签注) adds a year. */
const VALID_YEARS = 1;
/** A permit is renewed in the 30 days before it expires (有效期满前30日内签注). */
export const RENEWAL_WINDOW_DAYS = 30;

/** Where a permit stands today: its recorded status, or EXPIRED once its validity has passed. */
export const permitStatus = (permit: ResidencePermit): PermitStatus =>
  permit.recordedStatus !== PermitStatus.CANCELLED && permit.expiresOn < today()
    ? PermitStatus.EXPIRED
    : permit.recordedStatus;

@InputType({ description: 'A residence permit to issue (居住证签发) to a floating resident on the active register' })
export class IssueResidencePermitInput {
  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  idempotencyKey!: string;

  @Field(() => ID)
  residentId!: string;

  @Field(() => PermitReason)
  reason!: PermitReason;

  @Field({ nullable: true, description: 'Employer or school as stated (工作单位/就读学校)' })
  employer?: string;

  @Field(() => LocalDate, { nullable: true, description: 'Issued on (default: today); valid a year from then' })
  issuedOn?: string;
}

type Ctx_ = PublicSecurityContext & AccessContext;

/** The permit, locked for this transaction, inside the caller's scope (else answered as missing). */
async function lockedPermit(tx: EntityManager, ctx: Ctx_, id: string): Promise<ResidencePermit> {
  const permit = await tx.findOne(ResidencePermit, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!permit) throw notVisible('ResidencePermit', id);
  refuseOutsideScope(ctx, 'ResidencePermit', id, placeOfRecord(permit), () => notVisible('ResidencePermit', id));
  return permit;
}

/** Each mutation is one transaction; each change is a row of the permit's history. */
@Resolver()
export class ResidencePermitMutations {
  @Shared(POLICE_OFFICERS)
  @Mutation(() => ResidencePermit, {
    description:
      'Issues a residence permit (居住证签发) to a resident on the active register without a local hukou, valid a year; CONFLICT while they hold a valid one',
  })
  async issueResidencePermit(
    @Arg('input', () => IssueResidencePermitInput) input: IssueResidencePermitInput,
    @Ctx() ctx: Ctx_,
  ): Promise<ResidencePermit> {
    const once = new CreateOnce(ctx, 'issueResidencePermit', input.idempotencyKey, withoutKey(input), (c, id) =>
      c.em.findOne(ResidencePermit, { id }),
    );
    const earlier = await once.earlier();
    if (earlier) return earlier;
    const residentId = requireId(input.residentId, 'residentId');
    const issuedOn = pastDay(input.issuedOn ?? today(), 'issuedOn');
    const place = await residentOnRegister(ctx, residentId);
    return once.create(async ({ em: tx }) => {
      // two issues for one resident at the same moment (other keys) queue here, and the second finds the first's permit:
      // locking the resident's valid permits alone locks nothing while they hold none
      await tx.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`residence-permit:${residentId}`]);
      const registration = await tx.findOne(HouseholdRegistration, { residentId });
      if (registration?.type === RegistrationType.LOCAL)
        throw badInput(
          `resident ${residentId} has a local hukou (本地户籍) and needs no residence permit`,
          'residentId',
        );
      const held = await tx
        .createQueryBuilder(ResidencePermit)
        .select('*')
        .where({ residentId, recordedStatus: { $ne: PermitStatus.CANCELLED }, expiresOn: { $gte: today() } })
        .setLockMode(LockMode.PESSIMISTIC_WRITE)
        .getResult();
      if (held.length)
        throw conflict(
          `resident ${residentId} holds residence permit ${held[0].number}, valid until ${held[0].expiresOn}; renew it (renewResidencePermit) instead`,
        );
      const expiresOn = addYears(issuedOn, VALID_YEARS);
      const permit = tx.create(ResidencePermit, {
        id: randomUUID(),
        residentId,
        // 19 characters: never one of the register's 17-character numbers
        number: `${place.communityCode.slice(0, 6)}${issuedOn.slice(0, 4)}${String(randomInt(1e9)).padStart(9, '0')}`,
        issuedOn,
        expiresOn,
        reason: input.reason,
        employer: input.employer?.trim() || null,
        employerOrganizationId: null,
        recordedStatus: PermitStatus.ISSUED,
        ...place,
      });
      recordChange(tx, ctx.identity, { type: 'ResidencePermit', id: permit.id }, ChangeAction.PERMIT_ISSUED, {
        effectiveOn: issuedOn,
        validUntil: expiresOn,
      });
      await tx.flush();
      return permit;
    });
  }

  @Shared(POLICE_OFFICERS)
  @Mutation(() => ResidencePermit, {
    description: `Renews a permit for another year (居住证签注), in the ${RENEWAL_WINDOW_DAYS} days before it expires: the same permit and number, valid a year longer, the renewal in its history; INVALID_TRANSITION when it is cancelled, expired, or not yet due`,
  })
  async renewResidencePermit(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx_): Promise<ResidencePermit> {
    const permitId = requireId(id);
    return inTransaction(ctx, async ({ em: tx }) => {
      const permit = await lockedPermit(tx, ctx, permitId);
      const status = permitStatus(permit);
      const opens = addDays(permit.expiresOn, -RENEWAL_WINDOW_DAYS);
      // a retry of a renewal that went through finds the permit no longer due: it is never renewed twice
      if (permitWorkflow.transitionOf(status, 'RENEW') && today() < opens)
        throw permitWorkflow.invalidTransition(permitId, status, 'RENEW', {
          because: `it is valid until ${permit.expiresOn}; renewal opens on ${opens}`,
          allowed: ['CANCEL'],
        });
      permit.recordedStatus = permitWorkflow.next(permitId, status, 'RENEW');
      permit.expiresOn = addYears(permit.expiresOn, VALID_YEARS);
      recordChange(tx, ctx.identity, { type: 'ResidencePermit', id: permitId }, ChangeAction.PERMIT_RENEWED, {
        validUntil: permit.expiresOn,
      });
      await tx.flush();
      return permit;
    });
  }

  @Shared(STATION_OFFICERS)
  @Mutation(() => ResidencePermit, {
    description:
      'Cancels a permit (居住证注销), with the reason (e.g. moved away, obtained a local hukou); INVALID_TRANSITION when it is cancelled or expired already. OFFICER only',
  })
  async cancelResidencePermit(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { description: 'Why (注销原因)' }) reason: string,
    @Ctx() ctx: Ctx_,
  ): Promise<ResidencePermit> {
    const permitId = requireId(id);
    const why = readText(reason, true);
    return inTransaction(ctx, async ({ em: tx }) => {
      const permit = await lockedPermit(tx, ctx, permitId);
      permit.recordedStatus = permitWorkflow.next(permitId, permitStatus(permit), 'CANCEL');
      recordChange(tx, ctx.identity, { type: 'ResidencePermit', id: permitId }, ChangeAction.PERMIT_CANCELLED, {
        validUntil: permit.expiresOn,
        reason: why,
      });
      await tx.flush();
      return permit;
    });
  }
}
