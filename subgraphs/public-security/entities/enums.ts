import { registerEnumType } from 'type-graphql';

// household registration (户籍)

export enum RegistrationType { LOCAL = 'LOCAL', NON_LOCAL = 'NON_LOCAL', NONE = 'NONE' }
registerEnumType(RegistrationType, {
  name: 'RegistrationType',
  description: 'Kind of household registration (户籍类别)',
  valuesConfig: { LOCAL: { description: '本地户籍' }, NON_LOCAL: { description: '外地户籍' }, NONE: { description: '无户籍 (e.g. foreigners)' } },
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

export enum RiskLevel { LOW = 'LOW', MEDIUM = 'MEDIUM', HIGH = 'HIGH' }
registerEnumType(RiskLevel, {
  name: 'RiskLevel',
  description: 'Assessed risk level (风险等级)',
  valuesConfig: { LOW: { description: '低' }, MEDIUM: { description: '中' }, HIGH: { description: '高' } },
});
