import type { DepartmentModule } from '../lib/department-module';
import type { Department } from '../lib/departments';
import { population } from '../subgraphs/population';

/** The orchestration scripts' view of all departments (departments themselves never import each other). */
export const departments: Partial<Record<Department, DepartmentModule>> = { population };
