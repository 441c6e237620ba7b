import { departmentOrmConfig } from '../../lib/db/config';
import { Building } from './entities/building';
import { Household } from './entities/household';
import { Resident } from './entities/resident';
import { migrations } from './migrations';

export const entities = [Building, Household, Resident];

export default (url?: string) => departmentOrmConfig('population', { entities, migrations }, url);
