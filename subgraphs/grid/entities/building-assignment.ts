import { Entity, ManyToOne, PrimaryKey, type Ref } from '@mikro-orm/postgresql';
import { Region } from './region';

/** Which micro-grid a building belongs to (楼栋入格). The building key is population's: a plain uuid, not a foreign key. */
@Entity({ tableName: 'building_assignment' })
export class BuildingAssignment {
  @PrimaryKey({ type: 'uuid' })
  buildingId!: string;

  @ManyToOne(() => Region, { ref: true, index: true })
  microGrid!: Ref<Region>;
}
