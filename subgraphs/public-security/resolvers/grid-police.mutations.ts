import { randomUUID } from 'node:crypto';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import type { AccessContext } from '../../../lib/auth/enforce';
import { refuseOutsideScope } from '../../../lib/auth/enforce';
import { Shared } from '../../../lib/auth/rules';
import { CreateOnce, IDEMPOTENCY_KEY_DESCRIPTION, withoutKey } from '../../../lib/writes/idempotency';
import { inTransaction } from '../../../lib/writes/unit-of-work';
import { badInput, conflict, notVisible, requireId } from '../../../lib/errors';
import { LocalDate } from '../../../lib/graphql/scalars';
import { STATION_OFFICERS } from '../access';
import { ChangeAction } from '../entities/enums';
import { GridPoliceAssignment } from '../entities/grid-police-assignment';
import type { PublicSecurityContext } from '../loaders';
import { gridAndOfficer } from '../writes/ask';
import { pastDay, readText, recordChange } from '../writes/history';

@InputType({ description: 'Assigning a police officer to a grid (网格民警任职)' })
export class AssignGridPoliceInput {
  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  idempotencyKey!: string;

  @Field(() => ID, { description: 'The grid (a GRID region of grid’s tree) inside your data scope' })
  gridId!: string;

  @Field(() => ID, { description: 'The officer’s key in grid’s workforce (a GRID_POLICE staff member)' })
  staffId!: string;

  @Field({ description: 'Officer’s name (民警姓名)' })
  name!: string;

  @Field({ description: 'Badge number (警号), 6 digits' })
  badgeNumber!: string;

  @Field({ description: 'Police station (派出所)' })
  policeStation!: string;

  @Field({ description: 'The station’s duty phone (派出所值班电话), e.g. "010-65551234"' })
  stationPhone!: string;

  @Field(() => LocalDate, { description: 'Responsible since (任职日期), not in the future' })
  since!: string;
}

const BADGE = /^\d{6}$/;
const PHONE = /^[0-9-]{7,20}$/;

type Ctx_ = PublicSecurityContext & AccessContext;

/** Which grids an officer covers is the station's decision (OFFICER); each assignment keeps its since and until. */
@Resolver()
export class GridPoliceMutations {
  @Shared(STATION_OFFICERS)
  @Mutation(() => GridPoliceAssignment, {
    description:
      'Assigns a grid police officer (网格民警) to a grid from a day; a grid may have several, an officer several grids; CONFLICT while the same officer is assigned to it. OFFICER only',
  })
  async assignGridPolice(
    @Arg('input', () => AssignGridPoliceInput) input: AssignGridPoliceInput,
    @Ctx() ctx: Ctx_,
  ): Promise<GridPoliceAssignment> {
    const once = new CreateOnce(ctx, 'assignGridPolice', input.idempotencyKey, withoutKey(input), (c, id) =>
      c.em.findOne(GridPoliceAssignment, { id }),
    );
    const earlier = await once.earlier();
    if (earlier) return earlier;
    const gridId = requireId(input.gridId, 'gridId');
    const staffId = requireId(input.staffId, 'staffId');
    const name = readText(input.name, true, 'name', 50)!;
    const policeStation = readText(input.policeStation, true, 'policeStation', 100)!;
    const badgeNumber = input.badgeNumber.trim();
    if (!BADGE.test(badgeNumber)) throw badInput(`badgeNumber "${badgeNumber}" must be 6 digits`, 'badgeNumber');
    const stationPhone = input.stationPhone.trim();
    if (!PHONE.test(stationPhone))
      throw badInput(`stationPhone "${stationPhone}" must be a phone number, e.g. "010-65551234"`, 'stationPhone');
    const since = pastDay(input.since, 'since');
    const { communityCode } = await gridAndOfficer(ctx, gridId, staffId);
    try {
      return await once.create(async ({ em: tx }) => {
        const assignment = tx.create(GridPoliceAssignment, {
          id: randomUUID(),
          regionId: gridId,
          staffId,
          communityCode,
          name,
          badgeNumber,
          policeStation,
          stationPhone,
          since,
          until: null,
        });
        recordChange(
          tx,
          ctx.identity,
          { type: 'GridPoliceAssignment', id: assignment.id },
          ChangeAction.POLICE_ASSIGNED,
          {
            effectiveOn: since,
          },
        );
        await tx.flush();
        return assignment;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException)
        throw conflict(`staff ${staffId} is assigned to grid ${gridId} already; end that assignment first`);
      throw error;
    }
  }

  @Shared(STATION_OFFICERS)
  @Mutation(() => GridPoliceAssignment, {
    description:
      'Ends an officer’s assignment to a grid (网格民警离任) on a day, with the reason; CONFLICT when it has ended already. OFFICER only',
  })
  async endGridPoliceAssignment(
    @Arg('id', () => ID) id: string,
    @Arg('until', () => LocalDate, { description: 'The last day responsible (离任日期)' }) until: string,
    @Arg('reason', () => String, { description: 'Why (离任原因), e.g. "调岗"' }) reason: string,
    @Ctx() ctx: Ctx_,
  ): Promise<GridPoliceAssignment> {
    const assignmentId = requireId(id);
    pastDay(until, 'until');
    const why = readText(reason, true);
    return inTransaction(ctx, async ({ em: tx }) => {
      const assignment = await tx.findOne(
        GridPoliceAssignment,
        { id: assignmentId },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!assignment) throw notVisible('GridPoliceAssignment', assignmentId);
      refuseOutsideScope(ctx, 'GridPoliceAssignment', assignmentId, { communityCode: assignment.communityCode }, () =>
        notVisible('GridPoliceAssignment', assignmentId),
      );
      if (assignment.until) throw conflict(`the assignment ended on ${assignment.until} already`);
      if (until < assignment.since)
        throw badInput(`until ${until} is before the assignment began (${assignment.since})`, 'until');
      assignment.until = until;
      recordChange(
        tx,
        ctx.identity,
        { type: 'GridPoliceAssignment', id: assignmentId },
        ChangeAction.POLICE_UNASSIGNED,
        {
          effectiveOn: until,
          validUntil: until,
          reason: why,
        },
      );
      await tx.flush();
      return assignment;
    });
  }
}
