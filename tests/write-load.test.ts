/**
 * Writes under load (issue 18): every mutation of the supergraph takes a burst of 30 concurrent calls with different
 * inputs and one of 30 calls with one idempotency key (creates) or 30 concurrent changes of one record (changes). No
 * call is answered DEPARTMENT_UNAVAILABLE or INTERNAL_SERVER_ERROR, the owning department answers a plain read right
 * after, and its database holds exactly what was acknowledged. The catalogue is tests/support/write-load.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import { BURST_SIZE, burst, DEFECTS, idsOf, type Outcome, PLAIN_READ, type Rows, tally } from './support/burst';
import { takeNewcomersOff } from './support/burst-world';
import { as } from './support/callers';
import { BURSTS, type BurstCase } from './support/write-load';

const N = BURST_SIZE;
/** What each burst did, printed at the end (the figures of the issue's closing note). */
const record: string[] = [];

/** Sends the burst, checks what no write under load may answer, and returns how each call ended and the rows it made. */
async function underLoad(name: string, what: string, c: BurstCase, calls: Record<string, unknown>[], rows: Rows) {
  expect(calls).toHaveLength(N);
  const before = await idsOf(c.owner, rows);
  const outcomes = await burst(c.caller, c.document, calls);
  const made = (await idsOf(c.owner, rows)).filter((id) => !before.includes(id));
  const retries = outcomes.reduce((n, o) => n + o.retries, 0);
  record.push(
    `${name} ${what}: ${JSON.stringify(tally(outcomes))}, ${made.length} rows${retries ? `, ${retries} OVERLOADED retried` : ''}`,
  );
  for (const o of outcomes)
    expect({ code: o.code, defect: DEFECTS.some((d) => o.code.includes(d)) }).toEqual({ code: o.code, defect: false });
  // a call refused as OVERLOADED wrote nothing and was sent again under its key (burst.ts), so each ends with one final
  // answer; how often that happened depends on how busy the machine is, so it is reported above and measured by the
  // bench's soak (0 OVERLOADED on a quiet machine is its goal), never asserted here
  expect(outcomes.filter((o) => o.code.includes('OVERLOADED'))).toEqual([]);
  // the department answers its people right after
  const read = PLAIN_READ[c.owner];
  expect((await as(read.caller).graphql(read.query)).errors).toBeUndefined();
  return { outcomes, made };
}

const okIds = (outcomes: Outcome[]) => outcomes.filter((o) => o.code === 'OK').map((o) => o.id);

describe.each(Object.entries(BURSTS))('%s under a burst of 30', (name, c) => {
  let fixture: unknown;
  const outcomes: { distinct: Outcome[]; same: Outcome[] } = { distinct: [], same: [] };

  beforeAll(async () => {
    fixture = await c.prepare();
  });

  afterAll(async () => {
    if (fixture !== undefined) await c.undo?.(fixture);
  });

  it('acknowledges 30 concurrent calls with different inputs, and the owner holds exactly those', async () => {
    const plan = c.bursts(fixture);
    const { outcomes: answers, made } = await underLoad(name, 'distinct', c, plan.distinct.calls, plan.distinct.rows);
    outcomes.distinct = answers;
    expect(tally(answers)).toEqual({ OK: N });
    expect(made).toHaveLength(N);
    if (plan.kind === 'create' && plan.answersRecord) expect([...okIds(answers)].sort()).toEqual(made);
  });

  it('answers 30 concurrent calls on one form or one record with one outcome each, and the owner holds exactly the winners’ effects', async () => {
    const plan = c.bursts(fixture);
    if (plan.kind === 'create') {
      const { outcomes: answers, made } = await underLoad(name, 'same key', c, plan.sameKey.calls, plan.sameKey.rows);
      outcomes.same = answers;
      // one record, and every retry is answered with it
      expect(tally(answers)).toEqual({ OK: N });
      expect(made).toHaveLength(1);
      expect(new Set(answers.map((o) => o.id)).size).toBe(1);
      if (plan.answersRecord) expect(answers[0].id).toBe(made[0]);
      return;
    }
    const { outcomes: answers, made } = await underLoad(
      name,
      'one record',
      c,
      plan.oneRecord.calls,
      plan.oneRecord.rows,
    );
    outcomes.same = answers;
    const won = answers.filter((o) => o.code === 'OK').length;
    const refused = answers.filter((o) => o.code !== 'OK');
    expect(refused.filter((o) => !plan.oneRecord.refusedAs.includes(o.code))).toEqual([]);
    if (plan.oneRecord.winners === 'ONE') expect(won).toBe(1);
    if (plan.oneRecord.winners === 'ALL') expect(won).toBe(N);
    expect(won).toBeGreaterThanOrEqual(1);
    // each winner's effect is there once, a refused call left none
    expect(made).toHaveLength(won);
  });

  it('leaves every invariant of the owner’s data true', async () => {
    await c.invariant?.(fixture, outcomes);
    expect(outcomes.distinct).toHaveLength(N);
    expect(outcomes.same).toHaveLength(N);
  });
});

describe('the catalogue', () => {
  afterAll(async () => {
    await takeNewcomersOff();
    // the figures of this run, for the issue's closing note
    console.log(`write-load bursts:\n${record.join('\n')}`);
  });

  it('has a burst case for every mutation of the supergraph, and none for a mutation it no longer has', () => {
    const sdl = readFileSync(join(__dirname, '..', 'schema', 'supergraph.graphql'), 'utf8');
    const mutation = parse(sdl).definitions.find(
      (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Mutation',
    )!;
    const fields = mutation.fields!.map((f) => f.name.value).sort();
    expect(fields.length).toBeGreaterThan(20);
    expect(Object.keys(BURSTS).sort()).toEqual(fields);
  });
});
