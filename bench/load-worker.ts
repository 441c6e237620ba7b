/**
 * The bench's load generator, a process of its own (bench/run.ts forks it) so the load never shares a CPU queue with
 * the code that orchestrates the run. It takes jobs over IPC and answers with the latencies of each:
 * - `http`: autocannon POSTing one body after another (varied ids) at a fixed number of connections;
 * - `fetch`: the same request with Node's fetch, the reference for `direct-360` (the same client doing the plan's work);
 * - `direct-360`: Resident 360 fetched straight from the subgraphs in the order of the gateway's query plan;
 * - `sql`: one SQL statement per request over a pool of `concurrency` connections (the monolith);
 * - `soak`: the write soak's mix of people reading and writing, with bursts and availability probes (bench/soak.ts).
 * Every run is bounded in time and in count, and only 127.0.0.1 is ever a target.
 */
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { Pool } from 'pg';
import { type SigningMaterial, signerFor } from './auth';
import { DIRECT_360 } from './queries';
import { runSoak, type SoakRun } from './soak';
import type { SoakPlan } from './soak-plan';
import { Latencies, type RunStats } from './stats';

export interface LoadLimits {
  concurrency: number;
  seconds: number;
  maxRequests: number;
}

type HttpJob = LoadLimits & { kind: 'http' | 'fetch'; url: string; headers: Record<string, string>; bodies: string[] };
type DirectJob = LoadLimits & {
  kind: 'direct-360';
  subgraphUrls: Record<string, string>;
  signing: SigningMaterial;
  ids: string[];
};
type SqlJob = LoadLimits & { kind: 'sql'; url: string; sql: string; params: string[] };
/** requests sent together as one (each with its own caller), answered when all are: e.g. four departments' parts */
type TogetherJob = LoadLimits & {
  kind: 'fetch-together';
  requests: { url: string; headers: Record<string, string>; body: string }[];
};
export type LoadJob = HttpJob | DirectJob | SqlJob | TogetherJob;
export interface SoakJob {
  kind: 'soak';
  plan: SoakPlan;
}

/** a grid roster at concurrency 32 on two cores takes tens of seconds: time-outs well above that */
const REQUEST_TIMEOUT_S = 120;
/** the longest a run may go past its time while the answers in flight come in */
const GRACE_S = 120;

function onlyLoopback(url: string): void {
  const { hostname } = new URL(url.replace(/^postgres(ql)?:/, 'http:'));
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(hostname))
    throw new Error(`the bench only loads servers on this machine, not ${hostname}`);
}

const answered = (status: number, body: string) => status === 200 && !body.includes('"errors"');

/**
 * autocannon for `seconds`, then each connection sends nothing more once its request in flight is answered (autocannon
 * would drop those on stopping, leaving the servers busy with them and the slowest answers unrecorded). At most
 * GRACE_S past the time, whatever is still in flight is dropped.
 */
function autocannonRun(job: HttpJob, seconds: number): Promise<RunStats> {
  const latencies = new Latencies();
  let errors = 0;
  let next = 0;
  let lastGood = true;
  let overtime = false;
  const started = performance.now();
  let done!: (result: autocannon.Result) => void;
  let failed!: (error: unknown) => void;
  const finished = new Promise<autocannon.Result>((resolve, reject) => ((done = resolve), (failed = reject)));
  const instance = autocannon(
    {
      url: job.url,
      method: 'POST',
      connections: job.concurrency,
      duration: seconds + GRACE_S,
      maxOverallRequests: job.maxRequests,
      timeout: REQUEST_TIMEOUT_S,
      // autocannon notices a stop on its sampling tick: tick often, so a run ends when it is told to
      sampleInt: 100,
      headers: { 'content-type': 'application/json', ...job.headers },
      requests: [
        {
          setupRequest: (request) => ({ ...request, body: job.bodies[next++ % job.bodies.length] }),
          // called just before the 'response' event of the same request
          onResponse: (status, body) => (lastGood = answered(status, body)),
        },
      ],
    },
    (error, result) => (error ? failed(error) : done(result)),
  );
  instance.on('response', (client, _status, _bytes, ms) => {
    if (lastGood) latencies.add(ms);
    else errors++;
    // the connection's last request: autocannon ends the run when every connection is done
    if (overtime) Object.assign(client, { responseMax: (client as unknown as { reqsMade: number }).reqsMade });
  });
  const timer = setTimeout(() => (overtime = true), seconds * 1000);
  return finished.then((result) => {
    clearTimeout(timer);
    return latencies.stats(
      job.concurrency,
      errors + result.errors + result.timeouts,
      (performance.now() - started) / 1000,
    );
  });
}

