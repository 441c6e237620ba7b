import type { DepartmentModule } from '../../lib/department-module';
import { createLoaders } from './loaders';
import { POPULATION_FIGURES } from './figures';
import ormConfig from './mikro-orm.config';
import { buildPopulationSchema } from './schema';
import { fillIdNumberHashes } from './sign-in';

export const population: DepartmentModule = {
  name: 'population',
  ormConfig,
  buildSchema: buildPopulationSchema,
  createLoaders,
  figures: [POPULATION_FIGURES],
  prepare: fillIdNumberHashes,
};
