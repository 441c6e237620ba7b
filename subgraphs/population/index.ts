import type { DepartmentModule } from '../../lib/department-module';
import { createLoaders } from './loaders';
import { POPULATION_FIGURES } from './figures';
import ormConfig from './mikro-orm.config';
import { buildPopulationSchema } from './schema';
import { PER_COMMUNITY } from './resolvers/region-stats.resolver';
import { fillIdNumberHashes } from './sign-in';

export const population: DepartmentModule = {
  name: 'population',
  ormConfig,
  buildSchema: buildPopulationSchema,
  createLoaders,
  figures: [POPULATION_FIGURES],
  prepare: fillIdNumberHashes,
  keptFigures: [PER_COMMUNITY.exact],
};
