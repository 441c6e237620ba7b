import type { FilterQuery } from '@mikro-orm/postgresql';
import { Arg, Args, Ctx, FieldResolver, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { Shared } from '../../../lib/auth/rules';
import { findPage } from '../../../lib/graphql/page-query';
import { OWN_PLACE, scopeCondition } from '../../../lib/auth/scope-sql';
import { badInput } from '../../../lib/errors';
import { PageArgs, readPage } from '../../../lib/graphql/paging';
import { CASEWORKERS } from '../access';
import { addDays, today } from '../dates';
import { AssistanceCase } from '../entities/assistance-case';
import { AssistanceStatus } from '../entities/enums';
import { ServiceApplication } from '../entities/service-application';
import type { CivilAffairsContext } from '../loaders';
import { UNDECIDED } from '../lifecycle';
import { WAITING } from '../service-workflow';
import { AssistanceCaseConnection } from './assistance-case.resolver';
import { ServiceApplicationConnection } from './service-application.resolver';

@ObjectType({ description: 'What a caseworker has to do (待办), inside their data scope' })
export class CaseworkerWorklist {}

const inScope = (ctx: CivilAffairsContext) => scopeCondition(ctx.identity.resolvedScope, OWN_PLACE);

@Resolver(() => CaseworkerWorklist)
export class WorklistResolver {
  @Shared(CASEWORKERS)
  @Query(() => CaseworkerWorklist, {
    nullable: true,
    description: 'The caseworker’s worklist (待办事项): reviews due, applications waiting',
  })
  caseworkerWorklist(): CaseworkerWorklist {
    return {};
  }

  @FieldResolver(() => AssistanceCaseConnection, {
    description: 'Paying cases whose periodic review (动态复核) is due within `withinDays` days, or overdue',
  })
  reviewsDue(
    @Args() paging: PageArgs,
    @Arg('withinDays', () => Int, { defaultValue: 30 }) withinDays: number,
    @Ctx() ctx: CivilAffairsContext,
  ) {
    if (withinDays < 0 || withinDays > 366)
      throw badInput(`withinDays must be 0 to 366; got ${withinDays}`, 'withinDays');
    const due = {
      status: { $in: [AssistanceStatus.ACTIVE, AssistanceStatus.SUSPENDED] },
      nextReviewOn: { $lte: addDays(today(), withinDays) },
    };
    return findPage(
      ctx.em,
      AssistanceCase,
      { $and: [due, inScope(ctx)] } as FilterQuery<AssistanceCase>,
      readPage(paging),
    );
  }

  @FieldResolver(() => AssistanceCaseConnection, {
    description: 'Applications for assistance not yet decided (APPLIED, REVIEWING, VERIFIED)',
  })
  applicationsWaiting(@Args() paging: PageArgs, @Ctx() ctx: CivilAffairsContext) {
    const waiting = { status: { $in: [...UNDECIDED] } };
    return findPage(
      ctx.em,
      AssistanceCase,
      { $and: [waiting, inScope(ctx)] } as FilterQuery<AssistanceCase>,
      readPage(paging),
    );
  }

  @FieldResolver(() => ServiceApplicationConnection, {
    description: 'Service applications not yet completed or rejected',
  })
  serviceApplicationsWaiting(@Args() paging: PageArgs, @Ctx() ctx: CivilAffairsContext) {
    const waiting = { status: { $in: [...WAITING] } };
    return findPage(
      ctx.em,
      ServiceApplication,
      { $and: [waiting, inScope(ctx)] } as FilterQuery<ServiceApplication>,
      readPage(paging),
    );
  }
}
