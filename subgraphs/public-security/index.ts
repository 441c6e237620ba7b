import type { DepartmentModule } from '../../lib/department-module';
import { createLoaders } from './loaders';
import ormConfig from './mikro-orm.config';
import { buildPublicSecuritySchema } from './schema';
import { seedPublicSecurity } from './seed';

export const publicSecurity: DepartmentModule = {
  name: 'public-security',
  ormConfig,
  buildSchema: buildPublicSecuritySchema,
  createLoaders,
  seed: seedPublicSecurity,
};
