import { createHash } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { endOfDay, today } from '../calendar';
import { log } from '../observability/log';
import { KEY_MODULUS } from './cell-key';
import type { Cells } from './disclosure';
import { byDay, type CountingPlace } from './region-figures';

/**
 * A department's figures kept per community and day (区域统计), so that a district's or a street's figures are a sum
 * over ~130 kept rows rather than a pass over a million records. One statement reads the current kept rows and
 * names the department's other communities under the prefixes (`figures_community`, filled by the same triggers); only
 * those are counted, in a second statement given their codes (so the planner sees how many), and kept. A district
 * asked twice costs one pass, then one lookup.
 *
 * **Never out of date.** Every change to a table the figures count adds a row to `figures_change` (a statement-level
 * trigger, lib/stats/community-cache.migration.ts): the communities it touched and the id of its transaction. A kept row
 * remembers the snapshot it was counted in (`pg_current_snapshot()` of the counting statement, which saw exactly the
 * transactions that snapshot holds visible). It is used only while no change to its community is invisible in that
 * snapshot: a transaction that committed after the count, or was still running, makes it stale the moment it commits,
 * with no lock taken by the writer and nothing to forget. The figures are therefore exactly what one statement over
 * the department's own tables gives (tests/region-stats.test.ts compares them with the ground truth after writes).
 *
 * **Pruning** (`pruneCommunityCache`): a change may go once every statement that could have counted without it has
 * stored its row. A counting statement stores its rows only within STORE_WITHIN of its start (`storeCounted`), and a
 * change is removed only when a snapshot recorded PRUNE_AFTER ago (> STORE_WITHIN) already saw it, in the same
 * statement that removes every kept row that did not.
 *
 * Only places given by a division-code prefix (community and above) use it; grids and micro-grids, given by their
 * buildings, are counted directly (they are small). Kept rows are read and written on the primary.
 */

/** A department's statement that counts the communities it is given (one row per community, `community_code` and its cells). */
export interface CommunityCounting {
  /**
   * CTEs after `secret`, then the `select` whose rows are the communities' cells; `inCommunities(column)` is the
   * condition a record's community code (a `char` column) must meet.
   */
  sql(inCommunities: (column: string) => string): { ctes: string; select: string };
  /** the `?` parameters of `ctes` and `select`, in order */
  params(day: string): unknown[];
  /** what else than the day and the secret the figures depend on (e.g. a cut-off from configuration) */
  variant(day: string): string;
}

const STORE_WITHIN = "interval '30 minutes'";
const PRUNE_AFTER = "interval '1 hour'";
const PRUNE_EVERY_MS = 10 * 60_000;

/** a kept row no change has made stale: every change to its community (or to every community, `*`) is in its snapshot */
const CURRENT = `not exists (select 1 from figures_change x
                      where x.community_code in (c.community_code, '*') and not pg_visible_in_snapshot(x.xid, c.snap))`;

/** The kept rows of the communities under the prefixes that are current, then the department's other communities there (cells null). */
const LOOKUP = `
  with kept as (
    select c.community_code, c.cells from figures_cache c
     where c.as_of = ?::date and c.variant = ? and c.community_code like any(?::text[]) and ${CURRENT})
  select k.community_code, k.cells from kept k
  union all
  select f.community_code, null from figures_community f
   where f.community_code like any(?::text[]) and f.community_code not in (select community_code from kept)`;

/** community codes go into the counting statement as a literal, so the planner sees how many there are */
const CODE = /^[0-9A-Za-z]{1,32}$/;

function countingStatement(counting: CommunityCounting, codes: readonly string[]): string {
  for (const code of codes) if (!CODE.test(code)) throw new Error(`not a community code: ${JSON.stringify(code)}`);
  const { ctes, select } = counting.sql((column) => `${column} = any('{${codes.join(',')}}'::bpchar[])`);
  return `
  with secret as (select ?::bytea as secret),
  ${ctes},
  counted as (${select}),
  taken as (select pg_current_snapshot()::text as snap, statement_timestamp() as started)
  select f.community_code::text as community_code, to_jsonb(f) - 'community_code' as cells, t.snap, t.started
    from taken t left join counted f on true`;
}

const variantOf = (counting: CommunityCounting, day: string, secret: Buffer | null) =>
  `${secret ? `keyed:${createHash('sha256').update(secret).digest('hex').slice(0, 16)}` : 'exact'}|${counting.variant(day)}`;

interface KeptRow {
  community_code: string;
  cells: Cells | null;
}
interface CountedRow {
  community_code: string | null;
  cells: Cells | null;
  snap: string;
  started: Date;
}

/**
 * The cells of every community under `prefixes` as of `day`: the current kept rows in one statement; the others, if
 * any, counted in a second and kept (a community with nothing to count is kept as empty).
 */
export async function communityCells(
  em: EntityManager,
  counting: CommunityCounting,
  day: string,
  prefixes: readonly string[],
  secret: Buffer | null,
): Promise<Map<string, Cells>> {
  const primary = em.getConnection('write');
  const variant = variantOf(counting, day, secret);
  // a street's prefix adds nothing to its district's: each community is tested against the fewest patterns
  const covering = [...new Set(prefixes)].filter((p) => !prefixes.some((q) => q !== p && p.startsWith(q)));
  const patterns = `{${covering.map((p) => `"${p}%"`).join(',')}}`;
  const rows: KeptRow[] = await primary.execute(LOOKUP, [day, variant, patterns, patterns]);
  const cells = new Map(rows.filter((r) => r.cells).map((r) => [r.community_code, r.cells as Cells]));
  const missing = rows.filter((r) => !r.cells).map((r) => r.community_code);
  if (missing.length) {
    const counted: CountedRow[] = await primary.execute(countingStatement(counting, missing), [
      secret,
      ...counting.params(day),
    ]);
    for (const row of counted) if (row.community_code) cells.set(row.community_code, row.cells ?? {});
    for (const code of missing) if (!cells.has(code)) cells.set(code, {});
    const { snap, started } = counted[0];
    await storeCounted(
      em,
      day,
      variant,
      snap,
      started,
      missing.map((code) => [code, cells.get(code)!]),
    );
  }
  void pruneCommunityCache(em);
  return cells;
}