/** `concurrency` loops issuing `once` until the time or the count is up. */
async function closedLoop(
  limits: LoadLimits,
  seconds: number,
  once: (n: number) => Promise<boolean>,
): Promise<RunStats> {
  const latencies = new Latencies();
  let errors = 0;
  let issued = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: limits.concurrency }, async () => {
      while (performance.now() < deadline && issued < limits.maxRequests) {
        const n = issued++;
        const t0 = performance.now();
        const ok = await once(n).catch(() => false);
        if (ok) latencies.add(performance.now() - t0);
        else errors++;
      }
    }),
  );
  return latencies.stats(limits.concurrency, errors, (performance.now() - started) / 1000);
}

interface GraphQLAnswer {
  data?: Record<string, any> | null;
  errors?: unknown[];
}

async function post(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; text: string }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_S * 1000),
  });
  return { status: res.status, text: await res.text() };
}

type Sign = Awaited<ReturnType<typeof signerFor>>;

/** One subgraph request, with the identity signed for that subgraph over that body (as our gateway does it). */
async function graphql(
  urls: Record<string, string>,
  subgraph: string,
  sign: Sign,
  query: string,
  variables: Record<string, unknown>,
): Promise<GraphQLAnswer> {
  const body = JSON.stringify({ query, variables });
  const { status, text } = await post(urls[subgraph], await sign(subgraph, body), body);
  const answer = JSON.parse(text) as GraphQLAnswer;
  return status === 200 && !answer.errors ? answer : { errors: answer.errors ?? [`HTTP ${status}`] };
}

/** One Resident 360 from the subgraphs: population, then civil affairs, public security and grid side by side. */
export async function direct360(
  urls: Record<string, string>,
  sign: Sign,
  id: string,
): Promise<Record<string, any> | null> {
  const first = await graphql(urls, 'population', sign, DIRECT_360.population, { id });
  const resident = first.data?.resident;
  if (!resident?.household?.building) return null;
  const { building } = resident.household;
  const representation = {
    __typename: 'Resident',
    id: resident.id,
    household: { building: { id: building.id, communityCode: building.communityCode } },
  };
  const [civil, police, grid] = await Promise.all([
    graphql(urls, 'civil-affairs', sign, DIRECT_360['civil-affairs'], { representations: [representation] }),
    graphql(urls, 'public-security', sign, DIRECT_360['public-security'], { representations: [representation] }),
    graphql(urls, 'grid', sign, DIRECT_360.grid, { representations: [{ __typename: 'Building', id: building.id }] }),
  ]);
  if (!civil.data || !police.data || !grid.data) return null;
  return {
    ...resident,
    household: {
      id: resident.household.id,
      building: { id: building.id, address: building.address, ...grid.data._entities[0] },
    },
    ...police.data._entities[0],
    ...civil.data._entities[0],
  };
}

async function measure(job: LoadJob, seconds: number): Promise<RunStats> {
  switch (job.kind) {
    case 'http':
      return autocannonRun(job, seconds);
    case 'fetch':
      return closedLoop(job, seconds, async (n) => {
        const { status, text } = await post(job.url, job.headers, job.bodies[n % job.bodies.length]);
        return answered(status, text);
      });
    case 'fetch-together':
      return closedLoop(job, seconds, async () => {
        const answers = await Promise.all(job.requests.map((r) => post(r.url, r.headers, r.body)));
        return answers.every(({ status, text }) => answered(status, text));
      });
    case 'direct-360': {
      const sign = await signerFor(job.signing);
      return closedLoop(
        job,
        seconds,
        async (n) => (await direct360(job.subgraphUrls, sign, job.ids[n % job.ids.length])) !== null,
      );
    }
    case 'sql': {
      const pool = new Pool({ connectionString: job.url, max: job.concurrency });
      try {
        return await closedLoop(
          job,
          seconds,
          async (n) => (await pool.query(job.sql, [job.params[n % job.params.length]])).rowCount === 1,
        );
      } finally {
        await pool.end();
      }
    }
  }
}

export async function runJob(job: LoadJob | SoakJob): Promise<RunStats | SoakRun> {
  if (job.kind === 'soak') {
    for (const url of [job.plan.gatewayUrl, ...Object.values(job.plan.healthUrls)]) onlyLoopback(url);
    return runSoak(job.plan);
  }
  const urls =
    job.kind === 'direct-360'
      ? Object.values(job.subgraphUrls)
      : job.kind === 'fetch-together'
        ? job.requests.map((r) => r.url)
        : [job.url];
  for (const url of urls) onlyLoopback(url);
  return measure(job, job.seconds);
}

if (require.main === module && process.send) {
  process.on('message', (message: { id: number; job: LoadJob | SoakJob }) => {
    runJob(message.job).then(
      (stats) => process.send!({ id: message.id, stats }),
      (error: unknown) =>
        process.send!({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
    );
  });
  // the bench is gone: so is its load
  process.on('disconnect', () => process.exit(0));
}
