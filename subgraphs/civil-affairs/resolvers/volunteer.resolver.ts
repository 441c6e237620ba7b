import { randomUUID } from 'node:crypto';
import { IDEMPOTENCY_KEY_DESCRIPTION, CreateOnce, withoutKey } from '../../../lib/writes/idempotency';
import { LockMode, UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/postgresql';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from 'type-graphql';
import { refuseOutsideScope } from '../../../lib/auth/enforce';
import { Shared } from '../../../lib/auth/rules';
import { placeOfRecord } from '../../../lib/auth/scope';
import { findPage } from '../../../lib/graphql/page-query';
import { OWN_PLACE, scopeCondition } from '../../../lib/auth/scope-sql';
import { badInput, conflict, notVisible, requireId } from '../../../lib/errors';
import { ListSize } from '../../../lib/graphql/list-size';
import { ConnectionType, PageArgs, readPage } from '../../../lib/graphql/paging';
import { Decimal, LocalDate } from '../../../lib/graphql/scalars';
import { CASEWORKERS, WELFARE } from '../access';
import { today } from '../dates';
import { Volunteer, VolunteerService, VolunteerTeam } from '../entities/volunteer';
import type { CivilAffairsContext } from '../loaders';
import { formatUnits, toUnits } from '../money';
import { applicantOnRegister } from './applicant-place';

export const VolunteerConnection = ConnectionType(Volunteer, 'Volunteer');
export const VolunteerTeamConnection = ConnectionType(VolunteerTeam, 'VolunteerTeam');

@InputType({ description: 'A resident registering as a volunteer (志愿者注册)' })
export class RegisterVolunteerInput {
  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  idempotencyKey!: string;

  @Field(() => ID)
  residentId!: string;

  @Field(() => [String], { description: 'Skills (服务技能), 1 to 10, e.g. ["助老", "医疗"]' })
  skills!: string[];

  @Field(() => ID, { nullable: true, description: 'A team of the resident’s community' })
  teamId?: string;
}

@InputType({ description: 'Hours a volunteer served (志愿服务记录)' })
export class RecordVolunteerServiceInput {
  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  idempotencyKey!: string;

  @Field(() => LocalDate, { description: 'The day served; not in the future' })
  servedOn!: string;

  @Field(() => Decimal, { description: 'Hours, more than 0 and at most 24, in tenths (e.g. "2.5")' })
  hours!: string;

  @Field({ description: 'What was done (服务内容)' })
  activity!: string;
}

@InputType({ description: 'Conditions on volunteers; all given conditions must hold' })
export class VolunteerFilter {
  @Field(() => ID, { nullable: true })
  teamId?: string;

  @Field(() => String, { nullable: true, description: 'Has this skill' })
  skill?: string;
}

function readSkills(skills: string[]): string[] {
  const clean = [...new Set(skills.map((s) => s.trim()).filter(Boolean))];
  if (!clean.length || clean.length > 10 || clean.some((s) => s.length > 40))
    throw badInput('skills must be 1 to 10 names of at most 40 characters, e.g. ["助老", "医疗"]', 'skills');
  return clean;
}

@Resolver(() => Volunteer)
export class VolunteerResolver {
  @Shared(WELFARE)
  @Query(() => VolunteerConnection, {
    nullable: true,
    description: 'Registered volunteers (志愿者) in your scope, a page at a time (ordered by id)',
  })
  volunteers(
    @Args() paging: PageArgs,
    @Arg('filter', () => VolunteerFilter, { nullable: true }) filter: VolunteerFilter | undefined,
    @Ctx() { em, identity }: CivilAffairsContext,
  ) {
    const where: Record<string, unknown> = {};
    if (filter?.teamId) where.teamId = requireId(filter.teamId, 'filter.teamId');
    if (filter?.skill) where.skills = { $contains: [filter.skill.trim()] };
    return findPage(
      em,
      Volunteer,
      { $and: [where, scopeCondition(identity.resolvedScope, OWN_PLACE)] } as FilterQuery<Volunteer>,
      readPage(paging),
    );
  }

  @Query(() => VolunteerTeamConnection, { description: 'Volunteer teams (志愿服务队), a page at a time' })
  volunteerTeams(
    @Args() paging: PageArgs,
    @Arg('communityCode', () => String, { nullable: true }) communityCode: string | undefined,
    @Ctx() { em }: CivilAffairsContext,
  ) {
    return findPage(
      em,
      VolunteerTeam,
      (communityCode ? { communityCode } : {}) as FilterQuery<VolunteerTeam>,
      readPage(paging),
    );
  }

  @Shared(CASEWORKERS)
  @Mutation(() => Volunteer, { description: 'Registers a resident as a volunteer (志愿者注册)' })
  async registerVolunteer(
    @Arg('input', () => RegisterVolunteerInput) input: RegisterVolunteerInput,
    @Ctx() ctx: CivilAffairsContext,
  ) {
    const once = new CreateOnce(ctx, 'registerVolunteer', input.idempotencyKey, withoutKey(input), (c, id) =>
      c.em.findOne(Volunteer, { id }),
    );
    const earlier = await once.earlier();
    if (earlier) return earlier;
    const residentId = requireId(input.residentId, 'residentId');
    const skills = readSkills(input.skills);
    const teamId = input.teamId ? requireId(input.teamId, 'teamId') : null;
    const applicant = await applicantOnRegister(ctx, residentId);
    try {
      return await once.create(async ({ em: tx }) => {
        if (teamId) {
          const team = await tx.findOne(VolunteerTeam, { id: teamId });
          if (!team || team.communityCode !== applicant.place.communityCode || team.disbandedOn)
            throw badInput(
              `teamId must be a serving team of the resident’s community (${applicant.place.communityCode})`,
              'teamId',
            );
        }
        const created = tx.create(Volunteer, {
          id: randomUUID(),
          residentId,
          skills,
          teamId,
          registeredOn: today(),
          totalHours: '0.0',
          ...applicant.place,
        });
        await tx.flush();
        return created;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException)
        throw conflict(`resident ${residentId} is already a registered volunteer`);
      throw error;
    }
  }

  @Shared(CASEWORKERS)
  @Mutation(() => Volunteer, {
    description: 'Records hours a volunteer served; their total grows by exactly that much',
  })
  async recordVolunteerService(
    @Arg('volunteerId', () => ID) id: string,
    @Arg('input', () => RecordVolunteerServiceInput) input: RecordVolunteerServiceInput,
    @Ctx() ctx: CivilAffairsContext,
  ) {
    const once = new CreateOnce(
      ctx,
      'recordVolunteerService',
      input.idempotencyKey,
      { volunteerId: id, ...withoutKey(input) },
      (c, id) => c.em.findOne(Volunteer, { id }),
    );
    const earlier = await once.earlier();
    if (earlier) return earlier;
    const volunteerId = requireId(id, 'volunteerId');
    const tenths = toUnits(input.hours, 1);
    if (tenths === null || tenths <= 0n || tenths > 240n)
      throw badInput(`hours must be more than 0 and at most 24, in tenths; got "${input.hours}"`, 'hours');
    if (input.servedOn > today()) throw badInput(`servedOn ${input.servedOn} is in the future`, 'servedOn');
    const activity = input.activity.trim();
    if (!activity || activity.length > 200)
      throw badInput('activity must say what was done, in at most 200 characters', 'activity');
    return once.create(async ({ em: tx }) => {
      const volunteer = await tx.findOne(Volunteer, { id: volunteerId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!volunteer) throw notVisible('Volunteer', volunteerId);
      refuseOutsideScope(ctx, 'Volunteer', volunteerId, placeOfRecord(volunteer), () =>
        notVisible('Volunteer', volunteerId),
      );
      tx.create(VolunteerService, {
        id: randomUUID(),
        volunteerId,
        servedOn: input.servedOn,
        hours: formatUnits(tenths, 1),
        activity,
      });
      volunteer.totalHours = formatUnits(toUnits(String(volunteer.totalHours), 1)! + tenths, 1);
      await tx.flush();
      return volunteer;
    });
  }

  @FieldResolver(() => VolunteerTeam, { nullable: true, description: 'The team (所属服务队)' })
  team(@Root() volunteer: Volunteer, @Ctx() ctx: CivilAffairsContext): Promise<VolunteerTeam | null> | null {
    return volunteer.teamId ? ctx.loaders.team.load(volunteer.teamId) : null;
  }

  /** a volunteer serves a few times a month */
  @ListSize(10)
  @FieldResolver(() => [VolunteerService], { description: 'Service records (服务记录), newest first' })
  services(@Root() volunteer: Volunteer, @Ctx() ctx: CivilAffairsContext): Promise<VolunteerService[]> {
    return ctx.loaders.servicesOfVolunteer.load(volunteer.id);
  }
}
