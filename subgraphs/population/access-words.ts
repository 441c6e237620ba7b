import type { AccessVocabulary } from '../../lib/audit/vocabulary';

const IDENTITY = '身份信息 (identity: name, sex, date of birth, ID number, ethnicity)';
const CONTACT = '联系电话 (phone)';
const FAMILY = '家庭情况 (family: marital status, relation to the head of household)';
const SOCIAL = '就业与社保 (work, education, insurance)';
const LIVING = '居住与照护 (living arrangement, self-care)';
const RESIDENCE = '居住登记 (residence: status, household, moving in and out)';
const POLITICAL = '政治面貌 (political status)';
const HISTORY = '变更记录 (history of changes)';
const CHANGE = '登记信息的变更 (a change to the register)';

/** How population's audit rows are told to the resident they are about (lib/audit/vocabulary.ts). */
export const populationAccessWords: AccessVocabulary = {
  records: {
    Resident: {
      record: '人口登记信息 (population register)',
      fields: {
        name: IDENTITY,
        gender: IDENTITY,
        birthDate: IDENTITY,
        age: IDENTITY,
        idNumber: IDENTITY,
        ethnicity: IDENTITY,
        ethnicityCode: IDENTITY,
        phone: CONTACT,
        maritalStatus: FAMILY,
        relationToHead: FAMILY,
        education: SOCIAL,
        employmentStatus: SOCIAL,
        healthInsurance: SOCIAL,
        pensionInsurance: SOCIAL,
        unemploymentInsurance: SOCIAL,
        livingArrangement: LIVING,
        selfCareAbility: LIVING,
        residenceStatus: RESIDENCE,
        status: RESIDENCE,
        leftOn: RESIDENCE,
        movedInOn: RESIDENCE,
        household: RESIDENCE,
        politicalStatus: POLITICAL,
        history: HISTORY,
        registerResident: CHANGE,
        updateResident: CHANGE,
        moveOutResident: CHANGE,
        confirmResidentFacts: '核实登记信息 (facts confirmed)',
        lastVerifiedAt: '核实登记信息 (facts confirmed)',
        collected: '走访采集的变更 (a change collected on a visit)',
      },
      other: '其他登记信息 (other register details)',
    },
    Household: {
      record: '户的信息 (your household)',
      fields: {
        members: '家庭成员 (its members)',
        head: '家庭成员 (its members)',
        membership: HISTORY,
        room: '住址 (address)',
        building: '住址 (address)',
        type: '户的类型 (type of household)',
      },
      other: '户的其他信息 (other household details)',
    },
    CollectedChange: {
      record: '走访采集待核实的变更 (a change collected on a visit, to be verified)',
      other: '变更内容与处理 (the change and its decision)',
    },
  },
  withheld: { recordTypes: [], fields: [] },
};
