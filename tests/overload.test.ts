import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { generateWorld } from '../runner/synthetic/world';
import { type PrivateHub, privateDir, startPrivateHub } from './support/private-hub';

/**
 * A department whose pool is far smaller than the burst it gets (2 connections, 300 ms of waiting, 60 reports at once):
 * it refuses early and honestly. Every answer is either the saved record or OVERLOADED (HTTP 503, retryable); what was
 * acknowledged is saved and nothing else is; sent again under the same keys, every report ends saved exactly once; and
 * the department keeps answering its readers.
 */
const RESIDENTS = 400;
const world = generateWorld({ residents: RESIDENTS });
const district = world.regions.find((r) => r.level === 'DISTRICT')!;
const buildings = world.buildings.slice(0, 10);
const dispatcher = { department: 'GRID' as const, role: 'DISPATCHER' };
const REPORT = 'mutation ($input: ReportEventInput!) { reportEvent(input: $input) { id timeline { toStatus } } }';

let hub: PrivateHub;
beforeAll(async () => {
  hub = await startPrivateHub({
    dir: privateDir('hub-overload-'),
    residents: RESIDENTS,
    districtId: district.id,
    env: { DB_POOL_MAX: '2', DB_POOL_ACQUIRE_TIMEOUT_MS: '300' },
  });
}, 300_000);
afterAll(() => hub?.stop());

async function gridSql<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: hub.info.ownerUrls.grid });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

const reportsSaved = async (keys: string[]) =>
  (await gridSql<{ n: number }>('select count(*)::int as n from event where idempotency_key = any($1)', [keys]))[0].n;

describe('a burst larger than the pool', () => {
  it('is answered with the saved record or OVERLOADED (503), saves exactly what it acknowledged, and a retry under the same key saves each report once', async () => {
    const inputs = Array.from({ length: 60 }, (_, i) => ({
      idempotencyKey: randomUUID(),
      category: 'SAFETY_HAZARD',
      title: '暴雨后积水',
      description: `第${i + 1}处积水`,
      buildingId: buildings[i % buildings.length].id,
    }));
    const answers = await Promise.all(inputs.map((input) => hub.ask(dispatcher, REPORT, { input })));
    const outcome = answers.map((a) => (a.errors?.length ? a.errors.map((e) => e.extensions?.code).join() : 'OK'));
    expect(outcome.filter((o) => o !== 'OK' && o !== 'OVERLOADED')).toEqual([]);
    for (const [i, answer] of answers.entries()) {
      if (outcome[i] === 'OK')
        expect(answer).toMatchObject({
          status: 200,
          data: { reportEvent: { id: expect.any(String), timeline: [{ toStatus: 'REPORTED' }] } },
        });
      else
        expect(answer).toMatchObject({
          status: 503,
          data: null,
          errors: [{ extensions: { code: 'OVERLOADED', department: 'grid', retryAfterSeconds: 1 } }],
        });
    }
    const acknowledged = inputs.filter((_, i) => outcome[i] === 'OK').map((input) => input.idempotencyKey);
    expect(await reportsSaved(acknowledged)).toBe(acknowledged.length);
    expect(await reportsSaved(inputs.map((input) => input.idempotencyKey))).toBe(acknowledged.length);

    // the refused ones sent again, one after another, as a client that honours Retry-After would
    for (const [i, input] of inputs.entries()) {
      for (let attempt = 0; outcome[i] !== 'OK' && attempt < 20; attempt++) {
        const again = await hub.ask(dispatcher, REPORT, { input });
        outcome[i] = again.errors?.length ? again.errors.map((e) => e.extensions?.code).join() : 'OK';
      }
    }
    expect(outcome.every((o) => o === 'OK')).toBe(true);
    expect(await reportsSaved(inputs.map((input) => input.idempotencyKey))).toBe(inputs.length);
    expect(await hub.ask(dispatcher, '{ events(first: 1) { totalCount } }')).toMatchObject({
      status: 200,
      data: { events: { totalCount: expect.any(Number) } },
    });
  });
});
