import type { CorrectableFact, CorrectionDeclaration } from '../../lib/corrections';
import { placeOfRecord } from '../../lib/auth/scope';
import { badInput } from '../../lib/errors';
import { CASEWORKERS } from './access';
import { HomeCareService } from './entities/elderly-care';
import { HomeCareKind } from './entities/welfare-enums';
import type { CivilAffairsContext } from './loaders';
import { changeHours, hoursOf, hoursProblem, runningService } from './resolvers/home-care.mutations';

/** The kinds of home care as the person reads them (HomeCareKind's descriptions). */
const KIND_NAMES: Record<HomeCareKind, [string, string]> = {
  MEALS: ['助餐', 'meals'],
  BATHING: ['助浴', 'bathing'],
  CLEANING: ['助洁', 'cleaning'],
  NURSING: ['助医 / 康复护理', 'nursing'],
  COMPANIONSHIP: ['精神慰藉 / 陪伴', 'companionship'],
  EMERGENCY_CALL: ['紧急呼叫', 'emergency call'],
};

/** The person's running service of a kind (one at most: home_care_service_running_unique), on the call's connection. */
const running = (ctx: CivilAffairsContext, residentId: string, kind: HomeCareKind) =>
  ctx.em.findOne(HomeCareService, { residentId, kind, endsOn: null });

/**
 * The hours a month of the person's running home-care service of one kind (每月服务时长): checked as changeHomeCare
 * checks them, applied as changeHomeCare applies them (the service locked, in the caller's scope, a change that
 * changes nothing refused).
 */
function homeCareHours(kind: HomeCareKind): CorrectableFact<CivilAffairsContext> {
  return {
    fact: `homeCareHours.${kind}`,
    label: `居家养老服务每月时长：${KIND_NAMES[kind][0]} (home-care hours a month: ${KIND_NAMES[kind][1]})`,
    async current({ ctx, residentId }) {
      const service = await running(ctx, residentId, kind);
      return service ? hoursOf(String(service.hoursPerMonth)) : undefined;
    },
    async problem({ ctx, residentId }, value) {
      const problem = hoursProblem(value);
      if (problem) return problem;
      const service = await running(ctx, residentId, kind);
      return service && hoursOf(String(service.hoursPerMonth)) === hoursOf(value)
        ? `the record already says ${hoursOf(value)} hours a month of ${KIND_NAMES[kind][0]}`
        : null;
    },
    async apply({ ctx, residentId }, value) {
      const service = await running(ctx, residentId, kind);
      if (!service)
        throw badInput(
          `the resident no longer receives ${KIND_NAMES[kind][0]}; reject the request, saying so`,
          'input.id',
        );
      changeHours(await runningService(ctx.em, ctx, service.id), hoursOf(value));
    },
  };
}

/**
 * Civil affairs' facts of a person the person may say are wrong: the hours of their home-care services. Its other
 * records of a person (a disability certificate, special care, an allowance, an assistance case) are decisions on
 * documents with no change path but a new decision, so a person who says they are wrong applies again instead.
 */
export const civilAffairsCorrections: CorrectionDeclaration<CivilAffairsContext> = {
  facts: Object.values(HomeCareKind).map(homeCareHours),
  async placeOf(ctx, residentId) {
    const service = await ctx.em.findOne(
      HomeCareService,
      { residentId, endsOn: null },
      { orderBy: { startsOn: 'desc', id: 'asc' } },
    );
    return service ? placeOfRecord(service) : null;
  },
  deciders: CASEWORKERS,
};
