import { registerEnumType } from 'type-graphql';

export enum AssistanceProgram {
  MINIMUM_LIVING = 'MINIMUM_LIVING',
  EXTREME_POVERTY = 'EXTREME_POVERTY',
  TEMPORARY = 'TEMPORARY',
  MAJOR_ILLNESS = 'MAJOR_ILLNESS',
}
registerEnumType(AssistanceProgram, {
  name: 'AssistanceProgram',
  description: 'Social assistance program (社会救助项目)',
  valuesConfig: {
    MINIMUM_LIVING: { description: 'Minimum living allowance (最低生活保障, 低保), paid monthly to a household' },
    EXTREME_POVERTY: { description: 'Extreme-poverty support (特困人员救助供养, 特困), paid monthly to a person' },
    TEMPORARY: { description: 'Temporary assistance (临时救助), paid once' },
    MAJOR_ILLNESS: { description: 'Major-illness assistance (大病救助), paid once' },
  },
});

/** Programs paid every month (the others are one-off grants). */
export const RECURRING_PROGRAMS: readonly AssistanceProgram[] = [AssistanceProgram.MINIMUM_LIVING, AssistanceProgram.EXTREME_POVERTY];
export const isRecurring = (program: AssistanceProgram) => RECURRING_PROGRAMS.includes(program);

export enum AssistanceStatus {
  APPLIED = 'APPLIED',
  REVIEWING = 'REVIEWING',
  APPROVED = 'APPROVED',
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  TERMINATED = 'TERMINATED',
  REJECTED = 'REJECTED',
}
registerEnumType(AssistanceStatus, {
  name: 'AssistanceStatus',
  description: 'Where an assistance case stands (救助状态)',
  valuesConfig: {
    APPLIED: { description: '已申请 — applied, not yet taken up' },
    REVIEWING: { description: '审核中 — under review' },
    APPROVED: { description: '已批准 — approved; a one-off grant, or a monthly payment that has not started yet' },
    ACTIVE: { description: '享受中 — receiving monthly payments' },
    SUSPENDED: { description: '暂停 — payments suspended' },
    TERMINATED: { description: '终止 — payments ended' },
    REJECTED: { description: '不予批准 — not approved' },
  },
});

/** Cases that can still be decided. */
export const UNDECIDED: readonly AssistanceStatus[] = [AssistanceStatus.APPLIED, AssistanceStatus.REVIEWING];
