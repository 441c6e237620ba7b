import { randomUUID } from 'node:crypto';
import { type EntityManager, LockMode, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import { refuseOutsideScope } from '../../../lib/auth/enforce';
import { forbidden } from '../../../lib/auth/identity';
import { Shared } from '../../../lib/auth/rules';
import { isCommunityCode } from '../../../lib/codes/division';
import { CreateOnce, IDEMPOTENCY_KEY_DESCRIPTION, withoutKey } from '../../../lib/writes/idempotency';
import { inTransaction } from '../../../lib/writes/unit-of-work';
import { badInput, conflict, notVisible, requireId } from '../../../lib/errors';
import { CASEWORKERS } from '../access';
import { today } from '../dates';
import { VolunteerTeam } from '../entities/volunteer';
import type { CivilAffairsContext } from '../loaders';
import { readReason } from './assistance-case.steps';

@InputType({ description: 'A volunteer team (志愿服务队) of a community' })
export class CreateVolunteerTeamInput {
  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  idempotencyKey!: string;

  @Field({ description: 'Name (队名), e.g. "幸福里社区为老服务队"; unique among the community’s serving teams' })
  name!: string;

  @Field({ description: '12-digit code of the community the team serves, inside your data scope' })
  communityCode!: string;
}

function readName(text: string): string {
  const name = text.trim();
  if (!name || name.length > 60) throw badInput('name must be 1 to 60 characters, e.g. "幸福里社区为老服务队"', 'name');
  return name;
}

const taken = (name: string, communityCode: string) =>
  conflict(`community ${communityCode} already has a serving team named "${name}"`);

/** A community inside the caller's scope (a refusal is audited); teams are the community's, not a person's. */
function refuseOutsideCommunity(ctx: CivilAffairsContext, recordId: string, communityCode: string): void {
  refuseOutsideScope(ctx, 'VolunteerTeam', recordId, { communityCode }, () =>
    forbidden(`community ${communityCode} is outside your data scope: ask an official whose scope covers it`),
  );
}

/** A serving team, locked for this transaction, if its community is in the caller's scope. */
async function servingTeam(tx: EntityManager, ctx: CivilAffairsContext, id: string): Promise<VolunteerTeam> {
  const team = await tx.findOne(VolunteerTeam, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!team) throw notVisible('VolunteerTeam', id);
  refuseOutsideCommunity(ctx, id, team.communityCode);
  if (team.disbandedOn) throw conflict(`volunteer team ${id} was disbanded on ${team.disbandedOn}`);
  return team;
}

/** Volunteer teams (志愿服务队): founded, renamed and disbanded by civil affairs' caseworkers of the community. */
@Resolver()
export class VolunteerTeamMutations {
  @Shared(CASEWORKERS)
  @Mutation(() => VolunteerTeam, { description: 'Founds a volunteer team (志愿服务队) of a community in your scope' })
  async createVolunteerTeam(
    @Arg('input', () => CreateVolunteerTeamInput) input: CreateVolunteerTeamInput,
    @Ctx() ctx: CivilAffairsContext,
  ) {
    const once = new CreateOnce(ctx, 'createVolunteerTeam', input.idempotencyKey, withoutKey(input), (c, id) =>
      c.em.findOne(VolunteerTeam, { id }),
    );
    const earlier = await once.earlier();
    if (earlier) return earlier;
    const name = readName(input.name);
    const communityCode = input.communityCode.trim();
    if (!isCommunityCode(communityCode))
      throw badInput(`communityCode must be a 12-digit community code; got "${input.communityCode}"`, 'communityCode');
    refuseOutsideCommunity(ctx, communityCode, communityCode);
    try {
      return await once.create(async ({ em: tx }) => {
        const created = tx.create(VolunteerTeam, { id: randomUUID(), name, communityCode });
        await tx.flush();
        return created;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw taken(name, communityCode);
      throw error;
    }
  }

  @Shared(CASEWORKERS)
  @Mutation(() => VolunteerTeam, { description: 'Renames a serving volunteer team' })
  async renameVolunteerTeam(
    @Arg('id', () => ID) id: string,
    @Arg('name', () => String) newName: string,
    @Ctx() ctx: CivilAffairsContext,
  ) {
    const teamId = requireId(id);
    const name = readName(newName);
    try {
      return await inTransaction(ctx, async ({ em: tx }) => {
        const team = await servingTeam(tx, ctx, teamId);
        if (team.name === name) throw conflict(`volunteer team ${teamId} is already named "${name}"`);
        team.name = name;
        await tx.flush();
        return team;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException)
        throw conflict(`a serving team of its community is already named "${name}"`);
      throw error;
    }
  }

  @Shared(CASEWORKERS)
  @Mutation(() => VolunteerTeam, {
    description:
      'Disbands a volunteer team (解散) today, saying why; its volunteers keep it as the team they served in, and no one can join it any more',
  })
  async disbandVolunteerTeam(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { description: 'Why (解散原因)' }) text: string,
    @Ctx() ctx: CivilAffairsContext,
  ) {
    const teamId = requireId(id);
    readReason(text, true);
    return inTransaction(ctx, async ({ em: tx }) => {
      const team = await servingTeam(tx, ctx, teamId);
      team.disbandedOn = today();
      await tx.flush();
      return team;
    });
  }
}
