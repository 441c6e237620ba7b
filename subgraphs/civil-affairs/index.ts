import type { DepartmentModule } from '../../lib/department-module';
import { createLoaders } from './loaders';
import { WELFARE_FIGURES, ASSISTANCE_FIGURES } from './figures';
import ormConfig from './mikro-orm.config';
import { PER_COMMUNITY } from './resolvers/region-stats.resolver';
import { buildCivilAffairsSchema } from './schema';

export const civilAffairs: DepartmentModule = {
  name: 'civil-affairs',
  ormConfig,
  buildSchema: buildCivilAffairsSchema,
  createLoaders,
  figures: [ASSISTANCE_FIGURES, WELFARE_FIGURES],
  keptFigures: [PER_COMMUNITY],
};
