import { join } from 'node:path';
import { generateWorld } from '../runner/synthetic/world';
import { type ClusterProcess, startClusterProcess } from './support/cluster-process';
import { freePorts } from './support/ports';
import { type PrivateHub, privateDir, startPrivateHub } from './support/private-hub';
import { adminQuery, type StreamingReplica, startStreamingReplica } from './support/streaming-replica';
import { DEPARTMENTS, departmentInfo } from '../lib/departments';

/**
 * Reads past one primary (issue 24): population's subgraph is given a real streaming replica of its database
 * (DATABASE_REPLICA_URLS_POPULATION). Which server answered is read from the answers themselves: while the replica's
 * replay is paused (pg_wal_replay_pause), a change made on the primary is missing from what the replica serves. The
 * lag bound in play is the WAL distance (HUB_REPLICA_MAX_LAG_BYTES, 1 MB here); the time bound is set out of reach so
 * that nothing depends on how fast the machine is. The tests are the phases of one story, in order.
 *
 * A second hub over the same databases and the same gateway database stands for the second pod of every service on
 * Kubernetes: a second gateway and a second process of population. A gateway learns from population's answers that it
 * reads replicas, so each gateway's first request to it reads the primary (a warm-up read comes first).
 */
const RESIDENTS = 200;
const world = generateWorld({ residents: RESIDENTS });
const district = world.regions.find((r) => r.level === 'DISTRICT')!;
const [first, second, third] = world.residents;
const reader = { department: 'POPULATION' as const, role: 'CLERK', subject: 'replica-reader' };
const writer = { department: 'POPULATION' as const, role: 'CLERK', subject: 'replica-writer' };
const podWriter = { department: 'POPULATION' as const, role: 'CLERK', subject: 'replica-writer-across-pods' };
const NAME = `query ($id: ID!) { resident(id: $id) { name } }`;
const RENAME = `mutation ($id: ID!, $name: String!) { updateResident(id: $id, input: { name: $name }) { name } }`;

interface ReplicaState {
  name: string;
  inRotation: boolean;
  lagBytes: number | null;
  reason: string;
}

