import { cellKeySql } from '../../../lib/stats/cell-key';
import type { Cells } from '../../../lib/stats/disclosure';
import {
  keyedColumns,
  keyedCounts,
  keyedSums,
  recordKeyJoin,
  SECRET_CTE,
  withKeys,
} from '../../../lib/stats/keyed-counts';
import { type CommunityCounting, countPlacesByPrefix } from '../../../lib/stats/community-cache';
import { type FiguresSource, inPlaceSql, PLACES_SQL, regionFiguresResolver } from '../../../lib/stats/region-figures';
import { RegionFigures } from '../entities/region-figures';
import { CivilAffairsFigures } from '../entities/assistance-figures';
import type { WelfareFigures } from '../entities/welfare-figures';
import { ASSISTANCE_FIGURES, WELFARE_FIGURES } from '../figures';
import { countConditions, disclosureShape, figureNames } from '../../../lib/stats/figures';
import { isRecurring } from '../config/programs';
import { AssistanceProgram } from '../entities/enums';

const PROGRAMS = Object.values(AssistanceProgram);
const RECURRING = PROGRAMS.filter(isRecurring)
  .map((p) => `'${p}'`)
  .join(', ');
const PAID = `(c.program in (${RECURRING}) and c.status = 'ACTIVE' and c.starts_on <= p.as_of and (c.ends_on is null or c.ends_on >= p.as_of))
           or (c.program not in (${RECURRING}) and c.status = 'APPROVED' and c.starts_on > p.as_of - interval '1 year' and c.starts_on <= p.as_of)`;

const IN_PLACE = (alias: string) =>
  inPlaceSql({ building: `${alias}.building_id`, communityCode: `${alias}.community_code` });

/** The welfare records as one relation: which record, what kind, the grade of a certificate, the days it is in force, where it is handled. */
const WELFARE_RECORDS = `
  select id, 'DISABILITY' as kind, grade, issued_on as starts_on, null::date as ends_on, building_id, community_code from disability
  union all select id, 'ELDERLY_ALLOWANCE', null, starts_on, ends_on, building_id, community_code from elderly_allowance
  union all select id, 'SPECIAL_CARE', null, since, null, building_id, community_code from special_care`;
const IN_FORCE = `w.starts_on <= d.as_of and (w.ends_on is null or w.ends_on >= d.as_of)`;

const WELFARE = figureNames(WELFARE_FIGURES);

/**
 * Every grid and micro-grid of the request (communities and above come from the kept figures, PER_COMMUNITY below) in ONE
 * statement over civil affairs' own records of their buildings, placed where each is handled: the case files per program (one JSON array per region) beside the welfare records. Every count carries the
 * sum of its records' keys (lib/stats/keyed-counts.ts), every sum of money its largest payment.
 */
const COUNT_SQL = `
  with ${SECRET_CTE},
  p as (select * from ${PLACES_SQL}),
  assistance as (
    select p.i, c.program,
           count(*) filter (where ${PAID})::int as cases,
           ${cellKeySql(`sum(k.rk) filter (where ${PAID})`)} as "cases:key",
           coalesce(sum(coalesce(c.monthly_amount, c.one_off_amount)) filter (where ${PAID}), 0)::text as amount,
           coalesce(max(coalesce(c.monthly_amount, c.one_off_amount)) filter (where ${PAID}), 0)::text as "amount:top",
           count(*) filter (where c.status in ('APPLIED', 'REVIEWING', 'VERIFIED'))::int as pending,
           ${cellKeySql(`sum(k.rk) filter (where c.status in ('APPLIED', 'REVIEWING', 'VERIFIED'))`)} as "pending:key"
      from p join assistance_case c on c.building_id = any(p.buildings) ${recordKeyJoin('c.id')}
     group by p.i, c.program),
  -- the welfare records counted once per building (and day), then the buildings summed per place
  welfare_per_building as (
    select d.as_of, w.building_id, w.community_code,
           ${keyedCounts(countConditions(WELFARE_FIGURES, 'welfare'))}
      from (select distinct as_of from p) d join (${WELFARE_RECORDS}) w on ${IN_FORCE}
       and w.building_id = any(array(select unnest(p.buildings) from p)) ${recordKeyJoin('w.id')}
     group by d.as_of, w.building_id, w.community_code),
  welfare as (
    select p.i, ${keyedSums(WELFARE, 'w')}
      from p join welfare_per_building w on w.as_of = p.as_of and ${IN_PLACE('w')}
     group by p.i)
  select p.i,
         coalesce((select json_agg(a) from assistance a where a.i = p.i), '[]') as assistance,
         ${keyedColumns(WELFARE, 'w')}
    from p left join welfare w on w.i = p.i
   order by p.i`;

const cell = (program: string, figure: string) => `${program}.${figure}`;
const PROGRAM_CELLS = ['cases', 'cases:key', 'amount', 'amount:top', 'pending', 'pending:key'];

/**
 * The same per community, for the figures kept per community and day (lib/stats/community-cache.ts): one column per
 * program and cell (`<program>.<cell>`), the sums of money in fen (whole numbers add exactly; `toYuan` writes them back
 * as the statement above does), the welfare records as above.
 */
