import { departmentOrmConfig } from '../../lib/db/config';
import { HouseholdRegistration } from './entities/household-registration';
import { KeyPerson } from './entities/key-person';
import { migrations } from './migrations';

export const entities = [HouseholdRegistration, KeyPerson];

export default (url?: string) => departmentOrmConfig('public-security', { entities, migrations }, url);
