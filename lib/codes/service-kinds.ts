import { registerEnumType } from 'type-graphql';

/**
 * The services a community handles for residents (民生事项代办), as the community service centres list them. A code
 * table shared by the department that decides them (civil affairs) and the grid staff who file them on a resident's
 * behalf (lib/collection/inputs.ts).
 */
export enum ServiceKind {
  MINIMUM_LIVING = 'MINIMUM_LIVING',
  MAJOR_ILLNESS_AID = 'MAJOR_ILLNESS_AID',
  TEMPORARY_AID = 'TEMPORARY_AID',
  MEDICAL_INSURANCE = 'MEDICAL_INSURANCE',
  PENSION_INSURANCE = 'PENSION_INSURANCE',
  DISABILITY_CERTIFICATE = 'DISABILITY_CERTIFICATE',
  ELDERLY_ALLOWANCE = 'ELDERLY_ALLOWANCE',
  ELDERLY_CARE_CARD = 'ELDERLY_CARE_CARD',
  SPECIAL_CARE = 'SPECIAL_CARE',
  UNEMPLOYMENT_REGISTRATION = 'UNEMPLOYMENT_REGISTRATION',
  BIRTH_SERVICE = 'BIRTH_SERVICE',
  RESIDENCE_PERMIT = 'RESIDENCE_PERMIT',
  HOUSING_AID = 'HOUSING_AID',
  EDUCATION_AID = 'EDUCATION_AID',
  FUNERAL_SUBSIDY = 'FUNERAL_SUBSIDY',
  CERTIFICATE_OF_RESIDENCE = 'CERTIFICATE_OF_RESIDENCE',
}
const KIND_TERMS: Record<ServiceKind, string> = {
  MINIMUM_LIVING: '城乡低保',
  MAJOR_ILLNESS_AID: '大病救助',
  TEMPORARY_AID: '临时救助',
  MEDICAL_INSURANCE: '医疗保险',
  PENSION_INSURANCE: '养老保险',
  DISABILITY_CERTIFICATE: '残疾人证办理',
  ELDERLY_ALLOWANCE: '高龄津贴',
  ELDERLY_CARE_CARD: '老年人优待卡',
  SPECIAL_CARE: '优抚',
  UNEMPLOYMENT_REGISTRATION: '就业失业登记',
  BIRTH_SERVICE: '生育服务登记',
  RESIDENCE_PERMIT: '居住证',
  HOUSING_AID: '住房保障',
  EDUCATION_AID: '教育救助',
  FUNERAL_SUBSIDY: '丧葬补贴',
  CERTIFICATE_OF_RESIDENCE: '居住证明',
};
registerEnumType(ServiceKind, {
  name: 'ServiceKind',
  description: 'A service a community handles for residents (民生事项代办)',
  valuesConfig: Object.fromEntries(Object.entries(KIND_TERMS).map(([k, term]) => [k, { description: term }])),
});
