import type { DepartmentModule } from '../../lib/department-module';
import { createLoaders } from './loaders';
import ormConfig from './mikro-orm.config';
import { buildGridSchema } from './schema';

export const grid: DepartmentModule = {
  name: 'grid',
  ormConfig,
  buildSchema: buildGridSchema,
  createLoaders,
};
