/**
 * Existence by timing (issue 20, item 4): a record outside the caller's scope and one nobody issued are refused with
 * the same answer, and must take the same time: the same DENIED audit row is written before the answer goes in both
 * cases, and a root look-up decides the scope in the statement that finds the record. Measured through the gateway as
 * an attacker would — interleaved pairs (which goes first is drawn for each pair), compared by rank: P(existing slower)
 * over all pairs of times (Mann–Whitney) and the share of pairs whose existing one was slower (the sign test, which the
 * pairing makes immune to the machine's load drifting) — never by a wall-clock threshold.
 */
import { randomUUID } from 'node:crypto';
import { eventRows } from '../subgraphs/grid/seed.events';
import { as, caseworker, gridWorkerOf } from './support/callers';
import { slowerInPairs } from './support/ranks';
import { testWorld, whereLives } from './support/world';

const PAIRS = Number(process.env.HUB_TIMING_PAIRS ?? 200);
/**
 * How far from 0.5 each statistic may stray. Under "no difference", with 200 pairs, P(existing slower) spreads by about
 * 0.029 and the share of pairs whose existing one was slower by 0.035: these bounds are five and three and a half of
 * those. Before the fix, on a loaded machine, a resident gave 0.67 and 78 % of pairs, an event 0.61 and 69 %.
 */
const TOLERANCE = { ranks: 0.15, pairs: 0.12 };

const world = testWorld();
const home = whereLives(world.residents[0]).grid;
const worker = { ...gridWorkerOf(home.id), subject: `timing-worker-${process.pid}` };
const strangers = world.residents.filter((r) => whereLives(r).grid.id !== home.id).slice(0, PAIRS + 8);
const codes = (res: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  (res.errors ?? []).map((e) => e.extensions?.code);

/** HUB_REPORT_TIMING=1 prints each statistic (what docs/capabilities.md quotes) */
const report = (p: number, paired: number) =>
  process.env.HUB_REPORT_TIMING &&
  process.stdout.write(
    `${expect.getState().currentTestName}: P(existing slower) = ${p.toFixed(3)}, slower in ${(paired * 100).toFixed(0)}% of pairs\n`,
  );

/**
 * A case is measured again when its first measurement strays, and fails only if the second strays too. A neighbour's
 * burst can push one measurement out: beside cohort.test on the other worker (TEST_ORDER_SEED=44, 6 December) an event's
 * pairs left the bound once; the 40 ms floor hides a difference only while both answers are ready within one step. A
 * real difference strays in both: docs/capabilities.md has the resident read at 0.670 and 78 % of pairs before its fix,
 * and, with no floor, an event at 0.620 (68 %).
 */
const MEASUREMENTS = 2;

async function refusedAlike(ask: (id: string) => Promise<any>, existing: string[]) {
  let alike = { ranks: false, pairs: false };
  for (let measurement = 1; measurement <= MEASUREMENTS; measurement++) {
    const missing = existing.map(() => randomUUID());
    const { p, paired } = await slowerInPairs(
      PAIRS,
      async (i) => expect(codes(await ask(existing[i]))).toEqual(['NOT_FOUND']),
      async (i) => expect(codes(await ask(missing[i]))).toEqual(['NOT_FOUND']),
    );
    report(p, paired);
    alike = { ranks: Math.abs(p - 0.5) < TOLERANCE.ranks, pairs: Math.abs(paired - 0.5) < TOLERANCE.pairs };
    if (alike.ranks && alike.pairs) break;
    process.stdout.write(
      `${expect.getState().currentTestName}: measurement ${measurement} strayed: P(existing slower) = ${p.toFixed(3)}, slower in ${(paired * 100).toFixed(0)}% of pairs\n`,
    );
  }
  expect(alike).toEqual({ ranks: true, pairs: true });
}

describe('a refusal takes as long for a record that exists as for one that does not', () => {
  it('a resident of another grid, asked by a grid worker', async () => {
    const ask = (id: string) => as(worker).graphql('query($id: ID!) { resident(id: $id) { name } }', { id });
    await refusedAlike(
      ask,
      strangers.map((r) => r.id),
    );
  });

  it('an event of another department, asked by civil affairs', async () => {
    const others = eventRows(world, new Date()).events.filter((e) => e.department !== 'CIVIL_AFFAIRS');
    expect(others.length).toBeGreaterThan(5);
    const ask = (id: string) => as(caseworker).graphql('query($id: ID!) { event(id: $id) { id title } }', { id });
    await refusedAlike(
      ask,
      Array.from({ length: PAIRS + 8 }, (_, i) => others[i % others.length].id),
    );
  });

  it('a change to a resident of another grid, asked by a clerk', async () => {
    const clerk = {
      department: 'POPULATION' as const,
      role: 'CLERK',
      scope: [home.id],
      subject: `timing-clerk-${process.pid}`,
    };
    const ask = (id: string) =>
      as(clerk).graphql('mutation($id: ID!) { updateResident(id: $id, input: { phone: "13800000000" }) { id } }', {
        id,
      });
    await refusedAlike(
      ask,
      strangers.map((r) => r.id),
    );
  });
});
