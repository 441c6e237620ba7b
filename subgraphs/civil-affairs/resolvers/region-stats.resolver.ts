import { type FiguresSource, inPlaceSql, PLACES_SQL, regionFiguresResolver } from '../../../lib/stats/region-figures';
import { RegionFigures } from '../entities/region-figures';
import { CivilAffairsFigures } from '../entities/assistance-figures';
import type { WelfareFigures } from '../entities/welfare-figures';
import { isRecurring } from '../config/programs';
import { AssistanceProgram } from '../entities/enums';

const PROGRAMS = Object.values(AssistanceProgram);
const RECURRING = PROGRAMS.filter(isRecurring).map((p) => `'${p}'`).join(', ');
const PAID = `(c.program in (${RECURRING}) and c.status = 'ACTIVE' and c.starts_on <= p.as_of and (c.ends_on is null or c.ends_on >= p.as_of))
           or (c.program not in (${RECURRING}) and c.status = 'APPROVED' and c.starts_on > p.as_of - interval '1 year' and c.starts_on <= p.as_of)`;

const IN_PLACE = (alias: string) => inPlaceSql({ building: `${alias}.building_id`, communityCode: `${alias}.community_code` });

/** The welfare records as one relation: what kind, the grade of a certificate, the days it is in force, where it is handled. */
const WELFARE_RECORDS = `
  select 'DISABILITY' as kind, grade, issued_on as starts_on, null::date as ends_on, building_id, community_code from disability
  union all select 'ELDERLY_ALLOWANCE', null, starts_on, ends_on, building_id, community_code from elderly_allowance
  union all select 'SPECIAL_CARE', null, since, null, building_id, community_code from special_care`;
const IN_FORCE = `w.starts_on <= d.as_of and (w.ends_on is null or w.ends_on >= d.as_of)`;

/**
 * Every region and program of the request in ONE statement over civil affairs' own records, placed where each is
 * handled: the case files per program (one JSON array per region) beside the welfare records.
 */
const COUNT_SQL = `
  with p as (select * from ${PLACES_SQL}),
  assistance as (
    select p.i, c.program,
           count(*) filter (where ${PAID})::int as cases,
           coalesce(sum(coalesce(c.monthly_amount, c.one_off_amount)) filter (where ${PAID}), 0)::text as amount,
           count(*) filter (where c.status in ('APPLIED', 'REVIEWING'))::int as pending
      from p join assistance_case c on ${IN_PLACE('c')}
     group by p.i, c.program),
  -- the welfare records counted once per building (and day), then the buildings summed per place
  welfare_per_building as (
    select d.as_of, w.building_id, w.community_code,
           count(*) filter (where w.kind = 'DISABILITY') as disabled,
           ${[1, 2, 3, 4].map((g) => `count(*) filter (where w.kind = 'DISABILITY' and w.grade = ${g}) as grade${g}`).join(', ')},
           count(*) filter (where w.kind = 'ELDERLY_ALLOWANCE') as elderly,
           count(*) filter (where w.kind = 'SPECIAL_CARE') as special
      from (select distinct as_of from p) d join (${WELFARE_RECORDS}) w on ${IN_FORCE}
     group by d.as_of, w.building_id, w.community_code),
  welfare as (
    select p.i, sum(w.disabled) as disabled, ${[1, 2, 3, 4].map((g) => `sum(w.grade${g}) as grade${g}`).join(', ')}, sum(w.elderly) as elderly, sum(w.special) as special
      from p join welfare_per_building w on w.as_of = p.as_of and ${IN_PLACE('w')}
     group by p.i)
  select p.i,
         coalesce((select json_agg(a) from assistance a where a.i = p.i), '[]') as assistance,
         coalesce(w.disabled, 0)::int as "disabilityCertificates",
         ${[1, 2, 3, 4].map((g) => `coalesce(w.grade${g}, 0)::int as "disabilityGrade${g}"`).join(', ')},
         coalesce(w.elderly, 0)::int as "elderlyAllowance", coalesce(w.special, 0)::int as "specialCare"
    from p left join welfare w on w.i = p.i
   order by p.i`;

const WELFARE = ['disabilityCertificates', 'disabilityGrade1', 'disabilityGrade2', 'disabilityGrade3', 'disabilityGrade4', 'elderlyAllowance', 'specialCare'] as const;

const cell = (program: string, figure: string) => `${program}.${figure}`;

const civilAffairsFigures: FiguresSource<CivilAffairsFigures> = {
  field: 'civilAffairs',
  shape: {
    partitions: [['disabilityCertificates', 'disabilityGrade1', 'disabilityGrade2', 'disabilityGrade3', 'disabilityGrade4'].map((f) => cell('welfare', f))],
    linked: Object.fromEntries(PROGRAMS.map((p) => [cell(p, 'amount'), cell(p, 'cases')])),
  },
  async count(em, places) {
    type Program = { program: string; cases: number; amount: string; pending: number };
    const rows: ({ assistance: Program[] } & Record<(typeof WELFARE)[number], number>)[] = await em.execute(COUNT_SQL, [JSON.stringify(places)]);
    return rows.map((row) => {
      const cells = Object.fromEntries([
        ...PROGRAMS.flatMap((p) => [[cell(p, 'cases'), 0], [cell(p, 'amount'), '0'], [cell(p, 'pending'), 0]]),
        ...WELFARE.map((f) => [cell('welfare', f), row[f]]),
      ]);
      for (const a of row.assistance) Object.assign(cells, { [cell(a.program, 'cases')]: a.cases, [cell(a.program, 'amount')]: a.amount, [cell(a.program, 'pending')]: a.pending });
      return cells;
    });
  },
  figures: ({ cells, suppressed }) => ({
    assistance: PROGRAMS.map((program) => ({
      program,
      cases: cells[cell(program, 'cases')] as number | null,
      amount: cells[cell(program, 'amount')] as string | null,
      pending: cells[cell(program, 'pending')] as number | null,
      suppressed: suppressed.filter((c) => c.startsWith(`${program}.`)).map((c) => c.slice(program.length + 1)),
    })),
    welfare: {
      ...(Object.fromEntries(WELFARE.map((f) => [f, cells[cell('welfare', f)]])) as Omit<WelfareFigures, 'suppressed'>),
      suppressed: suppressed.filter((c) => c.startsWith('welfare.')).map((c) => c.slice('welfare.'.length)),
    },
  }),
};

/** Civil affairs' part of grid's region figures, counted over its own case files and welfare records. */
export const RegionStatsResolver = regionFiguresResolver(RegionFigures, CivilAffairsFigures, civilAffairsFigures, 'Civil-affairs figures (民政统计)');
