import { type FiguresSource, inPlaceSql, PLACES_SQL, regionFiguresResolver } from '../../../lib/stats/region-figures';
import { RegionFigures } from '../entities/region-figures';
import { CivilAffairsFigures } from '../entities/assistance-figures';
import { isRecurring } from '../config/programs';
import { AssistanceProgram } from '../entities/enums';

const PROGRAMS = Object.values(AssistanceProgram);
const RECURRING = PROGRAMS.filter(isRecurring).map((p) => `'${p}'`).join(', ');
const PAID = `(c.program in (${RECURRING}) and c.status = 'ACTIVE' and c.starts_on <= p.as_of and (c.ends_on is null or c.ends_on >= p.as_of))
           or (c.program not in (${RECURRING}) and c.status = 'APPROVED' and c.starts_on > p.as_of - interval '1 year' and c.starts_on <= p.as_of)`;

/** Every region and program of the request in ONE statement over the case files, placed where each case is handled. */
const COUNT_SQL = `
  with p as (select * from ${PLACES_SQL})
  select p.i, c.program,
         count(*) filter (where ${PAID})::int as cases,
         coalesce(sum(coalesce(c.monthly_amount, c.one_off_amount)) filter (where ${PAID}), 0)::text as amount,
         count(*) filter (where c.status in ('APPLIED', 'REVIEWING'))::int as pending
    from p join assistance_case c on ${inPlaceSql({ building: 'c.building_id', communityCode: 'c.community_code' })}
   group by p.i, c.program`;

const cell = (program: string, figure: string) => `${program}.${figure}`;

const civilAffairsFigures: FiguresSource<CivilAffairsFigures> = {
  field: 'civilAffairs',
  shape: { partitions: [], linked: Object.fromEntries(PROGRAMS.map((p) => [cell(p, 'amount'), cell(p, 'cases')])) },
  async count(em, places) {
    const rows: { i: number; program: string; cases: number; amount: string; pending: number }[] = await em.getConnection().execute(COUNT_SQL, [JSON.stringify(places)]);
    const table = places.map(() => Object.fromEntries(PROGRAMS.flatMap((p) => [[cell(p, 'cases'), 0], [cell(p, 'amount'), '0'], [cell(p, 'pending'), 0]])));
    for (const row of rows) Object.assign(table[row.i], { [cell(row.program, 'cases')]: row.cases, [cell(row.program, 'amount')]: row.amount, [cell(row.program, 'pending')]: row.pending });
    return table;
  },
  figures: ({ cells, suppressed }) => ({
    assistance: PROGRAMS.map((program) => ({
      program,
      cases: cells[cell(program, 'cases')] as number | null,
      amount: cells[cell(program, 'amount')] as string | null,
      pending: cells[cell(program, 'pending')] as number | null,
      suppressed: suppressed.filter((c) => c.startsWith(`${program}.`)).map((c) => c.slice(program.length + 1)),
    })),
  }),
};

/** Civil affairs' part of grid's region figures, counted over its own case files. */
export const RegionStatsResolver = regionFiguresResolver(RegionFigures, CivilAffairsFigures, civilAffairsFigures, 'Civil-affairs figures (民政统计)');
