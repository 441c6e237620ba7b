import type { AccessVocabulary } from '../../lib/audit/vocabulary';

/**
 * How public security's audit rows are told to the resident they are about (lib/audit/vocabulary.ts). Key-person
 * supervision and incidents are withheld by law (PIPL art. 18, 35), for every resident alike: their reads are not in
 * the report, whether or not the person is supervised or involved.
 */
export const publicSecurityAccessWords: AccessVocabulary = {
  records: {
    Resident: {
      record: '公安登记概况 (your public-security records)',
      fields: {
        household: '户的信息 (your household)',
        registration: '户籍 (hukou registration)',
        residencePermit: '居住证 (residence permit)',
        rentals: '出租房屋 (rentals)',
      },
      other: '其他公安登记信息 (other public-security details)',
    },
    HouseholdRegistration: { record: '户籍 (hukou registration)', other: '户籍地址与登记日期 (hukou address, date)' },
    ResidencePermit: {
      record: '居住证 (residence permit)',
      fields: { employer: '工作单位 (employer)', employerOrganization: '工作单位 (employer)' },
      other: '证件信息与有效期 (permit number and validity)',
    },
    RentalHousing: {
      record: '出租房屋 (a rental)',
      fields: {
        landlord: '房东 (landlord)',
        tenants: '租客 (tenants)',
        unregisteredTenants: '租客 (tenants)',
        inspections: '安全检查 (safety inspections)',
        history: '变更记录 (history of changes)',
      },
      other: '房屋信息 (the room and its registration)',
    },
    CollectedRental: {
      record: '走访采集的出租房屋与租客 (a rental or tenants collected on a visit)',
      other: '采集内容与核实 (what was collected and its verification)',
    },
  },
  withheld: {
    recordTypes: ['KeyPerson', 'KeyPersonContact', 'Incident', 'IncidentParty'],
    fields: ['Resident.keyPerson', 'Resident.incidents'],
  },
};
