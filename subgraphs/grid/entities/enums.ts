import { registerEnumType } from 'type-graphql';

export enum RegionLevel {
  DISTRICT = 'DISTRICT',
  STREET = 'STREET',
  COMMUNITY = 'COMMUNITY',
  GRID = 'GRID',
  MICRO_GRID = 'MICRO_GRID',
}
registerEnumType(RegionLevel, {
  name: 'RegionLevel',
  description: 'Level in the region tree (区域层级), from the top down',
  valuesConfig: {
    DISTRICT: { description: '区' },
    STREET: { description: '街道' },
    COMMUNITY: { description: '社区' },
    GRID: { description: '网格' },
    MICRO_GRID: { description: '微网格' },
  },
});

/** Top-down order of the levels: a child is always exactly one level below its parent. */
export const LEVEL_DEPTH: Record<RegionLevel, number> = {
  DISTRICT: 0,
  STREET: 1,
  COMMUNITY: 2,
  GRID: 3,
  MICRO_GRID: 4,
};

export enum GridType {
  GENERAL = 'GENERAL',
  DEDICATED = 'DEDICATED',
}
registerEnumType(GridType, {
  name: 'GridType',
  description: 'Grid type (网格类型)',
  valuesConfig: {
    GENERAL: { description: '综合网格' },
    DEDICATED: { description: '专属网格 (a park, school, hospital…)' },
  },
});

export enum StaffRole {
  GRID_LEADER = 'GRID_LEADER',
  FULL_TIME_WORKER = 'FULL_TIME_WORKER',
  PART_TIME_WORKER = 'PART_TIME_WORKER',
  GRID_POLICE = 'GRID_POLICE',
  BUILDING_LEADER = 'BUILDING_LEADER',
  VOLUNTEER = 'VOLUNTEER',
  SENT_DOWN_OFFICIAL = 'SENT_DOWN_OFFICIAL',
  LIAISON_OFFICIAL = 'LIAISON_OFFICIAL',
}
/** The Chinese name of each role, as the public notice (网格公示) writes it. */
export const STAFF_ROLE_TERMS: Record<StaffRole, string> = {
  GRID_LEADER: '网格长',
  FULL_TIME_WORKER: '专职网格员',
  PART_TIME_WORKER: '兼职网格员',
  GRID_POLICE: '网格警',
  BUILDING_LEADER: '楼栋长',
  VOLUNTEER: '志愿者',
  SENT_DOWN_OFFICIAL: '下沉力量',
  LIAISON_OFFICIAL: '包联干部',
};
registerEnumType(StaffRole, {
  name: 'StaffRole',
  description: 'Role in the grid workforce (网格力量)',
  valuesConfig: Object.fromEntries(Object.entries(STAFF_ROLE_TERMS).map(([k, term]) => [k, { description: term }])),
});
