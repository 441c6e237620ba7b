import { departmentOrmConfig } from '../../lib/db/config';
import { AssistanceCase } from './entities/assistance-case';
import { migrations } from './migrations';

export const entities = [AssistanceCase];

export default (url?: string) => departmentOrmConfig('civil-affairs', { entities, migrations }, url);