/** Keeps what a statement counted, with its snapshot, unless the statement began longer ago than STORE_WITHIN. */
async function storeCounted(
  em: EntityManager,
  day: string,
  variant: string,
  snap: string,
  started: Date,
  counted: [string, Cells][],
): Promise<void> {
  await em.getConnection('write').execute(
    `insert into figures_cache (community_code, as_of, variant, snap, cells, counted_at)
     select x.community_code, ?::date, ?, ?::pg_snapshot, x.cells, ?::timestamptz
       from jsonb_to_recordset(?::jsonb) as x(community_code text, cells jsonb)
      where clock_timestamp() - ?::timestamptz < ${STORE_WITHIN}
     on conflict (as_of, variant, community_code) do update set snap = excluded.snap, cells = excluded.cells, counted_at = excluded.counted_at`,
    [
      day,
      variant,
      snap,
      started,
      JSON.stringify(counted.map(([community_code, cells]) => ({ community_code, cells }))),
      started,
    ],
  );
}

const lastPrune = new WeakMap<object, number>();

/**
 * Records a snapshot, drops kept rows that are stale, the changes every kept row and every running count have seen (a
 * snapshot PRUNE_AFTER old saw them), and kept rows not counted for a week. At most every PRUNE_EVERY_MS per database.
 */
export async function pruneCommunityCache(em: EntityManager, now = Date.now()): Promise<void> {
  const config = em.config;
  if (now - (lastPrune.get(config) ?? 0) < PRUNE_EVERY_MS) return;
  lastPrune.set(config, now);
  try {
    const primary = em.getConnection('write');
    await primary.execute(`insert into figures_horizon (snap, at) values (pg_current_snapshot(), now())`);
    await primary.execute(`
      with horizon as (select snap, at from figures_horizon where at < now() - ${PRUNE_AFTER} order by at desc limit 1),
      stale as (delete from figures_cache c where not (${CURRENT}) or c.counted_at < now() - interval '7 days'),
      seen as (delete from figures_change x using horizon h where pg_visible_in_snapshot(x.xid, h.snap))
      delete from figures_horizon f using horizon h where f.at < h.at`);
  } catch (error) {
    log.warn({ err: error }, 'could not prune the kept figures (retried later)');
  }
}

const AFTER_MIDNIGHT_MS = 60_000;

/**
 * Counts today's figures of every community before anyone asks: at start, then a minute after each of the district's
 * midnights, when a new day's figures are all still to count (at 1,000,000 residents the district's first request of a
 * day took 8.7 s, close to the gateway's 10 s). Officials' figures only: an analytics identity's, as of the first of a
 * month, are counted when first asked. Returns the function that stops it.
 */
export function keepFiguresCounted(
  orm: MikroORM,
  countings: readonly CommunityCounting[],
  report: (error: unknown) => void,
): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const count = async () => {
    const day = today();
    for (const counting of countings) if (!stopped) await communityCells(orm.em.fork(), counting, day, [''], null);
  };
  const next = (ms: number) => {
    timer = setTimeout(() => {
      void count()
        .catch(report)
        .finally(() => {
          if (!stopped) next(endOfDay(today()).getTime() - Date.now() + AFTER_MIDNIGHT_MS);
        });
    }, ms);
    timer.unref();
  };
  next(0);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/**
 * A department's cells of the places given by a prefix (community and above), from the kept figures, one lookup per
 * day: `rows[place.i]`. The places given by buildings (grids, micro-grids) are left for the department to count directly.
 */
export async function countPlacesByPrefix(
  em: EntityManager,
  counting: CommunityCounting,
  places: readonly CountingPlace[],
  secret: Buffer | null,
  names: readonly string[],
): Promise<{ rows: Cells[]; byBuildings: CountingPlace[] }> {
  const rows: Cells[] = [];
  for (const [day, ofDay] of byDay(places.filter((p) => !p.buildings))) {
    const communities = await communityCells(
      em,
      counting,
      day,
      ofDay.map((p) => p.code),
      secret,
    );
    sumPerPlace(communities, ofDay, names).forEach((cells, i) => {
      rows[ofDay[i].i] = cells;
    });
  }
  return { rows, byBuildings: places.filter((p) => p.buildings) };
}

/**
 * The cells of each place (a division-code prefix) summed over its communities: counts added, record-key sums added
 * then taken modulo 2³² (a cell key, lib/stats/cell-key.ts), `:top` the largest; every name of `names` present, 0 where
 * nothing was counted.
 */
export function sumPerPlace(
  communities: Map<string, Cells>,
  places: readonly { code: string }[],
  names: readonly string[],
): Cells[] {
  return places.map(({ code }) => {
    const sums: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
    for (const [community, cells] of communities) {
      if (!community.startsWith(code)) continue;
      for (const name of names) {
        const value = Number(cells[name] ?? 0);
        sums[name] = name.endsWith(':top') ? Math.max(sums[name], value) : sums[name] + value;
      }
    }
    for (const name of names) if (name.endsWith(':key')) sums[name] %= KEY_MODULUS;
    return sums;
  });
}
