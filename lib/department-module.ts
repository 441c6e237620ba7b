import type { MikroORM, Options } from '@mikro-orm/postgresql';
import type { RequestContext } from './context';
import type { Department } from './departments';
import type { Subgraph } from './graphql/schema';
import type { CommunityCounting } from './stats/community-cache';
import type { FigureSection } from './stats/figures';

/**
 * What every department folder exports from its index.ts: the same floor plan for all four. Its part of the demo data
 * is its seed.ts, which the runner pairs with it (scripts/registry.ts); the subgraph's process never loads it.
 */
export interface DepartmentModule<Loaders = unknown> {
  name: Department;
  /** MikroORM options for the department's own database (its mikro-orm.config.ts) */
  ormConfig(url?: string): Options;
  buildSchema(): Promise<Subgraph>;
  createLoaders(em: RequestContext['em']): Loaders;
  /** what the subgraph does with its database once connected, before it serves (e.g. population's ID-number hashes) */
  prepare?(orm: MikroORM): Promise<void>;
  /** its figures of regionStats (lib/stats/figures.ts), from which `npm run compose` writes the query and the dashboard's list */
  figures?: readonly FigureSection[];
  /** its figures kept per community and day (lib/stats/community-cache.ts), counted for today before anyone asks */
  keptFigures?: readonly CommunityCounting[];
}
