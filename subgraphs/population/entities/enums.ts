import { registerEnumType } from 'type-graphql';
import { Gender } from '../../../lib/codes/tables';

export { Gender };
registerEnumType(Gender, {
  name: 'Gender',
  description: 'Sex (性别), GB/T 2261.1',
  valuesConfig: { MALE: { description: '男 (1)' }, FEMALE: { description: '女 (2)' } },
});

export enum BuildingUse {
  RESIDENTIAL = 'RESIDENTIAL',
  COMMERCIAL = 'COMMERCIAL',
  MIXED = 'MIXED',
  BUNGALOW = 'BUNGALOW',
}
registerEnumType(BuildingUse, {
  name: 'BuildingUse',
  description: 'Use of a building (房屋用途)',
  valuesConfig: {
    RESIDENTIAL: { description: '住宅' },
    COMMERCIAL: { description: '商业' },
    MIXED: { description: '商住混合' },
    BUNGALOW: { description: '平房' },
  },
});

export enum HouseholdType {
  FAMILY = 'FAMILY',
  COLLECTIVE = 'COLLECTIVE',
}
registerEnumType(HouseholdType, {
  name: 'HouseholdType',
  description: 'Household type (户别)',
  valuesConfig: { FAMILY: { description: '家庭户' }, COLLECTIVE: { description: '集体户' } },
});

export enum ResidenceStatus {
  REGISTERED = 'REGISTERED',
  FLOATING = 'FLOATING',
  OVERSEAS = 'OVERSEAS',
}
registerEnumType(ResidenceStatus, {
  name: 'ResidenceStatus',
  description: 'Residence status (人口类别)',
  valuesConfig: {
    REGISTERED: { description: '户籍人口' },
    FLOATING: { description: '流动人口' },
    OVERSEAS: { description: '境外人员' },
  },
});

export enum LivingArrangement {
  ALONE = 'ALONE',
  EMPTY_NEST = 'EMPTY_NEST',
  WITH_FAMILY = 'WITH_FAMILY',
}
registerEnumType(LivingArrangement, {
  name: 'LivingArrangement',
  description: 'Living arrangement (居住情况)',
  valuesConfig: {
    ALONE: { description: '独居' },
    EMPTY_NEST: { description: '空巢' },
    WITH_FAMILY: { description: '与家人同住' },
  },
});

export enum SelfCareAbility {
  FULL = 'FULL',
  PARTIAL = 'PARTIAL',
  NONE = 'NONE',
}
registerEnumType(SelfCareAbility, {
  name: 'SelfCareAbility',
  description: 'Self-care ability (自理能力)',
  valuesConfig: {
    FULL: { description: '完全自理' },
    PARTIAL: { description: '部分自理' },
    NONE: { description: '不能自理' },
  },
});

export enum ResidentStatus {
  ACTIVE = 'ACTIVE',
  MOVED_OUT = 'MOVED_OUT',
  DECEASED = 'DECEASED',
}
registerEnumType(ResidentStatus, {
  name: 'ResidentStatus',
  description: 'Status in the register (人员状态)',
  valuesConfig: {
    ACTIVE: { description: '在册' },
    MOVED_OUT: { description: '迁出' },
    DECEASED: { description: '死亡' },
  },
});

export enum Education {
  NONE = 'NONE',
  PRIMARY = 'PRIMARY',
  JUNIOR = 'JUNIOR',
  SENIOR = 'SENIOR',
  COLLEGE = 'COLLEGE',
  BACHELOR = 'BACHELOR',
  POSTGRADUATE = 'POSTGRADUATE',
}
registerEnumType(Education, {
  name: 'Education',
  description: 'Highest education (文化程度), GB/T 4658 groups',
  valuesConfig: {
    NONE: { description: '未上过学' },
    PRIMARY: { description: '小学' },
    JUNIOR: { description: '初中' },
    SENIOR: { description: '高中/中专' },
    COLLEGE: { description: '大专' },
    BACHELOR: { description: '本科' },
    POSTGRADUATE: { description: '研究生' },
  },
});

export enum MaritalStatus {
  UNMARRIED = 'UNMARRIED',
  MARRIED = 'MARRIED',
  WIDOWED = 'WIDOWED',
  DIVORCED = 'DIVORCED',
}
registerEnumType(MaritalStatus, {
  name: 'MaritalStatus',
  description: 'Marital status (婚姻状况), GB/T 2261.2',
  valuesConfig: {
    UNMARRIED: { description: '未婚' },
    MARRIED: { description: '已婚' },
    WIDOWED: { description: '丧偶' },
    DIVORCED: { description: '离婚' },
  },
});

export enum PoliticalStatus {
  CPC_MEMBER = 'CPC_MEMBER',
  CYL_MEMBER = 'CYL_MEMBER',
  OTHER_PARTY = 'OTHER_PARTY',
  MASSES = 'MASSES',
}
registerEnumType(PoliticalStatus, {
  name: 'PoliticalStatus',
  description: 'Political status (政治面貌), GB/T 4762',
  valuesConfig: {
    CPC_MEMBER: { description: '中共党员' },
    CYL_MEMBER: { description: '共青团员' },
    OTHER_PARTY: { description: '民主党派' },
    MASSES: { description: '群众' },
  },
});

export enum EmploymentStatus {
  EMPLOYED = 'EMPLOYED',
  UNEMPLOYED = 'UNEMPLOYED',
  RETIRED = 'RETIRED',
  STUDENT = 'STUDENT',
  OTHER = 'OTHER',
}
registerEnumType(EmploymentStatus, {
  name: 'EmploymentStatus',
  description: 'Employment status (就业状况)',
  valuesConfig: {
    EMPLOYED: { description: '在业' },
    UNEMPLOYED: { description: '失业' },
    RETIRED: { description: '离退休' },
    STUDENT: { description: '在校学生' },
    OTHER: { description: '其他' },
  },
});

export enum OrganizationType {
  ENTERPRISE = 'ENTERPRISE',
  INDIVIDUAL_BUSINESS = 'INDIVIDUAL_BUSINESS',
  GOVERNMENT_AGENCY = 'GOVERNMENT_AGENCY',
  PUBLIC_INSTITUTION = 'PUBLIC_INSTITUTION',
  SOCIAL_ORGANIZATION = 'SOCIAL_ORGANIZATION',
}
registerEnumType(OrganizationType, {
  name: 'OrganizationType',
  description: 'Kind of organization in the district (单位类型)',
  valuesConfig: {
    ENTERPRISE: { description: '企业' },
    INDIVIDUAL_BUSINESS: { description: '个体工商户' },
    GOVERNMENT_AGENCY: { description: '机关' },
    PUBLIC_INSTITUTION: { description: '事业单位' },
    SOCIAL_ORGANIZATION: { description: '社会组织' },
  },
});

export enum ResidentChangeKind {
  REGISTERED = 'REGISTERED',
  MOVED = 'MOVED',
  STATUS = 'STATUS',
  FACT = 'FACT',
  VERIFIED = 'VERIFIED',
}
registerEnumType(ResidentChangeKind, {
  name: 'ResidentChangeKind',
  description: 'What a change to a resident’s record was (变更类型)',
  valuesConfig: {
    REGISTERED: { description: '登记 (into a household, if any)' },
    MOVED: { description: '迁移 (to another household)' },
    STATUS: { description: '状态变更 (moved out, deceased)' },
    FACT: { description: '信息变更 (one fact)' },
    VERIFIED: { description: '核实 (checked in person)' },
  },
});