const PAID_ON_DAY = PAID.replaceAll('p.as_of', 'd.as_of');
export const PER_COMMUNITY: CommunityCounting = {
  sql: (inCommunities) => ({
    ctes: `
  d as (select ?::date as as_of),
  cases as (
    select c.community_code,
           ${PROGRAMS.map((program) => {
             const paid = `c.program = '${program}' and (${PAID_ON_DAY})`;
             const pending = `c.program = '${program}' and c.status in ('APPLIED', 'REVIEWING', 'VERIFIED')`;
             return `count(*) filter (where ${paid}) as "${cell(program, 'cases')}", sum(k.rk) filter (where ${paid}) as "${cell(program, 'cases:key')}",
           (coalesce(sum(coalesce(c.monthly_amount, c.one_off_amount)) filter (where ${paid}), 0) * 100)::bigint as "${cell(program, 'amount')}",
           (coalesce(max(coalesce(c.monthly_amount, c.one_off_amount)) filter (where ${paid}), 0) * 100)::bigint as "${cell(program, 'amount:top')}",
           count(*) filter (where ${pending}) as "${cell(program, 'pending')}", sum(k.rk) filter (where ${pending}) as "${cell(program, 'pending:key')}"`;
           }).join(',\n           ')}
      from d cross join assistance_case c ${recordKeyJoin('c.id')}
     where ${inCommunities('c.community_code')}
     group by c.community_code),
  welfare as (
    select w.community_code, ${keyedCounts(countConditions(WELFARE_FIGURES, 'welfare'))}
      from d join (${WELFARE_RECORDS}) w on ${IN_FORCE} and ${inCommunities('w.community_code')} ${recordKeyJoin('w.id')}
     group by w.community_code)`,
    select: `select coalesce(c.community_code, w.community_code) as community_code,
             ${PROGRAMS.flatMap((program) => PROGRAM_CELLS.map((c) => `c."${cell(program, c)}"`)).join(', ')},
             ${withKeys(WELFARE)
               .map((f) => `w."${f}" as "${cell('welfare', f)}"`)
               .join(', ')}
        from cases c full join welfare w on w.community_code = c.community_code`,
  }),
  params: (day) => [day],
  variant: () => RECURRING,
};
const PER_COMMUNITY_CELLS = [
  ...PROGRAMS.flatMap((p) => PROGRAM_CELLS.map((c) => cell(p, c))),
  ...withKeys(WELFARE).map((f) => cell('welfare', f)),
];

/** fen back to yuan as PostgreSQL writes a sum of numeric(12,2): `0` where nothing was paid, else two decimals */
function toYuan(cells: Cells): Cells {
  const yuan = (fen: number, paid: boolean) => (paid ? (fen / 100).toFixed(2) : '0');
  return Object.fromEntries(
    Object.entries(cells).map(([name, value]) => {
      const [program, figure] = name.split('.');
      if (figure !== 'amount' && figure !== 'amount:top') return [name, value];
      return [name, yuan(Number(value), Number(cells[cell(program, 'cases')]) > 0)];
    }),
  );
}

const civilAffairsFigures: FiguresSource<CivilAffairsFigures> = {
  field: 'civilAffairs',
  shape: {
    linked: Object.fromEntries(
      PROGRAMS.flatMap((p) =>
        Object.entries(disclosureShape(ASSISTANCE_FIGURES).linked ?? {}).map(([money, count]) => [
          cell(p, money),
          cell(p, count),
        ]),
      ),
    ),
  },
  async count(em, places, secret) {
    type Program = Record<string, number | string> & { program: string };
    const kept = await countPlacesByPrefix(em, PER_COMMUNITY, places, secret, PER_COMMUNITY_CELLS);
    const rows = kept.rows.map((cells) => cells && toYuan(cells));
    if (!kept.byBuildings.length) return rows;
    const counted: ({ assistance: Program[] } & Cells)[] = await em.execute(COUNT_SQL, [
      secret,
      JSON.stringify(kept.byBuildings.map((p, i) => ({ ...p, i }))),
    ]);
    counted.forEach((row, i) => {
      const cells: Cells = Object.fromEntries([
        ...PROGRAMS.flatMap((p) => PROGRAM_CELLS.map((c) => [cell(p, c), c.startsWith('amount') ? '0' : 0])),
        ...withKeys(WELFARE).map((f) => [cell('welfare', f), row[f]]),
      ]);
      for (const a of row.assistance) for (const c of PROGRAM_CELLS) cells[cell(a.program, c)] = a[c];
      rows[kept.byBuildings[i].i] = cells;
    });
    return rows;
  },
  figures: ({ cells, suppressed }) => ({
    assistance: PROGRAMS.map((program) => {
      const amount = cells[cell(program, 'amount')] as string | null;
      // one sum per program, in the unit of its payments: the field named for that unit carries it
      const amountField = isRecurring(program) ? 'monthlyAmountYuan' : 'totalAmountYuan';
      return {
        program,
        cases: cells[cell(program, 'cases')] as number | null,
        monthlyAmountYuan: isRecurring(program) ? amount : null,
        totalAmountYuan: isRecurring(program) ? null : amount,
        amount,
        pending: cells[cell(program, 'pending')] as number | null,
        suppressed: suppressed
          .filter((c) => c.startsWith(`${program}.`))
          .map((c) => c.slice(program.length + 1))
          .map((c) => (c === 'amount' ? amountField : c)),
      };
    }),
    welfare: {
      ...(Object.fromEntries(WELFARE.map((f) => [f, cells[cell('welfare', f)]])) as Omit<WelfareFigures, 'suppressed'>),
      suppressed: suppressed.filter((c) => c.startsWith('welfare.')).map((c) => c.slice('welfare.'.length)),
    },
  }),
};

/** Civil affairs' part of grid's region figures, counted over its own case files and welfare records. */
export const RegionStatsResolver = regionFiguresResolver(
  RegionFigures,
  CivilAffairsFigures,
  civilAffairsFigures,
  'Civil-affairs figures (民政统计)',
);
