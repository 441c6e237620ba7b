import { Entity, Index, ManyToOne, PrimaryKeyProp, type Ref } from '@mikro-orm/postgresql';
import { Region } from './region';
import { Staff } from './staff';

/** The regions (grids, communities, micro-grids) a staff member serves: the pivot of Staff.regions. */
@Entity({ tableName: 'staff_region' })
@Index({ properties: ['region'] })
export class StaffRegion {
  @ManyToOne(() => Staff, { ref: true, primary: true, deleteRule: 'cascade' })
  staff!: Ref<Staff>;

  @ManyToOne(() => Region, { ref: true, primary: true })
  region!: Ref<Region>;

  [PrimaryKeyProp]?: ['staff', 'region'];
}
