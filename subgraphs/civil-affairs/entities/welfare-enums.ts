import { registerEnumType } from 'type-graphql';
import { DISABILITY_TYPES, DisabilityType } from '../../../lib/codes/disability';

export { DisabilityType };
registerEnumType(DisabilityType, {
  name: 'DisabilityType',
  description: 'Category of disability (残疾类别), GB/T 26341',
  valuesConfig: Object.fromEntries(
    Object.entries(DISABILITY_TYPES).map(([k, v]) => [k, { description: `${v.term} (${v.code})` }]),
  ),
});

export enum HomeCareKind {
  MEALS = 'MEALS',
  BATHING = 'BATHING',
  CLEANING = 'CLEANING',
  NURSING = 'NURSING',
  COMPANIONSHIP = 'COMPANIONSHIP',
  EMERGENCY_CALL = 'EMERGENCY_CALL',
}
registerEnumType(HomeCareKind, {
  name: 'HomeCareKind',
  description: 'Home-care service (居家养老服务)',
  valuesConfig: {
    MEALS: { description: '助餐' },
    BATHING: { description: '助浴' },
    CLEANING: { description: '助洁' },
    NURSING: { description: '助医 / 康复护理' },
    COMPANIONSHIP: { description: '精神慰藉 / 陪伴' },
    EMERGENCY_CALL: { description: '紧急呼叫' },
  },
});

export enum SpecialCareCategory {
  VETERAN = 'VETERAN',
  DISABLED_SOLDIER = 'DISABLED_SOLDIER',
  MARTYR_FAMILY = 'MARTYR_FAMILY',
  SERVICEMAN_FAMILY = 'SERVICEMAN_FAMILY',
}
registerEnumType(SpecialCareCategory, {
  name: 'SpecialCareCategory',
  description: 'Who special care (优抚) is for',
  valuesConfig: {
    VETERAN: { description: '退役军人 (在乡老复员军人、带病回乡退伍军人等)' },
    DISABLED_SOLDIER: { description: '残疾军人' },
    MARTYR_FAMILY: { description: '烈士遗属' },
    SERVICEMAN_FAMILY: { description: '现役军人家属 / 因公牺牲、病故军人遗属' },
  },
});
