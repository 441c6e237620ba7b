import { CorrectionRecord } from '../../lib/corrections/entity';
import { departmentOrmConfig } from '../../lib/db/config';
import { CollectedChange, CollectionReceipt } from './collection/collected-change';
import { Building } from './entities/building';
import { Household } from './entities/household';
import { Organization } from './entities/organization';
import { Resident } from './entities/resident';
import { ResidentChange } from './entities/resident-change';
import { migrations } from './migrations';

export const entities = [
  Building,
  Household,
  Resident,
  Organization,
  ResidentChange,
  CollectedChange,
  CollectionReceipt,
  CorrectionRecord,
];

export default (url?: string) => departmentOrmConfig('population', { entities, migrations }, url);
