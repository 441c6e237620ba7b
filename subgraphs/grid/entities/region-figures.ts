import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { type FigureValues, figuresType } from '../../../lib/stats/figures';
import { GRID_FIGURES, GRID_WORK_FIGURES } from '../figures';
import { ListSize } from '../../../lib/graphql/list-size';
import { LocalDate } from '../../../lib/graphql/scalars';

/** Grid's own figures of a region: its tree and building assignment (not personal data, never suppressed): ../figures.ts. */
export const GridFigures = figuresType<FigureValues<typeof GRID_FIGURES>>(GRID_FIGURES);
export type GridFigures = FigureValues<typeof GRID_FIGURES>;

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
 * Grid's work in a region as of the day (事件与走访): personal records counted, through the disclosure control for an
 * ANALYTICS identity. Declared in ../figures.ts; coverage is composed on the dashboard (visitCoverage there).
 */
export const GridWorkFigures = figuresType<FigureValues<typeof GRID_WORK_FIGURES>>(GRID_WORK_FIGURES);
export type GridWorkFigures = FigureValues<typeof GRID_WORK_FIGURES>;
