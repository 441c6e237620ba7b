import { randomUUID } from 'node:crypto';
import { IDEMPOTENCY_KEY_DESCRIPTION, CreateOnce, withoutKey } from '../../../lib/writes/idempotency';
import { inTransaction } from '../../../lib/writes/unit-of-work';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from 'type-graphql';
import { refuseOutsideScope } from '../../../lib/auth/enforce';
import { Shared } from '../../../lib/auth/rules';
import { placeOfRecord } from '../../../lib/auth/scope';
import { conflict, ErrorCode, notVisible, requireId } from '../../../lib/errors';
import { ListSize } from '../../../lib/graphql/list-size';
import { ConnectionType } from '../../../lib/graphql/paging';
import { CASE_FILES, CASEWORKERS } from '../access';
import {
  ServiceApplication,
  ServiceApplicationStep,
  ServiceKind,
  ServiceProgress,
  ServiceStatus,
} from '../entities/service-application';
import type { CivilAffairsContext } from '../loaders';
import { serviceTimeline } from '../service-workflow';
import { FiledOnBehalf } from '../entities/on-behalf';
import { APPLICATION_FILERS, FILED_RECEIPT as RECEIPT, onBehalfNote, onBehalfOf, recordOnBehalf } from '../on-behalf';
import { newServiceApplication, openApplicationOf } from '../service-filing';
import { ConsentInput } from '../../../lib/collection/inputs';
import { formatTrackingCode, readTrackingCode } from '../tracking-code';
import { applicantOnRegister } from './applicant-place';
import { readReason } from './assistance-case.steps';

export const ServiceApplicationConnection = ConnectionType(ServiceApplication, 'ServiceApplication');

@InputType({ description: 'A service a resident asks the community to handle (民生事项代办)' })
export class SubmitServiceApplicationInput {
  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  idempotencyKey!: string;

  @Field(() => ID, { description: 'The resident it is for: a key issued by population' })
  residentId!: string;

  @Field(() => ServiceKind)
  kind!: ServiceKind;

  @Field(() => String, { nullable: true, description: 'Note (备注), kept in the timeline' })
  note?: string;

  @Field(() => ConsentInput, {
    nullable: true,
    description:
      'Filed on the resident’s behalf (代办): how they agreed; required from grid staff, who file for the residents of their own grids only',
  })
  onBehalf?: ConsentInput;
}

@InputType({ description: 'The next step of a service application' })
export class AdvanceServiceApplicationInput {
  @Field(() => ServiceStatus, {
    description: 'The status the application moves to (INVALID_TRANSITION when its timeline does not allow it)',
  })
  to!: ServiceStatus;

  @Field(() => String, { nullable: true, description: 'Note (办理意见), e.g. which papers are missing' })
  note?: string;
}

/** The one answer for every code that finds nothing, malformed or unknown: it tells nothing about any application. */
const noSuchCode = () =>
  new GraphQLError('no service application has this tracking code', { extensions: { code: ErrorCode.NOT_FOUND } });

@Resolver(() => ServiceApplication)
export class ServiceApplicationResolver {
  /**
   * Public (no token): the current step and its date, nothing about the person. One indexed statement whether the
   * code exists or not; the gateway rate-limits tokenless callers.
   */
  @Query(() => ServiceProgress, {
    nullable: true,
    description:
      'Progress of a service application by its tracking code (办事进度查询), without signing in: the current step and its date only',
  })
  async serviceProgress(
    @Arg('trackingCode') trackingCode: string,
    @Ctx() ctx: CivilAffairsContext,
  ): Promise<ServiceProgress> {
    // a malformed code is looked up too (as '', which no application has), and every lookup writes one audit row:
    // a hit, a miss and a typo take the same path, so neither the answer nor its timing tells them apart
    const code = readTrackingCode(trackingCode) ?? '';
    const rows: { id: string; status: ServiceStatus; updated_at: Date }[] = await ctx.em.execute(
      'select id, status, updated_at from service_application where tracking_code = ?',
      [code],
    );
    ctx.audit.note('READ', 'ServiceApplication', rows[0]?.id, 'serviceProgress', rows.length ? 'ALLOWED' : 'DENIED');
    if (!rows.length) throw noSuchCode();
    return { step: rows[0].status, since: new Date(rows[0].updated_at) };
  }

