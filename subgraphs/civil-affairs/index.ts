import type { DepartmentModule } from '../../lib/department-module';
import { createLoaders } from './loaders';
import { WELFARE_FIGURES, ASSISTANCE_FIGURES } from './figures';
import ormConfig from './mikro-orm.config';
import { buildCivilAffairsSchema } from './schema';

export const civilAffairs: DepartmentModule = {
  name: 'civil-affairs',
  ormConfig,
  buildSchema: buildCivilAffairsSchema,
  createLoaders,
  figures: [ASSISTANCE_FIGURES, WELFARE_FIGURES],
};
