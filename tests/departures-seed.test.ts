/**
 * The demo district has residents who left the register (死亡、迁出) in the year before its day, drawn by the shared
 * generator: population has their status, the day and the change in the history; civil affairs started nothing for
 * them after they left, and the monthly assistance still paying them is on the caseworker's list of payments to stop.
 */
import { departuresOf } from '../runner/synthetic/world';
import { assistanceCases } from '../subgraphs/civil-affairs/seed-cases';
import { as, caseworker, registrar } from './support/callers';
import { testWorld } from './support/world';

const world = testWorld();
const departures = departuresOf(world);
const departed = world.residents.filter((r) => departures.has(r.id));
const PAYING = ['APPROVED', 'ACTIVE', 'SUSPENDED'];

/** What the caseworker should find: each departed resident with the cases the generator left paying them. */
function toStop(status: 'DECEASED' | 'MOVED_OUT') {
  const cases = assistanceCases(world);
  return departed
    .filter((r) => departures.get(r.id)!.status === status)
    .map((r) => ({
      id: r.id,
      status,
      leftOn: departures.get(r.id)!.leftOn,
      assistanceToStop: cases
        .filter((c) => c.residentId === r.id && PAYING.includes(c.status))
        .map((c) => ({ id: c.id, program: c.program, status: c.status })),
    }))
    .filter((r) => r.assistanceToStop.length > 0);
}

const DEPARTED = `query($status: ResidentStatus!) { residents(filter: { status: $status }, first: 100) { nodes { id status leftOn assistanceToStop { id program status } } } }`;

describe('the demo district’s departures', () => {
  it('has deceased and moved-out residents, each with the day and a status change in the register’s history', async () => {
    const deceased = departed.find((r) => departures.get(r.id)!.status === 'DECEASED')!;
    const movedOut = departed.find((r) => departures.get(r.id)!.status === 'MOVED_OUT')!;
    for (const r of [deceased, movedOut]) {
      const { status, leftOn } = departures.get(r.id)!;
      const { resident } = await as(registrar).data(
        `query($id: ID!) { resident(id: $id) { status leftOn history { kind field fromValue toValue effectiveOn changedBy } } }`,
        { id: r.id },
      );
      expect(resident).toEqual({
        status,
        leftOn,
        history: [
          {
            kind: 'REGISTERED',
            field: null,
            fromValue: null,
            toValue: r.householdId,
            effectiveOn: expect.any(String),
            changedBy: 'synthetic',
          },
          {
            kind: 'STATUS',
            field: 'status',
            fromValue: 'ACTIVE',
            toValue: status,
            effectiveOn: leftOn,
            changedBy: 'synthetic',
          },
        ],
      });
    }
    // a small share, the old far more often dead than the young
    expect(departed.length / world.residents.length).toBeGreaterThan(0.005);
    expect(departed.length / world.residents.length).toBeLessThan(0.05);
  });

  it('lists for the caseworker exactly the departed residents the generator left on assistance, with the cases to stop', async () => {
    for (const status of ['DECEASED', 'MOVED_OUT'] as const) {
      const nodes: { id: string; assistanceToStop: unknown[] }[] = (await as(caseworker).data(DEPARTED, { status }))
        .residents.nodes;
      // other tests take residents of their own off the register: only the seeded district's are compared
      const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
      expect(nodes.filter((n) => departures.has(n.id) && n.assistanceToStop.length > 0).sort(byId)).toEqual(
        toStop(status).sort(byId),
      );
    }
    expect(toStop('DECEASED').length + toStop('MOVED_OUT').length).toBeGreaterThanOrEqual(2);
  });

  it('starts no assistance case for a resident after they left', () => {
    const late = assistanceCases(world).filter(
      (c) => departures.has(c.residentId) && c.appliedOn >= departures.get(c.residentId)!.leftOn,
    );
    expect(late).toEqual([]);
  });
});
