import type { Client } from 'pg';
import type { World } from './world';

/**
 * A department's part of the data generator: writes its own slice of the world into its own database
 * (through a client connected with the department's credentials) and returns rows written per table.
 * It runs only against an empty department database, after migrations.
 */
export type DepartmentSeeder = (client: Client, world: World) => Promise<Record<string, number>>;
