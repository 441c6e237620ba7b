import type { AccessVocabulary } from '../../lib/audit/vocabulary';

/** How grid's audit rows are told to the resident they are about (lib/audit/vocabulary.ts). */
export const gridAccessWords: AccessVocabulary = {
  records: {
    Resident: {
      record: '网格信息 (your grid)',
      fields: { grid: '所在网格 (your grid)', household: '户的信息 (your household)', events: '事件 (events)' },
      other: '其他网格信息 (other grid details)',
    },
    Household: {
      record: '入户走访 (visits to your household)',
      fields: { visits: '走访记录 (visits)', lastVisit: '走访记录 (visits)' },
      other: '户的信息 (your household)',
    },
    Visit: {
      record: '入户走访 (a visit)',
      fields: { findings: '走访发现 (what was found)', parts: '一次采集的内容 (what was collected)' },
      other: '走访时间与人员 (when and by whom)',
    },
    Event: {
      record: '网格事件 (an event reported on the grid)',
      fields: {
        description: '事件内容 (what happened)',
        title: '事件内容 (what happened)',
        residents: '涉及的居民 (residents named)',
        timeline: '办理过程 (handling)',
        reportEvent: '上报事件 (reported)',
        transitionEvent: '办理过程 (handling)',
      },
      other: '事件的其他信息 (other details of the event)',
    },
    Facility: { record: '设施 (a facility)', other: '设施信息 (facility details)' },
  },
  withheld: { recordTypes: [], fields: [] },
};
