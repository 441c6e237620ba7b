/**
 * The district's regionStats against one SQL query over the monolith (issue 25, "with the ratio to one SQL query over
 * the monolith"). The monolith's statement counts the figures the bench asks (REGION_STATS) with the departments' own
 * statements: the one each subgraph runs to count a community's figures for a day (its kept figures,
 * lib/stats/community-cache.ts) and, for grid, its events, each over all the district's communities. They are made
 * into one SQL function per department schema, so each names its tables as its department does, and called
 * together in one statement, one after the other, in one backend.
 *
 * The two sides do not do the same work: the hub answers a district from the figures it keeps per community and day,
 * counting again only the communities that changed since; the monolith counts from its tables on every request. The
 * ratio is what federation with its kept figures costs against the figures' physical cost, not against a cache.
 */
import { type Knex, knex } from '@mikro-orm/knex';
import { Client } from 'pg';
import { districtZone, today } from '../lib/calendar';
import { type Department, DEPARTMENTS, departmentInfo } from '../lib/departments';
import { SECRET_CTE } from '../lib/stats/keyed-counts';
import { departments } from '../scripts/registry';
import { GRID_WORK_COUNT_SQL } from '../subgraphs/grid/region-work-figures';

const FUNCTION = 'bench_region_figures';
/** values inlined into a statement's text as the ORM's `execute` sends it */
const sqlText = knex({ client: 'pg' });

interface Region {
  id: string;
  code: string;
}

/** A department's statements for the region's figures on `day`, values inlined, as its subgraph counts them. */
function statementsOf(department: Department, region: Region, day: string): string[] {
  const module = departments[department]!;
  const inRegion = (column: string) => `${column} like '${region.code}%'`;
  const counted = (module.keptFigures ?? []).map((counting) => {
    const { ctes, select } = counting.sql(inRegion);
    return sqlText
      .raw(`with ${SECRET_CTE}, ${ctes} ${select}`, [null, ...counting.params(day)] as Knex.RawBinding[])
      .toQuery();
  });
  if (department !== 'grid') return counted;
  // grid counts its events for every region asked, not from kept figures
  const place = { i: 0, region: region.id, code: region.code, buildings: null, as_of: day };
  return [...counted, sqlText.raw(GRID_WORK_COUNT_SQL, [null, districtZone(), JSON.stringify([place])]).toQuery()];
}

/**
 * Makes each department's function in the monolith (its schema's tables, its statements' answers as one JSON array
 * per statement) and returns the statement that calls the four; `$1` is the region's id, given back with the answer.
 */
export async function monolithRegionStats(monolithUrl: string, region: Region, day = today()): Promise<string> {
  const client = new Client({ connectionString: monolithUrl });
  await client.connect();
  try {
    for (const department of DEPARTMENTS) {
      const schema = departmentInfo(department).database;
      const answers = statementsOf(department, region, day).map(
        (statement) => `(select coalesce(jsonb_agg(to_jsonb(x)), '[]'::jsonb) from (${statement}) x)`,
      );
      await client.query(`create or replace function ${schema}.${FUNCTION}() returns jsonb language sql stable
        set search_path = ${schema}, public as $figures$ select jsonb_build_array(${answers.join(', ')}) $figures$`);
    }
  } finally {
    await client.end();
  }
  return `select $1::text as region, ${DEPARTMENTS.map((d) => `${departmentInfo(d).database}.${FUNCTION}() as "${d}"`).join(', ')}`;
}

/** The monolith's answer: per department, one array of rows per statement (statementsOf's order). */
export type MonolithFigures = Record<Department, Record<string, number | string | null>[][]>;

interface GatewayFigures {
  regionId: string;
  population: Record<string, number | null> | null;
  civilAffairs: { assistance: { program: string; cases: number | null; pending: number | null }[] } | null;
  gridWork: Record<string, number | null> | null;
  publicSecurity: Record<string, number | null> | null;
}

const sum = (rows: Record<string, unknown>[], cell: string) => rows.reduce((s, r) => s + Number(r[cell] ?? 0), 0);

/**
 * The gateway's figures of the region (its own row of `regionStats.figures`, an official's exact figures) beside the
 * monolith's sums over the region's communities: the monolith's, by name, and where the two differ, as
 * `figure: gateway ≠ monolith` (empty when they agree).
 */
export function compareFigures(
  answer: { figures: GatewayFigures[] },
  regionId: string,
  m: MonolithFigures,
): { figures: Record<string, number>; differs: string[] } {
  const ours = answer.figures.find((f) => f.regionId === regionId);
  if (!ours) return { figures: {}, differs: [`no figures of ${regionId} in the gateway's answer`] };
  const compared: [string, number | null | undefined, number][] = [
    ...['residents', 'households', 'age80plus', 'livingAlone80plus'].map(
      (f) => [`population.${f}`, ours.population?.[f], sum(m.population[0], f)] as [string, number | null, number],
    ),
    ...(ours.civilAffairs?.assistance ?? []).flatMap((a) =>
      (['cases', 'pending'] as const).map(
        (f) =>
          [`civilAffairs.${a.program}.${f}`, a[f], sum(m['civil-affairs'][0], `${a.program}.${f}`)] as [
            string,
            number | null,
            number,
          ],
      ),
    ),
    ['publicSecurity.rentals', ours.publicSecurity?.rentals, sum(m['public-security'][0], 'rentals')],
    [
      'publicSecurity.rentalsNeedingAttention',
      ours.publicSecurity?.rentalsNeedingAttention,
      sum(m['public-security'][0], 'attention'),
    ],
    ['publicSecurity.incidents', ours.publicSecurity?.incidents, sum(m['public-security'][0], 'incidents')],
    ['gridWork.visitedHouseholds', ours.gridWork?.visitedHouseholds, sum(m.grid[0], 'visitedHouseholds')],
    ['gridWork.openEvents', ours.gridWork?.openEvents, sum(m.grid[1], 'openEvents')],
    ['gridWork.overdueEvents', ours.gridWork?.overdueEvents, sum(m.grid[1], 'overdueEvents')],
  ];
  return {
    figures: Object.fromEntries(compared.map(([name, , mono]) => [name, mono])),
    differs: compared.filter(([, g, mono]) => g !== mono).map(([name, g, mono]) => `${name}: ${g} ≠ ${mono}`),
  };
}
