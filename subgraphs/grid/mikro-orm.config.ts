import { departmentOrmConfig } from '../../lib/db/config';
import { BuildingAssignment } from './entities/building-assignment';
import { Region } from './entities/region';
import { Staff } from './entities/staff';
import { StaffRegion } from './entities/staff-region';
import { migrations } from './migrations';

export const entities = [Region, BuildingAssignment, Staff, StaffRegion];

export default (url?: string) => departmentOrmConfig('grid', { entities, migrations }, url);
