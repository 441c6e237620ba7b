import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/postgresql';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { GridType, RegionLevel } from './enums';

/**
 * One node of the grid-management tree. `path` is materialized ('/<district id>/…/<own id>/') so a region's
 * whole subtree is one prefix range; the text_pattern_ops index serves `like 'prefix%'` and the byte-wise
 * range operators (~>=~, ~<~) whatever the database collation. `parent`, `children`, `ancestors`,
 * `buildings` and `staff` are field resolvers (resolvers/region.resolver.ts).
 */
@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'A region of the grid-management tree (区域): district 区 → street 街道 → community 社区 → grid 网格 → micro-grid 微网格',
})
@Entity({ tableName: 'region' })
@Index({
  name: 'region_path_prefix_index',
  expression: 'create index "region_path_prefix_index" on "region" ("path" text_pattern_ops)',
})
@Index({ properties: ['level', 'code'] })
@Check({
  name: 'region_code_fits_level',
  expression: `code ~ '^[0-9]+$' and length(code) = case level when 'DISTRICT' then 6 when 'STREET' then 9 when 'COMMUNITY' then 12 when 'GRID' then 15 else 17 end`,
})
@Check({
  name: 'region_grid_type_only_on_grids',
  expression: `grid_type is null or level = 'GRID' or level = 'MICRO_GRID'`,
})
export class Region {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Region, { ref: true, nullable: true, index: true, deleteRule: 'restrict' })
  parent?: Ref<Region> | null;

  @Field(() => RegionLevel)
  @Enum({ items: () => RegionLevel })
  level!: RegionLevel;

  @Field({
    description:
      'Division code (区划代码): 6 digits district, 9 street, 12 community; a grid adds 3 digits, a micro-grid 2 more',
  })
  @Property({ type: 'string', columnType: 'varchar(17)', unique: true })
  code!: string;

  @Field({ description: 'Name (名称)' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => GridType, { nullable: true, description: 'Grid type (网格类型); grids and micro-grids only' })
  @Enum({ items: () => GridType, nullable: true })
  gridType?: GridType | null;

  @Field(() => Int, { nullable: true, description: 'Target number of households (服务户数)' })
  @Property({ type: 'integer', nullable: true })
  targetHouseholds?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Boundary description (网格范围), e.g. "东至…，西至…": public, on the contact card',
  })
  @Property({ type: 'text', nullable: true })
  boundary?: string | null;

  /** population's count of the region's households, sent along when Region.visitCoverage @requires it (not a column) */
  @Directive('@external')
  @Field(() => Int, { description: 'Households in the region (户数), counted by population' })
  householdCount?: number;

  /** '/<root id>/…/<own id>/': ancestors in order, then the region itself */
  @Property({ type: 'text' })
  path!: string;
}

/**
 * SQL: region `inner` lies in the subtree of region `outer` (itself included) — the byte-wise path range
 * [path, path with its last '/' raised to '0'), which the text_pattern_ops index serves.
 */
export const inSubtree = (inner: string, outer: string) =>
  `${inner}.path ~>=~ ${outer}.path and ${inner}.path ~<~ (left(${outer}.path, -1) || '0')`;

/** SQL: the ids of the regions in the subtree of the region whose id is the next `?` parameter. */
export const SUBTREE_IDS = `select m.id from region r join region m on ${inSubtree('m', 'r')} where r.id = ?`;
