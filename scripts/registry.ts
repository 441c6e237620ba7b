import type { DepartmentModule } from '../lib/department-module';
import type { Department } from '../lib/departments';
import { civilAffairs } from '../subgraphs/civil-affairs';
import { grid } from '../subgraphs/grid';
import { population } from '../subgraphs/population';
import { publicSecurity } from '../subgraphs/public-security';

/** The orchestration scripts' view of all departments (departments themselves never import each other). */
export const departments: Partial<Record<Department, DepartmentModule>> = { population, 'civil-affairs': civilAffairs, 'public-security': publicSecurity, grid };
