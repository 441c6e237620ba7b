import { MikroORM } from '@mikro-orm/postgresql';
import type { DepartmentModule } from '../department-module';
import { type RunningSubgraph, runSubgraphProcess, serveSubgraph } from './subgraph';

/** Opens the department's own database, brings its schema up to date (migrations at boot), and serves its subgraph. */
export async function startDepartment(department: DepartmentModule, options: { url?: string; port?: number } = {}): Promise<RunningSubgraph> {
  const orm = await MikroORM.init(department.ormConfig(options.url));
  await orm.getMigrator().up();
  return serveSubgraph({ name: department.name, orm, schema: (await department.buildSchema()).schema, createLoaders: department.createLoaders, port: options.port });
}

/** A department's process entry (subgraphs/<department>/main.ts). */
export function runDepartmentProcess(department: DepartmentModule): void {
  void runSubgraphProcess(() => startDepartment(department), department.name);
}
