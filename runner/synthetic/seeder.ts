import type { Client } from 'pg';
import type { DepartmentModule } from '../../lib/department-module';
import type { World } from './world';

/**
 * A department's part of the data generator (subgraphs/<department>/seed.ts): writes its own slice of the world into
 * its own database (through a client connected with the department's credentials) and returns rows written per table.
 * It runs only against an empty department database, after migrations.
 */
export type DepartmentSeeder = (client: Client, world: World) => Promise<Record<string, number>>;

/**
 * A department as the runner knows it: what its process serves (its index.ts) and its part of the demo data (its
 * seed.ts). The subgraph's own process loads only the first.
 */
export type SeededDepartment = DepartmentModule & { seed: DepartmentSeeder };
