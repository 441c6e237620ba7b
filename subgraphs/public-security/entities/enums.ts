import { registerEnumType } from 'type-graphql';

// household registration (户籍)

export enum RegistrationType {
  LOCAL = 'LOCAL',
  NON_LOCAL = 'NON_LOCAL',
  NONE = 'NONE',
}
registerEnumType(RegistrationType, {
  name: 'RegistrationType',
  description: 'Kind of household registration (户籍类别)',
  valuesConfig: {
    LOCAL: { description: '本地户籍' },
    NON_LOCAL: { description: '外地户籍' },
    NONE: { description: '无户籍 (e.g. foreigners)' },
  },
});

// key persons (重点人员)

export enum KeyPersonCategory {
  COMMUNITY_CORRECTION = 'COMMUNITY_CORRECTION',
  RELEASED_PRISONER = 'RELEASED_PRISONER',
  DRUG_REHABILITATION = 'DRUG_REHABILITATION',
  SEVERE_MENTAL_DISORDER = 'SEVERE_MENTAL_DISORDER',
  OTHER = 'OTHER',
}
registerEnumType(KeyPersonCategory, {
  name: 'KeyPersonCategory',
  description: 'Category of key person under community supervision (重点人员类别)',
  valuesConfig: {
    COMMUNITY_CORRECTION: { description: '社区矫正人员' },
    RELEASED_PRISONER: { description: '刑满释放人员' },
    DRUG_REHABILITATION: { description: '社区戒毒社区康复人员' },
    SEVERE_MENTAL_DISORDER: { description: '严重精神障碍患者' },
    OTHER: { description: '其他' },
  },
});

export enum RiskLevel {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
}
registerEnumType(RiskLevel, {
  name: 'RiskLevel',
  description: 'Assessed risk level (风险等级)',
  valuesConfig: { LOW: { description: '低' }, MEDIUM: { description: '中' }, HIGH: { description: '高' } },
});

// residence permits (居住证)

export enum PermitReason {
  WORK = 'WORK',
  BUSINESS = 'BUSINESS',
  STUDY = 'STUDY',
  FAMILY = 'FAMILY',
  OTHER = 'OTHER',
}
registerEnumType(PermitReason, {
  name: 'PermitReason',
  description: 'Reason for living in the district (居住事由)',
  valuesConfig: {
    WORK: { description: '务工' },
    BUSINESS: { description: '经商' },
    STUDY: { description: '就学' },
    FAMILY: { description: '投亲靠友' },
    OTHER: { description: '其他' },
  },
});

// rental housing (出租房屋)

export enum InspectionResult {
  PASSED = 'PASSED',
  HAZARDS_FOUND = 'HAZARDS_FOUND',
  FAILED = 'FAILED',
}
registerEnumType(InspectionResult, {
  name: 'InspectionResult',
  description: 'Result of a safety inspection of a rental (安全检查结果)',
  valuesConfig: {
    PASSED: { description: '合格' },
    HAZARDS_FOUND: { description: '发现隐患，限期整改' },
    FAILED: { description: '不合格，停止出租' },
  },
});

// key-person contacts (重点人员见面/联系)

export enum ContactMethod {
  VISIT = 'VISIT',
  INTERVIEW = 'INTERVIEW',
  PHONE = 'PHONE',
  VIDEO = 'VIDEO',
}
registerEnumType(ContactMethod, {
  name: 'ContactMethod',
  description: 'How the officer was in contact (联系方式)',
  valuesConfig: {
    VISIT: { description: '上门走访' },
    INTERVIEW: { description: '约谈' },
    PHONE: { description: '电话' },
    VIDEO: { description: '视频' },
  },
});

// incidents (警情)

export enum IncidentType {
  THEFT = 'THEFT',
  FRAUD = 'FRAUD',
  FIGHT = 'FIGHT',
  DISPUTE = 'DISPUTE',
  DOMESTIC = 'DOMESTIC',
  NOISE = 'NOISE',
  TRAFFIC = 'TRAFFIC',
  FIRE = 'FIRE',
  MISSING_PERSON = 'MISSING_PERSON',
  OTHER = 'OTHER',
}
registerEnumType(IncidentType, {
  name: 'IncidentType',
  description: 'Kind of incident reported to the police (警情类别)',
  valuesConfig: {
    THEFT: { description: '盗窃' },
    FRAUD: { description: '诈骗' },
    FIGHT: { description: '打架斗殴' },
    DISPUTE: { description: '纠纷' },
    DOMESTIC: { description: '家庭暴力' },
    NOISE: { description: '噪音扰民' },
    TRAFFIC: { description: '交通事故' },
    FIRE: { description: '火灾' },
    MISSING_PERSON: { description: '人员走失' },
    OTHER: { description: '其他' },
  },
});

