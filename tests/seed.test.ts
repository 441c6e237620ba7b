import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { parseIdNumber } from '../lib/codes/id-number';
import { DEPARTMENTS, departmentInfo } from '../lib/departments';
import { generateWorld, type World } from '../runner/synthetic/world';
import { assistanceCases } from '../subgraphs/civil-affairs/seed-cases';
import { keyPersonRows } from '../subgraphs/public-security/seed.key-persons';
import { as, gridLeader } from './support/callers';
import { TEST_RESIDENTS } from './support/global-setup';
import { hub } from './support/hub';
import { ROOT } from './support/launch';

const ageOn = (birthDate: string, day: string) =>
  Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4)) - (day.slice(5) < birthDate.slice(5) ? 1 : 0);
const share = (part: number, whole: number) => part / whole;

describe('the synthetic district: realistic shares', () => {
  const world: World = generateWorld({ residents: 50_000 });
  const householdsOf = (regionIds: Set<string>) => {
    const buildings = new Set(world.buildings.filter((b) => regionIds.has(b.microGridId)).map((b) => b.id));
    return world.households.filter((h) => buildings.has(h.buildingId)).length;
  };
  const childrenOf = (id: string) => world.regions.filter((r) => r.parentId === id);

  it('has exactly the residents asked for, in households of realistic sizes', () => {
    expect(world.residents).toHaveLength(50_000);
    const mean = world.residents.length / world.households.length;
    expect(mean).toBeGreaterThan(2.3);
    expect(mean).toBeLessThan(2.8);
    const sizes = new Map<string, number>();
    for (const r of world.residents) sizes.set(r.householdId, (sizes.get(r.householdId) ?? 0) + 1);
    expect(sizes.size).toBe(world.households.length);
    expect(share([...sizes.values()].filter((n) => n === 1).length, sizes.size)).toBeGreaterThan(0.15);
  });

  it('is a tree of streets, communities of ~3,000 households, grids of 200–400 and micro-grids of a few buildings', () => {
    const communities = world.regions.filter((r) => r.level === 'COMMUNITY');
    for (const c of communities) {
      const households = householdsOf(
        new Set(
          childrenOf(c.id)
            .flatMap((g) => childrenOf(g.id))
            .map((m) => m.id),
        ),
      );
      expect(households).toBeGreaterThan(2500);
      expect(households).toBeLessThan(3500);
    }
    const general = world.regions.filter((r) => r.level === 'GRID' && r.gridType === 'GENERAL');
    const sizes = general.map((g) => householdsOf(new Set(childrenOf(g.id).map((m) => m.id))));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(150);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(450);
    expect(world.regions.some((r) => r.level === 'GRID' && r.gridType === 'DEDICATED')).toBe(true);
    // every building stands in a micro-grid, and no two households share a room of one building
    const micro = new Set(world.regions.filter((r) => r.level === 'MICRO_GRID').map((r) => r.id));
    expect(world.buildings.every((b) => micro.has(b.microGridId))).toBe(true);
    expect(new Set(world.households.map((h) => `${h.buildingId} ${h.room}`)).size).toBe(world.households.length);
  });

  it('gives every resident a valid, unique ID number that agrees with birth date, gender and residence', () => {
    expect(new Set(world.residents.map((r) => r.idNumber)).size).toBe(world.residents.length);
    const wrong = world.residents.filter((r) => {
      const parsed = parseIdNumber(r.idNumber);
      return (
        !parsed.ok ||
        parsed.facts.birthDate !== r.birthDate ||
        parsed.facts.gender !== r.gender ||
        (r.residenceStatus === 'REGISTERED') !== (parsed.facts.addressCode === world.districtCode)
      );
    });
    expect(wrong.map((r) => r.idNumber)).toEqual([]);
  });

  it('has an urban age pyramid, ~20% floating residents, ~2.5% on 低保 and a few key persons per thousand', () => {
    const ages = world.residents.map((r) => ageOn(r.birthDate, world.asOf));
    expect(share(ages.filter((a) => a >= 60).length, ages.length)).toBeGreaterThan(0.15);
    expect(share(ages.filter((a) => a >= 60).length, ages.length)).toBeLessThan(0.3);
    expect(share(ages.filter((a) => a < 15).length, ages.length)).toBeGreaterThan(0.08);
    expect(share(ages.filter((a) => a >= 80).length, ages.length)).toBeGreaterThan(0.01);

    const floating = share(
      world.residents.filter((r) => r.residenceStatus !== 'REGISTERED').length,
      world.residents.length,
    );
    expect(floating).toBeGreaterThan(0.17);
    expect(floating).toBeLessThan(0.23);

    const onMinimumLiving = new Set(
      assistanceCases(world)
        .filter((c) => c.program === 'MINIMUM_LIVING')
        .map((c) => c.householdId),
    );
    const covered = share(
      world.residents.filter((r) => onMinimumLiving.has(r.householdId)).length,
      world.residents.length,
    );
    expect(covered).toBeGreaterThan(0.02);
    expect(covered).toBeLessThan(0.03);

    const buildingOf = new Map(
      world.households.map((h) => [h.id, world.buildings.find((b) => b.id === h.buildingId)!]),
    );
    const perThousand =
      (keyPersonRows(world, buildingOf).filter((k) => k.active).length / world.residents.length) * 1000;
    expect(perThousand).toBeGreaterThan(1);
    expect(perThousand).toBeLessThan(6);
  });

  it('is the same district every time for the same size and seed, and another one for another seed', () => {
    const again = generateWorld({ residents: 50_000 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(world));
    expect(generateWorld({ residents: 50_000, seed: 7 }).residents[0].id).not.toBe(world.residents[0].id);
  });
});

/** `npm run seed` against the test hub's own databases (every DATABASE_URL_* set: no embedded cluster of its own). */
function runSeed(residents: number): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const d of DEPARTMENTS) {
    env[departmentInfo(d).databaseUrlEnv] = hub().databaseUrls[d];
    env[departmentInfo(d).ownerUrlEnv] = hub().ownerUrls[d];
  }
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'dist', 'scripts', 'seed.js'), '--residents', String(residents)],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`npm run seed exited with ${code}:\n${output}`)),
    );
  });
}

