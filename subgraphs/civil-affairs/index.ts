import type { DepartmentModule } from '../../lib/department-module';
import { createLoaders } from './loaders';
import ormConfig from './mikro-orm.config';
import { buildCivilAffairsSchema } from './schema';
import { seedCivilAffairs } from './seed';

export const civilAffairs: DepartmentModule = {
  name: 'civil-affairs',
  ormConfig,
  buildSchema: buildCivilAffairsSchema,
  createLoaders,
  seed: seedCivilAffairs,
};
