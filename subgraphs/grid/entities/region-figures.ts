import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { ListSize } from '../../../lib/graphql/list-size';
import { LocalDate } from '../../../lib/graphql/scalars';

/** Grid's own figures of a region: its tree and building assignment (not personal data, never suppressed). */
@ObjectType({ description: 'Grid-management figures of a region (网格化管理统计)' })
export class GridFigures {
  @Field(() => Int, { description: 'Grids in the region (网格数)' })
  grids!: number;

  @Field(() => Int, { description: 'Buildings assigned to its micro-grids (入格楼栋)' })
  buildings!: number;

  @Field(() => Int, { description: 'Staff serving in the region (网格力量)' })
  staff!: number;

  @Field(() => Int, { description: 'Target households of its grids (服务户数)' })
  targetHouseholds!: number;
}

/**
 * The figures of one region as of one day (区域统计), an entity owned by grid: each department adds a field with its
 * own figures (population, civilAffairs, …), counted over its own data in the place grid provides here.
 */
@Directive('@key(fields: "regionId asOf")')
@ObjectType({ description: 'Figures of one region as of one day (区域统计)' })
export class RegionFigures {
  @Field(() => ID)
  regionId!: string;

  @Field(() => LocalDate, { description: 'The day the figures are counted for (统计日期)' })
  asOf!: string;

  /** the region's division code: community and above are counted by it as a prefix of buildings' community codes */
  @Directive('@inaccessible')
  @Field()
  divisionCode!: string;

  /** grids and micro-grids: the packed keys of their buildings (lib/cohort/keys.ts), which only grid knows */
  @Directive('@inaccessible')
  @Field(() => String, { nullable: true })
  buildingKeys?: string | null;
}

@ObjectType({
  description: 'Statistics of a region and each of its child regions (区域统计), figures from every department',
})
export class RegionStats {
  @Field(() => ID)
  regionId!: string;

  @Field(() => LocalDate)
  asOf!: string;

  /** a district has a few dozen streets: the region itself and its children */
  @ListSize(21)
  @Field(() => [RegionFigures], {
    description: 'The region itself first, then one entry per child region by division code',
  })
  figures!: RegionFigures[];
}

/**
 * Grid's work in a region as of the day (事件与走访): personal records counted, so small cells are withheld for an
 * ANALYTICS identity (null, named in `suppressed`). Coverage is `visitedHouseholds` ÷ population's `households`.
 */
@ObjectType({ description: 'Events and visits of a region as of the day (事件与走访统计)' })
export class GridWorkFigures {
  @Field(() => Int, {
    nullable: true,
    description: 'Events open at the end of the day (未结事件): reported and neither closed nor rejected',
  })
  openEvents!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Of the open events, those whose current step was past its time limit at the end of the day (超期事件)',
  })
  overdueEvents!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Households visited in the month of the day, up to its end (本月已走访户数); ÷ population.households is the coverage',
  })
  visitedHouseholds!: number | null;

  @Field(() => [String], {
    description: 'Figures withheld (小数抑制): for an analytics identity, a sum of money whose count is shown under k',
  })
  suppressed!: string[];
}
