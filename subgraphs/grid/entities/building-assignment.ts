import { Entity, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/postgresql';
import { Region } from './region';

/** Which micro-grid a building belongs to (楼栋入格). The building key is population's: a plain uuid, not a foreign key. */
@Entity({ tableName: 'building_assignment' })
export class BuildingAssignment {
  @PrimaryKey({ type: 'uuid' })
  buildingId!: string;

  @ManyToOne(() => Region, { ref: true, index: true })
  microGrid!: Ref<Region>;

  /**
   * The building's door-plate address (门牌地址) as the grid's public notice lists it (网格公示), recorded when the
   * building is entered into a grid: public, what a resident finds their grid's contact card by.
   */
  @Property({ type: 'text', nullable: true })
  address?: string | null;
}
