import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/postgresql';
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PersonalData } from '../../../lib/auth/rules';
import type { Location } from '../../../lib/auth/scope';
import { Region } from './region';

export enum FacilityCondition {
  GOOD = 'GOOD',
  DAMAGED = 'DAMAGED',
  MISSING = 'MISSING',
  OCCUPIED = 'OCCUPIED',
  DECOMMISSIONED = 'DECOMMISSIONED',
}
export const CONDITION_TERMS: Record<FacilityCondition, string> = {
  GOOD: '完好',
  DAMAGED: '破损',
  MISSING: '丢失',
  OCCUPIED: '被占用 (e.g. a fire exit blocked)',
  DECOMMISSIONED: '废弃停用',
};
registerEnumType(FacilityCondition, {
  name: 'FacilityCondition',
  description: 'Condition of a city component (部件状态)',
  valuesConfig: Object.fromEntries(Object.entries(CONDITION_TERMS).map(([k, term]) => [k, { description: term }])),
});

/** Where a facility is, for the scope check: its community, and its building (or its region's building it goes by). */
export const facilityLocation = (f: {
  buildingId?: string | null;
  scopeBuildingId?: string | null;
  communityCode: string;
}): Location => ({ buildingId: f.buildingId ?? f.scopeBuildingId ?? null, communityCode: f.communityCode });

/**
 * A city component (城市部件) on grid's register: a hydrant, a manhole cover, a street lamp, a camera, a fire exit …,
 * classified by GB/T 30428.2 (facilities/classes.ts). It stands at a building of population's (by key) or at
 * coordinates, never both, in a grid or micro-grid; it is scoped like an event (its community and building).
 * Field resolvers: resolvers/facility.resolver.ts.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A city component (城市部件) on the grid’s facility register (采物)' })
@PersonalData<Facility>({ location: (f) => facilityLocation(f) })
@Entity({ tableName: 'facility' })
@Index({ properties: ['communityCode'] })
@Check({
  name: 'facility_one_location',
  expression:
    '(building_id is null) = (longitude is not null and latitude is not null) and (longitude is null) = (latitude is null)',
})
export class Facility {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field({ description: 'Class code (部件小类代码), 4 digits of GB/T 30428.2; see facilityClasses' })
  @Index()
  @Property({ type: 'string', columnType: 'char(4)' })
  classCode!: string;

  @Field({ description: 'Name or plate number on site (部件名称/编号), e.g. "3号楼东侧消防栓"' })
  @Property({ type: 'text' })
  name!: string;

  /** the grid or micro-grid it stands in */
  @ManyToOne(() => Region, { ref: true, index: true })
  region!: Ref<Region>;

  @Property({ type: 'string', columnType: 'char(12)' })
  communityCode!: string;

  @Index()
  @Property({ type: 'uuid', nullable: true })
  buildingId?: string | null;

  /**
   * For one at coordinates: a building of its region (the first by key when registered), the building its scope check
   * goes by — grid and micro-grid scopes are given as their buildings (lib/auth/scope.ts), so the staff of its region
   * see it as they see the region's buildings.
   */
  @Property({ type: 'uuid', nullable: true })
  scopeBuildingId?: string | null;

  @Field(() => Float, { nullable: true, description: 'Longitude (经度, WGS-84), when it stands at no building' })
  @Property({ type: 'double', nullable: true })
  longitude?: number | null;

  @Field(() => Float, { nullable: true, description: 'Latitude (纬度, WGS-84), when it stands at no building' })
  @Property({ type: 'double', nullable: true })
  latitude?: number | null;

  @Field(() => FacilityCondition)
  @Enum({ items: () => FacilityCondition })
  condition!: FacilityCondition;

  @Field(() => Int, { description: 'Changes of condition since it was registered' })
  @Property({ type: 'integer', default: 1 })
  version: number = 1;

  @Property({ type: 'text' })
  recordedBy!: string;

  @Field({ description: 'Who registered it (登记人)' })
  @Property({ type: 'text' })
  recordedByName!: string;

  @Field({ description: 'When it was registered (登记时间)' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  recordedAt!: Date;
}
