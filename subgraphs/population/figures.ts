import { defineFigures } from '../../lib/stats/figures';

/** An active resident on the register by the day counted (the condition every resident figure and an occupied household share). */
export const ACTIVE_BY_THE_DAY = "res.status = 'ACTIVE' and res.birth_date <= a.as_of";

/**
 * Population's figures of a region (lib/stats/figures.ts): counted over the active residents of its buildings
 * (`resident`, ages as of the day by the birth-date bounds `d.y18`, `d.y60`, `d.y80`) or over its flats (`household`,
 * `hh`), in resolvers/region-stats.resolver.ts.
 */
export const POPULATION_FIGURES = defineFigures({
  department: 'population',
  path: ['population'],
  type: 'PopulationFigures',
  description: 'Population figures of a region (人口统计): active residents on the register, ages as of the day asked',
  figures: [
    {
      name: 'residents',
      zh: '实有人口',
      description: 'Residents',
      unit: 'people',
      disclosure: 'count',
      sql: { over: 'resident', where: 'true' },
      dashboard: 'card',
    },
    {
      name: 'registered',
      zh: '户籍人口',
      description: 'Registered residents',
      unit: 'people',
      disclosure: 'count',
      sql: { over: 'resident', where: "res.residence_status = 'REGISTERED'" },
    },
    {
      name: 'floating',
      zh: '流动人口',
      description: 'Floating residents',
      unit: 'people',
      disclosure: 'count',
      sql: { over: 'resident', where: "res.residence_status = 'FLOATING'" },
      dashboard: 'card',
    },
    {
      name: 'overseas',
      zh: '境外人员',
      description: 'Overseas residents',
      unit: 'people',
      disclosure: 'count',
      sql: { over: 'resident', where: "res.residence_status = 'OVERSEAS'" },
    },
    {
      name: 'under18',
      zh: '未成年人',
      description: 'Aged under 18',
      unit: 'people',
      disclosure: 'count',
      sql: { over: 'resident', where: 'res.birth_date > d.y18' },
    },
    {
      name: 'age18to59',
      zh: '18–59岁',
      description: 'Aged 18 to 59',
      unit: 'people',
      disclosure: 'count',
      sql: { over: 'resident', where: 'res.birth_date <= d.y18 and res.birth_date > d.y60' },
    },
    {
      name: 'age60to79',
      zh: '60–79岁',
      description: 'Aged 60 to 79',
      unit: 'people',
      disclosure: 'count',
      sql: { over: 'resident', where: 'res.birth_date <= d.y60 and res.birth_date > d.y80' },
    },
    {
      name: 'age80plus',
      zh: '80岁及以上',
      description: 'Aged 80 and over',
      unit: 'people',
      disclosure: 'count',
      sql: { over: 'resident', where: 'res.birth_date <= d.y80' },
    },
    {
      name: 'livingAlone80plus',
      zh: '80岁以上独居',
      description: 'Aged 80 and over, living alone',
      unit: 'people',
      disclosure: 'count',
      sql: { over: 'resident', where: "res.birth_date <= d.y80 and res.living_arrangement = 'ALONE'" },
      dashboard: 'card',
    },
    {
      name: 'dueForReverification',
      zh: '待核实人口',
      description:
        'Residents due for re-verification on the day counted (每两个月更新一次): their facts last confirmed (lastVerifiedAt) before the start of the day HUB_REVERIFY_DAYS days earlier (default 60), as the register holds them now',
      unit: 'people',
      disclosure: 'count',
      sql: { over: 'resident', where: 'res.last_verified_at < a.reverify_before' },
    },
    {
      name: 'households',
      zh: '户数',
      description: 'Households on the register, with or without an active resident',
      unit: 'households',
      disclosure: 'count',
      sql: { over: 'household', where: 'true' },
    },
    {
      name: 'householdsWithResidents',
      zh: '有人居住户数',
      description: 'Households where at least one active resident lives: what visit coverage divides by',
      unit: 'households',
      disclosure: 'count',
      sql: { over: 'household', where: 'hh.active_residents > 0' },
      dashboard: 'card',
    },
    {
      name: 'emptyHouseholds',
      zh: '无人居住户数',
      description: 'Households on the register where no active resident lives (moved out, died, or never filled)',
      unit: 'households',
      disclosure: 'count',
      sql: { over: 'household', where: 'hh.active_residents = 0' },
      dashboard: 'csv',
    },
  ],
});
