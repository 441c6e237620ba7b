import type { DepartmentModule } from '../../lib/department-module';
import { createLoaders } from './loaders';
import { PUBLIC_SECURITY_FIGURES } from './figures';
import ormConfig from './mikro-orm.config';
import { buildPublicSecuritySchema } from './schema';

export const publicSecurity: DepartmentModule = {
  name: 'public-security',
  ormConfig,
  buildSchema: buildPublicSecuritySchema,
  createLoaders,
  figures: [PUBLIC_SECURITY_FIGURES],
};
