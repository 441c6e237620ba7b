import type { DepartmentModule } from '../../lib/department-module';
import { createLoaders } from './loaders';
import ormConfig from './mikro-orm.config';
import { buildPublicSecuritySchema } from './schema';

export const publicSecurity: DepartmentModule = {
  name: 'public-security',
  ormConfig,
  buildSchema: buildPublicSecuritySchema,
  createLoaders,
};
