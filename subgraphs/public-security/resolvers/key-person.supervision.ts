import { randomUUID } from 'node:crypto';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import type { AccessContext } from '../../../lib/auth/enforce';
import { refuseOutsideScope } from '../../../lib/auth/enforce';
import { Shared } from '../../../lib/auth/rules';
import { placeOfRecord } from '../../../lib/auth/scope';
import { CreateOnce, IDEMPOTENCY_KEY_DESCRIPTION, withoutKey } from '../../../lib/writes/idempotency';
import { inTransaction } from '../../../lib/writes/unit-of-work';
import { badInput, conflict, notVisible, requireId } from '../../../lib/errors';
import { LocalDate } from '../../../lib/graphql/scalars';
import { KEY_PERSON_DECISIONS } from '../access';
import { ChangeAction, KeyPersonCategory, RiskLevel, SupervisionStatus } from '../entities/enums';
import { KeyPerson } from '../entities/key-person';
import type { PublicSecurityContext } from '../loaders';
import { supervisionWorkflow } from '../workflows';
import { residentOnRegister } from '../writes/ask';
import { pastDay, readText, recordChange } from '../writes/history';

@InputType('KeyPersonSupervisionInput', {
  description: 'Putting a resident under key-person supervision (重点人员列管)',
})
export class StartSupervisionInput {
  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  idempotencyKey!: string;

  @Field(() => ID)
  residentId!: string;

  @Field(() => KeyPersonCategory)
  category!: KeyPersonCategory;

  @Field(() => RiskLevel)
  riskLevel!: RiskLevel;

  @Field(() => LocalDate, { description: 'Under supervision since (列管日期), not in the future' })
  since!: string;

  @Field({ description: 'Why (列管依据), e.g. the court’s community-correction decision' })
  reason!: string;
}

type Ctx_ = PublicSecurityContext & AccessContext;

/**
 * Supervision starts and ends by the station's decision, with a reason, into the record's history. Key-person data:
 * refused to every identity outside public security, and to its grid police and auditors (KEY_PERSON_DECISIONS).
 */
@Resolver()
export class SupervisionMutations {
  @Shared(KEY_PERSON_DECISIONS)
  @Mutation(() => KeyPerson, {
    description:
      'Puts a resident on the active register under key-person supervision (列管), supervised where they live; CONFLICT while they are under supervision. OFFICER only',
  })
  async startKeyPersonSupervision(
    @Arg('input', () => StartSupervisionInput) input: StartSupervisionInput,
    @Ctx() ctx: Ctx_,
  ): Promise<KeyPerson> {
    const once = new CreateOnce(ctx, 'startKeyPersonSupervision', input.idempotencyKey, withoutKey(input), (c, id) =>
      c.em.findOne(KeyPerson, { id }),
    );
    const earlier = await once.earlier();
    if (earlier) return earlier;
    const residentId = requireId(input.residentId, 'residentId');
    const since = pastDay(input.since, 'since');
    const reason = readText(input.reason, true);
    const place = await residentOnRegister(ctx, residentId);
    try {
      return await once.create(async ({ em: tx }) => {
        const active = await tx.findOne(KeyPerson, { residentId, active: true });
        if (active)
          throw conflict(`resident ${residentId} is under supervision already (${active.id}, since ${active.since})`);
        const keyPerson = tx.create(KeyPerson, {
          id: randomUUID(),
          residentId,
          category: input.category,
          riskLevel: input.riskLevel,
          supervisingOfficer: ctx.identity.name || ctx.identity.subject,
          since,
          until: null,
          active: true,
          ...place,
        });
        recordChange(tx, ctx.identity, { type: 'KeyPerson', id: keyPerson.id }, ChangeAction.SUPERVISION_STARTED, {
          effectiveOn: since,
          reason,
        });
        await tx.flush();
        return keyPerson;
      });
    } catch (error) {
      // a concurrent start for the same resident won the race: the partial unique index decides
      if (error instanceof UniqueConstraintViolationException)
        throw conflict(`resident ${residentId} is under supervision already`);
      throw error;
    }
  }

  @Shared(KEY_PERSON_DECISIONS)
  @Mutation(() => KeyPerson, {
    description:
      'Ends a key person’s supervision (撤管) on a day, with the reason; INVALID_TRANSITION when it has ended already. OFFICER only',
  })
  async endKeyPersonSupervision(
    @Arg('id', () => ID) id: string,
    @Arg('endedOn', () => LocalDate) endedOn: string,
    @Arg('reason', () => String, { description: 'Why (撤管原因), e.g. "矫正期满"' }) reason: string,
    @Ctx() ctx: Ctx_,
  ): Promise<KeyPerson> {
    const keyPersonId = requireId(id);
    pastDay(endedOn, 'endedOn');
    const why = readText(reason, true);
    return inTransaction(ctx, async ({ em: tx }) => {
      const keyPerson = await tx.findOne(KeyPerson, { id: keyPersonId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!keyPerson) throw notVisible('KeyPerson', keyPersonId);
      refuseOutsideScope(ctx, 'KeyPerson', keyPersonId, placeOfRecord(keyPerson), () =>
        notVisible('KeyPerson', keyPersonId),
      );
      const status = keyPerson.active ? SupervisionStatus.ACTIVE : SupervisionStatus.ENDED;
      supervisionWorkflow.next(keyPersonId, status, 'END');
      if (endedOn < keyPerson.since)
        throw badInput(`endedOn ${endedOn} is before the supervision began (${keyPerson.since})`, 'endedOn');
      keyPerson.active = false;
      keyPerson.until = endedOn;
      recordChange(tx, ctx.identity, { type: 'KeyPerson', id: keyPersonId }, ChangeAction.SUPERVISION_ENDED, {
        effectiveOn: endedOn,
        reason: why,
      });
      await tx.flush();
      return keyPerson;
    });
  }
}
