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

export enum AssistanceStatus {
  APPLIED = 'APPLIED',
  REVIEWING = 'REVIEWING',
  VERIFIED = 'VERIFIED',
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
    APPLIED: { description: '已受理 — taken in (受理), the investigation not yet begun' },
    REVIEWING: { description: '调查中 — under investigation (入户调查, 家庭经济状况核对)' },
    VERIFIED: { description: '已审核 — reviewed (审核) by the street, awaiting approval (待审批)' },
    APPROVED: { description: '已批准 — approved; a one-off grant, or a monthly payment that has not started yet' },
    ACTIVE: { description: '享受中 — receiving monthly payments' },
    SUSPENDED: { description: '暂停 — payments suspended' },
    TERMINATED: { description: '终止 — payments ended' },
    REJECTED: { description: '不予批准 — not approved' },
  },
});

/** The steps of an assistance case's lifecycle (lifecycle.ts declares which status each may start from). */
export enum AssistanceAction {
  APPLY = 'APPLY',
  START_REVIEW = 'START_REVIEW',
  VERIFY = 'VERIFY',
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
  START_PAYMENT = 'START_PAYMENT',
  SUSPEND = 'SUSPEND',
  RESUME = 'RESUME',
  TERMINATE = 'TERMINATE',
  REVIEW = 'REVIEW',
}
registerEnumType(AssistanceAction, {
  name: 'AssistanceAction',
  description: 'A step of an assistance case (救助业务环节)',
  valuesConfig: {
    APPLY: { description: '受理 — the application is taken in and recorded' },
    START_REVIEW: { description: '调查 — the investigation (入户调查, 家庭经济状况核对) begins' },
    VERIFY: {
      description: '审核 — the investigation is reviewed and the case proposed for approval, by another official',
    },
    APPROVE: {
      description: '审批 — approved with an amount, by another official than who took it in or investigated it',
    },
    REJECT: { description: '不予批准 — not approved (after intake or investigation, or at approval)' },
    START_PAYMENT: { description: '开始发放 — monthly payments begin' },
    SUSPEND: { description: '暂停发放 — payments suspended' },
    RESUME: { description: '恢复发放 — payments resumed' },
    TERMINATE: { description: '终止 — payments end for good' },
    REVIEW: { description: '动态复核 — periodic review of a paying case; the status stays' },
  },
});
