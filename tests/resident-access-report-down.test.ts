/**
 * A resident's access report with one department down (issue 23 item 2): grid's subgraph is frozen (SIGSTOP) in a hub
 * of the test's own; the report carries the other three departments' entries and DEPARTMENT_UNAVAILABLE naming grid,
 * never a silent gap.
 */
import { departuresOf, generateWorld } from '../runner/synthetic/world';
import { REPORT } from './support/access-report';
import { type PrivateHub, privateDir, startPrivateHub } from './support/private-hub';
import { asResident } from './support/residents';

const RESIDENTS = 300;
const world = generateWorld({ residents: RESIDENTS });
const district = world.regions.find((r) => r.level === 'DISTRICT')!;
const gone = departuresOf(world);
const resident = world.residents.filter((r) => !gone.has(r.id))[11];
const READS = [
  [
    { department: 'CIVIL_AFFAIRS' as const, role: 'CASEWORKER', purpose: '低保入户调查' },
    'query($id: ID!) { resident(id: $id) { name assistance { program } } }',
  ],
  [
    { department: 'PUBLIC_SECURITY' as const, role: 'OFFICER', purpose: '居住证核查' },
    'query($id: ID!) { resident(id: $id) { name registration { type } } }',
  ],
  [
    { department: 'GRID' as const, role: 'GRID_LEADER', purpose: '月度走访' },
    'query($id: ID!) { resident(id: $id) { name grid { id } } }',
  ],
] as const;

describe('myAccessReport while a department is down', () => {
  const dir = privateDir('hub-report-down-');
  let hub: PrivateHub;
  let period: { from: string; to: string };
  const report = () =>
    asResident(resident.id, { gatewayUrl: hub.info.gatewayUrl, secretsFile: hub.info.secretsFile }).graphql(
      REPORT,
      period,
    );

  beforeAll(async () => {
    hub = await startPrivateHub({
      dir,
      residents: RESIDENTS,
      districtId: district.id,
      env: { HUB_SUBGRAPH_TIMEOUT_MS: '1500' },
    });
    const from = new Date(Date.now() - 1000).toISOString();
    for (const [caller, query] of READS) {
      const res = await hub.ask(caller, query, { id: resident.id });
      expect(res.errors).toBeUndefined();
    }
    period = { from, to: new Date(Date.now() + 60_000).toISOString() };
  }, 180_000);
  afterAll(async () => {
    if (hub?.info.pids.grid) process.kill(hub.info.pids.grid, 'SIGCONT');
    await hub?.stop();
  });

  it('answers the other three departments’ entries and DEPARTMENT_UNAVAILABLE naming grid', async () => {
    const full = await report();
    expect(full.errors).toBeUndefined();
    const nodes = full.data.myAccessReport.edges.map((e: { node: { recordsOf: string } }) => e.node);
    expect([...new Set(nodes.map((n: { recordsOf: string }) => n.recordsOf))].sort()).toEqual([
      'CIVIL_AFFAIRS',
      'GRID',
      'POPULATION',
      'PUBLIC_SECURITY',
    ]);
    const others = nodes.filter((n: { recordsOf: string }) => n.recordsOf !== 'GRID');

    process.kill(hub.info.pids.grid, 'SIGSTOP');
    await hub.untilDepartment('grid', 'unavailable');
    const partial = await report();
    expect({
      ...partial,
      data: { myAccessReport: { ...partial.data.myAccessReport, edges: undefined } },
      nodes: partial.data.myAccessReport.edges.map((e: { node: unknown }) => e.node),
    }).toEqual({
      status: 200,
      data: {
        myAccessReport: {
          totalCount: others.length,
          pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
          edges: undefined,
        },
      },
      nodes: others,
      errors: [
        {
          message: expect.stringMatching(
            /^grid is unavailable \(.+\); its entries are missing from this page, the other departments answered$/,
          ),
          path: ['myAccessReport'],
          extensions: {
            code: 'DEPARTMENT_UNAVAILABLE',
            department: 'grid',
            reason: expect.any(String),
            serviceName: 'resident-desk',
          },
        },
      ],
    });
  }, 120_000);
});
