/**
 * The audit log's group commit (lib/db/audit-writer.ts) against a department's real audit_log, as the role the subgraph
 * connects as: concurrent requests share one INSERT and one commit, nobody is released before their rows are
 * committed, one request's bad row costs no other request its answer, a request's once-only identity is claimed with
 * its rows — and, through the gateway, an answer whose audit row cannot be written is not sent.
 */
import { knex, type Knex } from '@mikro-orm/knex';
import { Client } from 'pg';
import { AuditWriter } from '../lib/db/audit-writer';
import { REPLAY_TABLE } from '../lib/db/replay-table';
import { auditBatches } from '../lib/metrics';
import { as, gridLeader } from './support/callers';
import { hub } from './support/hub';
import { testWorld } from './support/world';

const row = (requestId: string, subject = 'audit-writes-test') => ({
  request_id: requestId,
  actor: subject,
  data_subjects: ['00000000-0000-0000-0000-000000000001'],
  department: 'GRID',
  role: 'GRID_LEADER',
  operation: null,
  kind: 'READ',
  record_type: 'Resident',
  record_ids: ['00000000-0000-0000-0000-000000000001'],
  fields: ['name'],
  purpose: null,
  outcome: 'ALLOWED',
});

async function asOwner<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: hub().ownerUrls.population });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const writtenFor = (prefix: string) =>
  asOwner(async (c) =>
    (
      await c.query(`select request_id from audit_log where request_id like $1 order by request_id`, [`${prefix}%`])
    ).rows.map((r) => r.request_id),
  );

describe('audit rows of concurrent requests', () => {
  let db: Knex;
  let before: number;
  const inserts = async () => (await auditBatches.get()).values[0].value - before;
  beforeAll(
    () => void (db = knex({ client: 'pg', connection: hub().databaseUrls.population, pool: { min: 0, max: 4 } })),
  );
  afterAll(() => db.destroy());
  beforeEach(async () => void (before = (await auditBatches.get()).values[0]?.value ?? 0));

  it('go into the log together: the first request alone, the 49 that came while it was written in one INSERT', async () => {
    const writer = new AuditWriter(db);
    const prefix = `group-${Date.now()}-`;
    const ids = Array.from({ length: 50 }, (_, i) => `${prefix}${String(i).padStart(2, '0')}`);
    const released: string[] = [];
    await Promise.all(
      ids.map((id) =>
        writer.write([row(id)]).then(async () => {
          // a request is released only once its row is committed: another connection already sees it
          const seen = await asOwner(
            async (c) =>
              (await c.query('select count(*)::int as n from audit_log where request_id = $1', [id])).rows[0].n,
          );
          if (seen === 1) released.push(id);
        }),
      ),
    );
    expect(await inserts()).toBe(2);
    expect(released.sort()).toEqual(ids);
    expect(await writtenFor(prefix)).toEqual(ids);
  });

  it('are written on their own when a shared INSERT fails: only the request with the bad row gets the error', async () => {
    const writer = new AuditWriter(db);
    const prefix = `poison-${Date.now()}-`;
    const first = writer.write([row(`${prefix}0`)]);
    const outcomes = await Promise.allSettled([
      first,
      ...[1, 2, 3].map((i) =>
        writer.write([i === 2 ? { ...row(`${prefix}${i}`), outcome: null } : row(`${prefix}${i}`)]),
      ),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(await writtenFor(prefix)).toEqual([`${prefix}0`, `${prefix}1`, `${prefix}3`]);
  });
});

describe('a request that claims its once-only identity with its rows', () => {
  let db: Knex;
  beforeAll(
    () => void (db = knex({ client: 'pg', connection: hub().databaseUrls.population, pool: { min: 0, max: 4 } })),
  );
  afterAll(() => db.destroy());
  const use = (id: string) => ({ id, expiresAtMs: Date.now() + 60_000 });
  const claimed = (ids: string[]) =>
    asOwner(async (c) =>
      (await c.query(`select id from ${REPLAY_TABLE} where id = any($1) order by id`, [ids])).rows.map((r) => r.id),
    );

  it('is written once: the same id offered twice at once, and again later, has its rows written by the first offer only', async () => {
    const writer = new AuditWriter(db);
    const prefix = `claim-${Date.now()}-`;
    const id = `${prefix}jti`;
    const unclaimed = `${prefix}none`;
    // the first goes alone; the next three wait and are taken together, but the repeated id ends that batch
    const outcomes = await Promise.all([
      writer.write([row(`${prefix}0`)], use(`${prefix}other`)),
      writer.write([row(`${prefix}1`)], use(id)),
      writer.write([row(`${prefix}2`)]),
      writer.write([row(`${prefix}3`), row(`${prefix}3`)], use(id)),
    ]);
    expect(outcomes).toEqual([true, true, true, false]);
    expect(await writer.write([row(`${prefix}4`)], use(id))).toBe(false);
    expect(await writtenFor(prefix)).toEqual([`${prefix}0`, `${prefix}1`, `${prefix}2`]);
    expect(await claimed([id, `${prefix}other`, unclaimed])).toEqual([`${prefix}other`, id].sort());
  });
});

describe('an answer whose audit row cannot be written', () => {
  const SUBJECT = 'audit-cannot-be-written';
  beforeAll(() =>
    asOwner((c) =>
      c.query(`
      create function refuse_test_subject() returns trigger language plpgsql as $$ begin raise exception 'audit log unavailable'; end $$;
      create trigger refuse_test_subject before insert on audit_log for each row when (new.actor = '${SUBJECT}') execute function refuse_test_subject();`),
    ),
  );
  afterAll(() =>
    asOwner((c) => c.query('drop trigger refuse_test_subject on audit_log; drop function refuse_test_subject();')),
  );

  it('is not sent: the caller gets an error, not the resident', async () => {
    const resident = testWorld().residents[0];
    const query = 'query($id: ID!) { resident(id: $id) { name idNumber } }';
    const refused = await as({ ...gridLeader, subject: SUBJECT }).graphql(query, { id: resident.id });
    expect(refused.data?.resident ?? null).toBeNull();
    expect(JSON.stringify(refused)).not.toContain(resident.name);
    expect(refused.errors?.length).toBeGreaterThan(0);
    // the same question from someone whose row can be written is answered
    const answered = await as({ ...gridLeader, subject: 'audit-can-be-written' }).graphql(query, { id: resident.id });
    expect(answered.data.resident.name).toBe(resident.name);
  });
});
