import type { Department } from '../lib/departments';
import { civilAffairs } from '../subgraphs/civil-affairs';
import { seedCivilAffairs } from '../subgraphs/civil-affairs/seed';
import { grid } from '../subgraphs/grid';
import { seedGrid } from '../subgraphs/grid/seed';
import { population } from '../subgraphs/population';
import { seedPopulation } from '../subgraphs/population/seed';
import { publicSecurity } from '../subgraphs/public-security';
import { seedPublicSecurity } from '../subgraphs/public-security/seed';
import type { SeededDepartment } from '../runner/synthetic/seeder';

/**
 * The scripts' view of all departments (departments themselves never import each other): each one's module with its
 * part of the demo data beside it.
 */
export const departments: Partial<Record<Department, SeededDepartment>> = {
  population: { ...population, seed: seedPopulation },
  'civil-affairs': { ...civilAffairs, seed: seedCivilAffairs },
  'public-security': { ...publicSecurity, seed: seedPublicSecurity },
  grid: { ...grid, seed: seedGrid },
};
