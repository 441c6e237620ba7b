import type { FilterQuery } from '@mikro-orm/postgresql';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Shared } from '../../../lib/auth/rules';
import { ListSize } from '../../../lib/graphql/list-size';
import { CASE_FILES } from '../access';
import { AssistanceCaseStep } from '../entities/assistance-case-step';
import { requireId } from '../../../lib/errors';
import { findPage } from '../../../lib/graphql/page-query';
import { OWN_PLACE, scopeCondition } from '../../../lib/auth/scope-sql';
import { ConnectionType, PageArgs, readPage } from '../../../lib/graphql/paging';
import { AssistanceCase } from '../entities/assistance-case';
import { FiledOnBehalf } from '../entities/on-behalf';
import { Household } from '../entities/household';
import { Resident } from '../entities/resident';
import type { CivilAffairsContext } from '../loaders';
import { AssistanceCaseFilter } from './assistance-case.inputs';

export const AssistanceCaseConnection = ConnectionType(AssistanceCase, 'AssistanceCase');

export function caseConditions(filter: AssistanceCaseFilter = {}): FilterQuery<AssistanceCase> {
  const where: Record<string, unknown> = {};
  if (filter.program) where.program = filter.program;
  if (filter.status) where.status = filter.status;
  if (filter.residentId) where.residentId = requireId(filter.residentId, 'filter.residentId');
  if (filter.householdId) where.householdId = requireId(filter.householdId, 'filter.householdId');
  return where as FilterQuery<AssistanceCase>;
}

// The case files as such are civil affairs' own (不予共享); others see a resident's cases through the resident.

@Resolver(() => AssistanceCase)
export class AssistanceCaseResolver {
  @Shared(CASE_FILES)
  @Query(() => AssistanceCase, { nullable: true, description: 'One assistance case by id' })
  assistanceCase(@Arg('id', () => ID) id: string, @Ctx() ctx: CivilAffairsContext): Promise<AssistanceCase | null> {
    return ctx.loaders.assistanceCase.load(requireId(id));
  }

  @Shared(CASE_FILES)
  @Query(() => AssistanceCaseConnection, {
    nullable: true,
    description: 'Assistance cases matching a filter, a page at a time (ordered by id)',
  })
  assistanceCases(
    @Args() paging: PageArgs,
    @Arg('filter', () => AssistanceCaseFilter, { nullable: true }) filter: AssistanceCaseFilter | undefined,
    @Ctx() { em, identity }: CivilAffairsContext,
  ) {
    const inScope = scopeCondition(identity.resolvedScope, OWN_PLACE);
    return findPage(
      em,
      AssistanceCase,
      { $and: [caseConditions(filter), inScope] } as FilterQuery<AssistanceCase>,
      readPage(paging),
    );
  }

  /** application, review, decision, payment start: a few steps, plus a review a year */
  @ListSize(5)
  @Shared(CASE_FILES)
  @FieldResolver(() => [AssistanceCaseStep], {
    nullable: true,
    description: 'Every step of the case (办理记录): who, when, why; oldest first',
  })
  history(@Root() assistanceCase: AssistanceCase, @Ctx() ctx: CivilAffairsContext): Promise<AssistanceCaseStep[]> {
    return ctx.loaders.historyOfCase.load(assistanceCase.id);
  }

  @Shared(CASE_FILES)
  @FieldResolver(() => FiledOnBehalf, {
    nullable: true,
    description:
      'Who filed the application on the applicant’s behalf (代办) and how they agreed; null when handed in in person',
  })
  onBehalf(@Root() assistanceCase: AssistanceCase, @Ctx() ctx: CivilAffairsContext): Promise<FiledOnBehalf | null> {
    return ctx.loaders.filedOnBehalf.load(assistanceCase.id);
  }

  @FieldResolver(() => Resident, { nullable: true, description: 'Applicant (申请人), resolved by population' })
  resident(@Root() assistanceCase: AssistanceCase): Resident {
    return { id: assistanceCase.residentId };
  }

  @FieldResolver(() => Household, {
    nullable: true,
    description: 'Household the case covers (救助家庭), resolved by population',
  })
  household(@Root() assistanceCase: AssistanceCase): Household | null {
    return assistanceCase.householdId ? { id: assistanceCase.householdId } : null;
  }
}
