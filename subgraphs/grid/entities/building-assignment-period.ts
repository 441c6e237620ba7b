import { ArrayType, Entity, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/postgresql';
import { Region } from './region';

/**
 * A period in which a building belonged to a micro-grid (楼栋入格记录), and who was responsible for it then: the
 * staff of the micro-grid and its grid when the period began. Moving a building closes its open period and opens
 * another; building_assignment holds the current one.
 */
@Entity({ tableName: 'building_assignment_period' })
@Index({ properties: ['buildingId', 'validFrom'] })
// one open period per building (moveBuilding's race, Migration20261203130000)
@Index({
  name: 'building_assignment_period_one_open_per_building',
  expression:
    'create unique index "building_assignment_period_one_open_per_building" on "building_assignment_period" ("building_id") where "valid_to" is null',
})
export class BuildingAssignmentPeriod {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  buildingId!: string;

  @ManyToOne(() => Region, { ref: true })
  microGrid!: Ref<Region>;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  validFrom!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  validTo?: Date | null;

  @Property({ type: ArrayType, columnType: 'uuid[]', default: '{}' })
  responsibleStaffIds: string[] = [];

  @Property({ type: 'text', nullable: true })
  movedBy?: string | null;
}