  @Shared(APPLICATION_FILERS)
  @Mutation(() => ServiceApplication, {
    description:
      'Records a service application handed in at the community (民生事项代办), or filed by grid staff on the resident’s behalf with their consent (onBehalf; 代办, inside the staff’s grids); it starts SUBMITTED with a new tracking code, which a filer outside civil affairs gets as `receipt` to hand to the resident',
  })
  async submitServiceApplication(
    @Arg('input', () => SubmitServiceApplicationInput) input: SubmitServiceApplicationInput,
    @Ctx() ctx: CivilAffairsContext,
  ) {
    const once = new CreateOnce(ctx, 'submitServiceApplication', input.idempotencyKey, withoutKey(input), (c, id) =>
      c.em.findOne(ServiceApplication, { id }),
    );
    const earlier = await once.earlier();
    if (earlier) return earlier;
    const residentId = requireId(input.residentId, 'residentId');
    const consent = onBehalfOf(ctx.identity, input.onBehalf);
    const note = readReason(input.note, false, 'note');
    // as the caller: grid staff reach only the residents of their own grids
    const applicant = await applicantOnRegister(ctx, residentId);
    const at = new Date();
    for (let attempt = 0; ; attempt++) {
      try {
        return await once.create(async ({ em: tx }) => {
          if (consent) {
            const open = await openApplicationOf(tx, residentId, input.kind);
            if (open)
              throw conflict(
                `resident ${residentId} already has an open ${input.kind} application (${open.status}); it is followed with its tracking code`,
              );
          }
          const created = newServiceApplication(tx, ctx.identity, {
            residentId,
            kind: input.kind,
            place: applicant.place,
            note: consent ? onBehalfNote(ctx.identity, consent, note) : note,
            at,
          });
          if (consent)
            recordOnBehalf(
              tx,
              ctx.identity,
              { recordId: created.id, recordType: 'ServiceApplication', residentId, consent },
              at,
            );
          await tx.flush();
          return created;
        });
      } catch (error) {
        // 80 random bits collide about never; if they do, draw again
        if (!(error instanceof UniqueConstraintViolationException) || attempt >= 2) throw error;
      }
    }
  }

  @Shared(CASEWORKERS)
  @Mutation(() => ServiceApplication, {
    description:
      'Moves a service application along its timeline (办理): accept, forward, complete, return for papers, reject',
  })
  async advanceServiceApplication(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => AdvanceServiceApplicationInput) input: AdvanceServiceApplicationInput,
    @Ctx() ctx: CivilAffairsContext,
  ) {
    const applicationId = requireId(id);
    const note = readReason(input.note, serviceTimeline.needs(input.to, 'reason'), 'note');
    return inTransaction(ctx, async ({ em: tx }) => {
      const found = await tx.findOne(
        ServiceApplication,
        { id: applicationId },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!found) throw notVisible('ServiceApplication', applicationId);
      refuseOutsideScope(ctx, 'ServiceApplication', applicationId, placeOfRecord(found), () =>
        notVisible('ServiceApplication', applicationId),
      );
      found.status = serviceTimeline.next(found.id, found.status, input.to);
      found.updatedAt = new Date();
      tx.create(ServiceApplicationStep, {
        id: randomUUID(),
        applicationId: found.id,
        position: (found.steps += 1),
        status: found.status,
        at: found.updatedAt,
        actor: ctx.identity.subject,
        note,
      });
      await tx.flush();
      return found;
    });
  }

  /** an application passes a handful of steps */
  @ListSize(4)
  @Shared(CASE_FILES)
  @FieldResolver(() => [ServiceApplicationStep], {
    nullable: true,
    description: 'The timeline (办理进度), oldest step first',
  })
  timeline(
    @Root() application: ServiceApplication,
    @Ctx() ctx: CivilAffairsContext,
  ): Promise<ServiceApplicationStep[]> {
    return ctx.loaders.stepsOfApplication.load(application.id);
  }

  @Shared(RECEIPT)
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The receipt (回执) of an application filed on a resident’s behalf: its tracking code, formatted, for who filed it to hand to the resident (who follows it with serviceProgress); null for anyone else and for an application handed in at the centre',
  })
  async receipt(@Root() application: ServiceApplication, @Ctx() ctx: CivilAffairsContext): Promise<string | null> {
    const filing = await ctx.loaders.filedOnBehalf.load(application.id);
    return filing && filing.filedBy === ctx.identity.subject ? formatTrackingCode(application.trackingCode) : null;
  }

  @Shared(CASE_FILES)
  @FieldResolver(() => FiledOnBehalf, {
    nullable: true,
    description:
      'Who filed it on the resident’s behalf (代办) and how the resident agreed; null when handed in at the centre',
  })
  onBehalf(@Root() application: ServiceApplication, @Ctx() ctx: CivilAffairsContext): Promise<FiledOnBehalf | null> {
    return ctx.loaders.filedOnBehalf.load(application.id);
  }
}