/** Per department and table: the row count and a digest of every row (in a stable order); audit_log counted apart. */
async function contents(): Promise<{ tables: Record<string, string>; auditRows: Record<string, number> }> {
  const tables: Record<string, string> = {};
  const auditRows: Record<string, number> = {};
  for (const d of DEPARTMENTS) {
    const client = new Client({ connectionString: hub().databaseUrls[d] });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>(
        // the audit log and its monthly partitions are counted apart (the application role reads them through audit_log);
        // the kept figures and their log of changes (lib/stats/community-cache.ts) record reads and loads, not the district
        "select tablename as name from pg_tables where schemaname = 'public' and tablename not like 'audit\\_log%' and tablename not like 'figures\\_%' and tablename not in ('mikro_orm_migrations', 'hub_replay_guard') order by 1",
      );
      for (const { name } of rows) {
        const digest = await client.query(
          `select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as md5 from "${name}" t`,
        );
        tables[`${d}.${name}`] = `${digest.rows[0].n} ${digest.rows[0].md5}`;
      }
      auditRows[d] = (await client.query('select count(*)::int as n from audit_log')).rows[0].n;
    } finally {
      await client.end();
    }
  }
  return { tables, auditRows };
}

describe('npm run seed', () => {
  it('replaces the district with identical data when run twice, keeps the audit logs, and prints its time and rate', async () => {
    // a read of personal data, so the population audit log holds at least one row
    const world = generateWorld({ residents: TEST_RESIDENTS });
    await as(gridLeader).data('query ($id: ID!) { resident(id: $id) { name } }', { id: world.residents[0].id });
    const before = await contents();
    expect(before.auditRows.population).toBeGreaterThan(0);

    const output = await runSeed(TEST_RESIDENTS);
    expect(output).toMatch(/seeded [\d,]+ rows in [\d.]+ s .*: [\d,]+ rows\/s/);
    const first = await contents();
    await runSeed(TEST_RESIDENTS);
    const second = await contents();
    expect(second.tables).toEqual(first.tables);
    for (const d of DEPARTMENTS) expect(second.auditRows[d]).toBeGreaterThanOrEqual(before.auditRows[d]);

    // the rows are the generator's: as many residents, households, buildings and regions as the world has
    const count = (key: string) => Number(second.tables[key].split(' ')[0]);
    expect(count('population.resident')).toBe(world.residents.length);
    expect(count('population.household')).toBe(world.households.length);
    expect(count('population.building')).toBe(world.buildings.length);
    expect(count('grid.region')).toBe(world.regions.length);
    expect(count('public-security.household_registration')).toBe(world.residents.length);
    expect(count('civil-affairs.assistance_case')).toBe(assistanceCases(world).length);
  });
});
