import type { DepartmentModule } from '../../lib/department-module';
import { createLoaders } from './loaders';
import { GRID_FIGURES, GRID_WORK_FIGURES } from './figures';
import ormConfig from './mikro-orm.config';
import { VISITS_PER_COMMUNITY } from './region-work-figures';
import { buildGridSchema } from './schema';

export const grid: DepartmentModule = {
  name: 'grid',
  ormConfig,
  buildSchema: buildGridSchema,
  createLoaders,
  figures: [GRID_FIGURES, GRID_WORK_FIGURES],
  keptFigures: [VISITS_PER_COMMUNITY],
};
