import type { DepartmentModule } from '../../lib/department-module';
import { createLoaders } from './loaders';
import { PUBLIC_SECURITY_FIGURES } from './figures';
import ormConfig from './mikro-orm.config';
import { PER_COMMUNITY } from './resolvers/region-stats.resolver';
import { buildPublicSecuritySchema } from './schema';

export const publicSecurity: DepartmentModule = {
  name: 'public-security',
  ormConfig,
  buildSchema: buildPublicSecuritySchema,
  createLoaders,
  figures: [PUBLIC_SECURITY_FIGURES],
  keptFigures: [PER_COMMUNITY],
};
