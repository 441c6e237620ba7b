import type { AccessVocabulary } from '../../lib/audit/vocabulary';

const AMOUNTS = '金额与期限 (amounts and dates)';
const DECISION = '申请与审批 (application and decision)';

/** How civil affairs' audit rows are told to the resident they are about (lib/audit/vocabulary.ts). */
export const civilAffairsAccessWords: AccessVocabulary = {
  records: {
    Resident: {
      record: '民政服务概况 (your civil-affairs services)',
      fields: {
        assistance: '社会救助 (social assistance)',
        assistanceToStop: '社会救助 (social assistance)',
        disability: '残疾信息 (disability)',
        elderlyCare: '养老服务 (elderly care)',
        specialCare: '优抚 (special care)',
        serviceApplications: '服务申请 (service applications)',
        volunteer: '志愿服务 (volunteering)',
        household: '户的信息 (your household)',
        status: '登记状态 (status on the register)',
      },
      other: '其他民政信息 (other civil-affairs details)',
    },
    Household: { record: '户的社会救助 (your household’s assistance)', other: '社会救助 (social assistance)' },
    AssistanceCase: {
      record: '低保等社会救助 (social assistance: minimum living allowance and others)',
      fields: {
        monthlyAmount: AMOUNTS,
        oneOffAmount: AMOUNTS,
        appliedOn: DECISION,
        decidedOn: DECISION,
        startsOn: AMOUNTS,
        endsOn: AMOUNTS,
        nextReviewOn: DECISION,
        status: DECISION,
        program: '救助项目 (programme)',
        history: '办理过程 (history of the case)',
        onBehalf: '代办人 (filed on your behalf)',
      },
      other: '救助的其他信息 (other details of the case)',
    },
    Disability: {
      record: '残疾信息 (disability)',
      fields: { type: '残疾类别与等级 (type and grade)', grade: '残疾类别与等级 (type and grade)' },
      other: '残疾证 (certificate)',
    },
    ElderlyAllowance: { record: '高龄津贴 (old-age allowance)', other: AMOUNTS },
    HomeCareService: { record: '居家养老服务 (home care)', other: '服务内容与时长 (service and hours)' },
    SpecialCare: { record: '优抚 (special care for veterans and families)', other: AMOUNTS },
    ServiceApplication: {
      record: '服务申请 (service application)',
      fields: {
        trackingCode: DECISION,
        status: DECISION,
        timeline: '办理过程 (history)',
        onBehalf: '代办人 (filed on your behalf)',
      },
      other: '申请内容 (what was applied for)',
    },
    Volunteer: { record: '志愿服务 (volunteering)', other: '服务记录 (services and hours)' },
  },
  withheld: { recordTypes: [], fields: [] },
};
