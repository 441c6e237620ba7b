/** The synthetic district's shape (./world.ts makes one; ./shared-facts.ts derives facts two departments hold). */

export type RegionLevel = 'DISTRICT' | 'STREET' | 'COMMUNITY' | 'GRID' | 'MICRO_GRID';

export interface WorldRegion {
  id: string;
  parentId: string | null;
  level: RegionLevel;
  /** 6-digit county code, 9-digit street, 12-digit community; grids add 3 digits, micro-grids 2 more */
  code: string;
  name: string;
  /** target households (grids and micro-grids) */
  targetHouseholds: number | null;
  /** grids and micro-grids: general (综合网格) or dedicated to a school, hospital, park… (专属网格); null above */
  gridType: 'GENERAL' | 'DEDICATED' | null;
}

export interface WorldBuilding {
  id: string;
  microGridId: string;
  communityCode: string;
  address: string;
  name: string;
  use: 'RESIDENTIAL' | 'COMMERCIAL' | 'MIXED' | 'BUNGALOW';
  floors: number;
  latitude: number;
  longitude: number;
}

export interface WorldHousehold {
  id: string;
  buildingId: string;
  room: string;
  type: 'FAMILY' | 'COLLECTIVE';
}

export interface WorldResident {
  /** position in generation order (stable for a given seed and size) */
  index: number;
  id: string;
  householdId: string;
  name: string;
  idNumber: string;
  gender: 'MALE' | 'FEMALE';
  birthDate: string;
  ethnicityCode: string;
  phone: string | null;
  relationCode: string;
  residenceStatus: 'REGISTERED' | 'FLOATING' | 'OVERSEAS';
  education: string;
  maritalStatus: string;
  politicalStatus: string;
  employmentStatus: string;
  livingArrangement: 'ALONE' | 'EMPTY_NEST' | 'WITH_FAMILY';
  selfCareAbility: 'FULL' | 'PARTIAL' | 'NONE';
  healthInsurance: boolean;
  pensionInsurance: boolean;
  unemploymentInsurance: boolean;
  /** a uniform number in [0, 1) fixed per resident, for departments to draw their own shares from */
  draw: number;
  /** a second independent draw */
  draw2: number;
}

export interface World {
  seed: number;
  districtCode: string;
  regions: WorldRegion[];
  buildings: WorldBuilding[];
  households: WorldHousehold[];
  residents: WorldResident[];
  /** the day the world is "as of" (ages, dates of cases): today in the district when it was made, so "this month" has data */
  asOf: string;
}