describe('read replicas: reads on a replica in rotation, writes and a writer’s next reads on the primary', () => {
  const dir = privateDir('hub-replicas-');
  const primaryDir = join(dir, 'primary');
  let primaryPort: number;
  let cluster: ClusterProcess;
  let replica: StreamingReplica;
  let hub: PrivateHub;
  /** the second pod of every service */
  let other: PrivateHub;

  const population = () => hub.info.subgraphUrls.population.replace(/\/graphql$/, '');
  const onPrimary = (sql: string, params: unknown[] = []) =>
    adminQuery(primaryDir, primaryPort, 'population', sql, params);
  const onReplica = (sql: string, params: unknown[] = []) =>
    adminQuery(primaryDir, replica.port, 'population', sql, params);
  const nameOf = async (caller: typeof reader, id: string, via = hub) =>
    (await via.ask(caller, NAME, { id })).data?.resident?.name as string;
  const replicaState = async (): Promise<ReplicaState> => {
    const body = (await (await fetch(`${population()}/health`)).json()) as { replicas: ReplicaState[] };
    return body.replicas[0];
  };
  /** reads population's subgraph sent to the replica */
  const replicaReads = async () => {
    const text = await (await fetch(`${population()}/metrics`)).text();
    return Number(/^hub_db_replica_reads_total\{replica="replica-1"\} (\d+)$/m.exec(text)?.[1] ?? 0);
  };
  /** waits (bounded) until the subgraph's probe reports the replica as `wanted` says */
  const until = async (wanted: (state: ReplicaState) => boolean) => {
    let state = await replicaState();
    for (let i = 0; i < 300 && !wanted(state); i++) {
      await new Promise((r) => setTimeout(r, 100));
      state = await replicaState();
    }
    expect(wanted(state) ? 'as wanted' : state).toBe('as wanted');
    return state;
  };

  beforeAll(async () => {
    const [pgPort, replicaPort] = await freePorts(2);
    primaryPort = pgPort;
    cluster = await startClusterProcess(primaryDir, primaryPort);
    replica = await startStreamingReplica(
      { dataDir: primaryDir, port: primaryPort },
      join(dir, 'replica'),
      replicaPort,
    );
    const env: NodeJS.ProcessEnv = {
      GATEWAY_DATABASE_URL: cluster.gatewayUrl,
      DATABASE_REPLICA_URLS_POPULATION: replica.urlOf(cluster.urls.population),
      HUB_REPLICA_PROBE_MS: '100',
      HUB_REPLICA_MAX_LAG_BYTES: String(1024 * 1024),
      HUB_REPLICA_MAX_LAG_MS: String(3_600_000),
    };
    for (const name of DEPARTMENTS) {
      env[departmentInfo(name).databaseUrlEnv] = cluster.urls[name];
      env[departmentInfo(name).ownerUrlEnv] = cluster.ownerUrls[name];
    }
    hub = await startPrivateHub({ dir, residents: RESIDENTS, districtId: district.id, env });
    other = await startPrivateHub({ dir, residents: RESIDENTS, districtId: district.id, env, second: true });
  }, 300_000);
  afterAll(async () => {
    await other?.stop();
    await hub?.stop();
    await replica?.stop();
    await cluster?.stop();
  });

  it('serves a reader from the replica while it is caught up', async () => {
    await until((s) => s.inRotation && s.lagBytes === 0);
    // the warm-up: from this answer each gateway knows that population reads replicas
    await Promise.all([nameOf(reader, first.id), nameOf(reader, first.id, other)]);
    const before = await replicaReads();
    expect(await nameOf(reader, first.id)).toBe(first.name);
    expect(await replicaReads()).toBeGreaterThan(before);
  });

  it('keeps serving a replica that lags within the bound: a change on the primary is not in its answers yet', async () => {
    await onReplica('select pg_wal_replay_pause()');
    await onPrimary(`update resident set name = '副本测试' where id = $1`, [first.id]);
    await until((s) => s.inRotation && (s.lagBytes ?? 0) > 0);
    expect(await nameOf(reader, first.id)).toBe(first.name);
  });

  it('writes on the primary, and the writer reads its own write there while another reader still gets the replica', async () => {
    const renamed = await hub.ask(writer, RENAME, { id: second.id, name: '写后读' });
    expect(renamed).toEqual({ status: 200, data: { updateResident: { name: '写后读' } } });
    expect([
      await onPrimary('select name from resident where id = $1', [second.id]),
      await onReplica('select name from resident where id = $1', [second.id]),
    ]).toEqual([[{ name: '写后读' }], [{ name: second.name }]]);
    expect(await replicaState()).toMatchObject({ inRotation: true });
    expect([await nameOf(writer, second.id), await nameOf(reader, second.id)]).toEqual(['写后读', second.name]);
  });

  it('keeps a writer on the primary through another gateway and another process of population (across pods)', async () => {
    const renamed = await hub.ask(podWriter, RENAME, { id: third.id, name: '跨实例' });
    expect(renamed).toEqual({ status: 200, data: { updateResident: { name: '跨实例' } } });
    expect(await onReplica('select name from resident where id = $1', [third.id])).toEqual([{ name: third.name }]);
    // neither the other gateway nor the other process of population saw the write: the gateways' database tells them
    expect([await nameOf(podWriter, third.id, other), await nameOf(reader, third.id, other)]).toEqual([
      '跨实例',
      third.name,
    ]);
  });

  it('takes a replica out of rotation once it falls further behind than the bound: every read is the primary’s', async () => {
    // ~3 MB of WAL the paused replica does not replay
    await onPrimary(
      `create table replica_test_ballast as select g, repeat('x', 1000) as filler from generate_series(1, 3000) g`,
    );
    const state = await until((s) => !s.inRotation);
    expect(state.reason).toMatch(/^behind by .* bytes of WAL$/);
    const before = await replicaReads();
    expect([await nameOf(reader, first.id), await nameOf(reader, second.id)]).toEqual(['副本测试', '写后读']);
    expect(await replicaReads()).toBe(before);
  });

  it('serves it again once it has replayed, the writer included', async () => {
    await onReplica('select pg_wal_replay_resume()');
    await until((s) => s.inRotation && s.lagBytes === 0);
    const before = await replicaReads();
    expect(await nameOf(reader, first.id)).toBe('副本测试');
    const afterReader = await replicaReads();
    expect(await nameOf(writer, second.id)).toBe('写后读');
    expect([afterReader > before, (await replicaReads()) > afterReader]).toEqual([true, true]);
  });
});
