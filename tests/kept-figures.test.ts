/**
 * Region figures kept per community and day (lib/stats/community-cache.ts) are counted for today before anyone asks,
 * at start and after each district midnight, so that the first dashboard of a day does not wait for a full count.
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { today } from '../lib/calendar';
import { keepFiguresCounted } from '../lib/stats/community-cache';
import { population } from '../subgraphs/population';
import { districtId, gridLeader, as } from './support/callers';
import { hub, ownerSql, settledStatementCounts } from './support/hub';
import { REGION_STATS } from './support/stats';

const keptToday = async () =>
  (
    await ownerSql<{ n: number }>(
      'population',
      "select count(*)::int as n from figures_cache where as_of = $1 and variant like 'exact|%'",
      [today()],
    )
  )[0].n;

describe('region figures kept per community and day, counted before anyone asks', () => {
  it('counts today’s figures of every community when started, so the district asked next is one lookup', async () => {
    // a write an earlier file left running would move a community after it was counted, and the ask would recount it
    await settledStatementCounts();
    await ownerSql('population', 'delete from figures_cache');
    expect(await keptToday()).toBe(0);
    const orm = await MikroORM.init({ ...population.ormConfig(hub().databaseUrls.population), debug: false });
    const errors: unknown[] = [];
    const stop = keepFiguresCounted(orm, population.keptFigures ?? [], (error) => errors.push(error));
    try {
      const [{ n: communities }] = await ownerSql<{ n: number }>(
        'population',
        'select count(distinct community_code)::int as n from building',
      );
      for (let tries = 0; tries < 100 && (await keptToday()) < communities; tries++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await keptToday()).toBe(communities);
      expect(errors).toEqual([]);
    } finally {
      stop();
      await orm.close();
    }
    // the district asked next is answered from what was kept: no community is counted again (a recount rewrites its
    // row). Statements are not the measure here: an ask also prunes the kept tables when the department last did so
    // more than ten minutes ago (two statements, lib/stats/community-cache.ts), as it does on a hub that has run a while.
    const kept = () =>
      ownerSql<{ community_code: string; counted_at: Date }>(
        'population',
        "select community_code, counted_at from figures_cache where as_of = $1 and variant like 'exact|%' order by 1",
        [today()],
      );
    const before = await kept();
    const answer = await as(gridLeader).data(REGION_STATS, { regionId: districtId(), asOf: today() });
    expect(answer).toBeTruthy();
    expect(await kept()).toEqual(before);
  });
});