export enum IncidentStatus {
  REPORTED = 'REPORTED',
  DISPATCHED = 'DISPATCHED',
  HANDLED = 'HANDLED',
  CLOSED = 'CLOSED',
}
registerEnumType(IncidentStatus, {
  name: 'IncidentStatus',
  description: 'Where an incident stands (警情状态)',
  valuesConfig: {
    REPORTED: { description: '已接警' },
    DISPATCHED: { description: '已出警' },
    HANDLED: { description: '已处置' },
    CLOSED: { description: '已结案' },
  },
});

export enum IncidentRole {
  REPORTER = 'REPORTER',
  VICTIM = 'VICTIM',
  SUSPECT = 'SUSPECT',
  WITNESS = 'WITNESS',
  PARTY = 'PARTY',
}
registerEnumType(IncidentRole, {
  name: 'IncidentRole',
  description: 'How a resident is involved in an incident (涉警身份)',
  valuesConfig: {
    REPORTER: { description: '报警人' },
    VICTIM: { description: '受害人' },
    SUSPECT: { description: '嫌疑人' },
    WITNESS: { description: '证人' },
    PARTY: { description: '当事人' },
  },
});

// the history of public security's records (变更记录)

export enum ChangeAction {
  INCIDENT_RECORDED = 'INCIDENT_RECORDED',
  INCIDENT_DISPATCHED = 'INCIDENT_DISPATCHED',
  INCIDENT_HANDLED = 'INCIDENT_HANDLED',
  INCIDENT_CLOSED = 'INCIDENT_CLOSED',
  RENTAL_REGISTERED = 'RENTAL_REGISTERED',
  PERMIT_ISSUED = 'PERMIT_ISSUED',
  PERMIT_RENEWED = 'PERMIT_RENEWED',
  PERMIT_CANCELLED = 'PERMIT_CANCELLED',
  SUPERVISION_STARTED = 'SUPERVISION_STARTED',
  SUPERVISION_ENDED = 'SUPERVISION_ENDED',
  POLICE_ASSIGNED = 'POLICE_ASSIGNED',
  POLICE_UNASSIGNED = 'POLICE_UNASSIGNED',
  TENANCY_REGISTERED = 'TENANCY_REGISTERED',
  COLLECTION_VERIFIED = 'COLLECTION_VERIFIED',
  COLLECTION_REJECTED = 'COLLECTION_REJECTED',
  TENANCY_ENDED = 'TENANCY_ENDED',
}
registerEnumType(ChangeAction, {
  name: 'PublicSecurityChangeAction',
  description: 'What a change to one of public security’s records did (变更事项)',
  valuesConfig: {
    INCIDENT_RECORDED: { description: '接警登记' },
    INCIDENT_DISPATCHED: { description: '出警' },
    INCIDENT_HANDLED: { description: '处置' },
    INCIDENT_CLOSED: { description: '结案' },
    RENTAL_REGISTERED: { description: '出租房屋登记' },
    PERMIT_ISSUED: { description: '居住证签发' },
    PERMIT_RENEWED: { description: '居住证签注' },
    PERMIT_CANCELLED: { description: '居住证注销' },
    SUPERVISION_STARTED: { description: '列管' },
    SUPERVISION_ENDED: { description: '撤管' },
    POLICE_ASSIGNED: { description: '网格民警任职' },
    POLICE_UNASSIGNED: { description: '网格民警离任' },
    TENANCY_REGISTERED: { description: '租客登记' },
    TENANCY_ENDED: { description: '退租' },
    COLLECTION_VERIFIED: { description: '采集核实' },
    COLLECTION_REJECTED: { description: '采集退回' },
  },
});

export enum PermitStatus {
  ISSUED = 'ISSUED',
  RENEWED = 'RENEWED',
  CANCELLED = 'CANCELLED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(PermitStatus, {
  name: 'PermitStatus',
  description: 'Where a residence permit stands (居住证状态); EXPIRED once its validity has passed',
  valuesConfig: {
    ISSUED: { description: '已签发' },
    RENEWED: { description: '已签注' },
    CANCELLED: { description: '已注销' },
    EXPIRED: { description: '已过期' },
  },
});

export enum SupervisionStatus {
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
}

// collected rentals and tenants (采集的出租房屋和租客)

export enum CollectedStatus {
  PENDING = 'PENDING',
  APPLIED = 'APPLIED',
  REJECTED = 'REJECTED',
}
registerEnumType(CollectedStatus, {
  name: 'CollectedRentalStatus',
  description: 'Where a collected rental stands in the police’s worklist (待核实事项状态)',
  valuesConfig: {
    PENDING: { description: '待核实' },
    APPLIED: { description: '已核实登记' },
    REJECTED: { description: '已退回，原因见 reason' },
  },
});
