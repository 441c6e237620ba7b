/**
 * The soak (issue 18): `clients` people working through the gateway at once for `seconds` — reading (Resident 360,
 * a grid's events, cohorts, regional figures) and writing (event reports and their workflow, visits, service
 * applications, tenancies, resident changes), each as the role that does it — with `burstSize` event reports sent at
 * the same moment every `burstEverySeconds`, while every department is read and its /health asked once a second.
 * It runs in the load process (bench/load-worker.ts), sends only to 127.0.0.1, and stops by itself: no client starts
 * a request after the time is up, and every request has a time-out. It answers latencies and errors by code per
 * operation, the availability samples, and what the hub acknowledged (ids), for bench/soak-count.ts to find in the
 * departments' databases.
 */
import { addDays, today } from '../lib/calendar';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { SoakGrid, SoakPlan } from './soak-plan';
import * as Q from './soak-queries';
import { Latencies } from './stats';

type Headers = Record<string, string>;

export interface OperationStats {
  operation: string;
  kind: 'read' | 'write';
  /** answered without an error */
  ok: number;
  p50: number;
  p95: number;
  p99: number;
  /** errors by extensions.code (or HTTP_<status>, CLIENT_TIMEOUT, NETWORK_ERROR when there was no GraphQL answer) */
  errors: Record<string, number>;
  /** CONFLICT answers to a change of an existing record that someone else changed first: expected, not counted as errors */
  expectedConflicts: number;
}

export interface Availability {
  department: string;
  samples: number;
  /** samples in which both the plain read through the gateway and /health answered */
  available: number;
  p95: number;
  /** what went wrong in the other samples, by code */
  failures: Record<string, number>;
}

/** What the hub said it saved: the ids of new records, and the count of changes. */
export interface Acknowledged {
  events: string[];
  visits: string[];
  applications: string[];
  tenancies: string[];
  endedTenancies: string[];
  transitions: number;
  /** updateResident answered, on the `editable` residents */
  residentUpdates: number;
}

/** A create the hub answered with an error, under its idempotency key (bench/soak-count.ts looks for it in the owner's database). */
export interface Refused {
  department: string;
  operation: string;
  key: string;
  code: string;
}

export interface SoakRun {
  seconds: number;
  clients: number;
  bursts: number;
  /** errors of the warm-up (every operation twice, one at a time, before the clock starts), by operation and code */
  warmUpErrors: Record<string, number>;
  /** each client's mix: operation and weight (% of its requests) */
  mix: { operation: string; weight: number }[];
  operations: OperationStats[];
  availability: Availability[];
  acknowledged: Acknowledged;
  refused: Refused[];
  editable: string[];
}

const REQUEST_TIMEOUT_S = 120;

interface Answer {
  ok: boolean;
  data?: Record<string, any>;
  code?: string;
}

async function ask(
  url: string,
  headers: Headers,
  query: string,
  variables: Record<string, unknown>,
  timeoutS = REQUEST_TIMEOUT_S,
): Promise<Answer> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutS * 1000),
    });
    const text = await res.text();
    let body: { data?: Record<string, any>; errors?: { extensions?: { code?: string } }[] };
    try {
      body = JSON.parse(text);
    } catch {
      return { ok: false, code: `HTTP_${res.status}` };
    }
    if (res.status === 200 && body.data && !body.errors?.length) return { ok: true, data: body.data };
    return { ok: false, data: body.data, code: body.errors?.[0]?.extensions?.code ?? `HTTP_${res.status}` };
  } catch (error) {
    return { ok: false, code: (error as Error).name === 'TimeoutError' ? 'CLIENT_TIMEOUT' : 'NETWORK_ERROR' };
  }
}

class Operation {
  readonly latencies = new Latencies();
  readonly errors: Record<string, number> = {};
  expectedConflicts = 0;
  constructor(
    readonly name: string,
    readonly kind: 'read' | 'write',
    readonly conflictExpected = false,
  ) {}

  record(answer: Answer, ms: number): void {
    if (answer.ok) this.latencies.add(ms);
    else if (answer.code === 'CONFLICT' && this.conflictExpected) this.expectedConflicts++;
    else this.errors[answer.code!] = (this.errors[answer.code!] ?? 0) + 1;
  }

  stats(): OperationStats {
    const { requests, p50, p95, p99 } = this.latencies.stats(1, 0, 1);
    return {
      operation: this.name,
      kind: this.kind,
      ok: requests,
      p50,
      p95,
      p99,
      errors: this.errors,
      expectedConflicts: this.expectedConflicts,
    };
  }
}

interface OpenEvent {
  id: string;
  version: number;
  status: string;
  gridId: string;
  /** a client is moving it: no two move one event at once (one desk, one worker per event) */
  busy: boolean;
}

/** The next step of an event along the closed loop (受理 → 立案 → 派遣 → 处置 → 反馈 → 核查 → 结案), and who takes it. */
const NEXT_STEP: Record<string, { action: string; by: 'dispatcher' | 'caseworker' | 'worker'; department?: string }> = {
  REPORTED: { action: 'REGISTER', by: 'dispatcher' },
  REGISTERED: { action: 'DISPATCH', by: 'dispatcher', department: 'CIVIL_AFFAIRS' },
  DISPATCHED: { action: 'ACCEPT', by: 'caseworker' },
  ACCEPTED: { action: 'START', by: 'caseworker' },
  IN_PROGRESS: { action: 'REPORT_BACK', by: 'caseworker' },
  RESOLVED: { action: 'VERIFY', by: 'worker' },
  VERIFIED: { action: 'CLOSE', by: 'dispatcher' },
};
const CATEGORIES = [
  'DISPUTE',
  'SAFETY_HAZARD',
  'ENVIRONMENT',
  'PUBLIC_OPINION',
  'SERVICE_REQUEST',
  'PROPERTY',
  'PUBLIC_ORDER',
];
const SERVICE_KINDS = ['MINIMUM_LIVING', 'MAJOR_ILLNESS_AID', 'TEMPORARY_AID', 'MEDICAL_INSURANCE'];
const VISIT_KINDS = ['ROUTINE', 'CARE', 'FOLLOW_UP', 'SAFETY_CHECK'];

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];
const yesterday = () => addDays(today(), -1);

/** The soak's shared state: what the clients have made so far, and what is still to be done with it. */
class Soak {
  readonly operations = new Map<string, Operation>();
  readonly acknowledged: Acknowledged = {
    events: [],
    visits: [],
    applications: [],
    tenancies: [],
    endedTenancies: [],
    transitions: 0,
    residentUpdates: 0,
  };
  readonly refused: Refused[] = [];
  private readonly events = new Map<string, OpenEvent>();
  private readonly movers: { rentalId: string; residentId: string }[];
  private readonly tenants: { tenancyId: string; pair: { rentalId: string; residentId: string } }[] = [];
  private readonly versions = new Map<string, number>();

  constructor(private readonly plan: SoakPlan) {
    this.movers = [...plan.tenancies];
  }

  private async call(
    name: string,
    kind: 'read' | 'write',
    headers: Headers,
    query: string,
    variables: Record<string, unknown>,
    conflictExpected = false,
  ): Promise<Answer> {
    const op =
      this.operations.get(name) ?? this.operations.set(name, new Operation(name, kind, conflictExpected)).get(name)!;
    const started = performance.now();
    const answer = await ask(this.plan.gatewayUrl, headers, query, variables);
    op.record(answer, performance.now() - started);
    return answer;
  }

  /** A create under a new idempotency key; when it answers an error, the key is kept to look for what it may have saved. */
  private async create(
    name: string,
    department: string,
    headers: Headers,
    query: string,
    input: Record<string, unknown>,
  ): Promise<Answer> {
    const key = randomUUID();
    const answer = await this.call(name, 'write', headers, query, { input: { idempotencyKey: key, ...input } });
    if (!answer.ok) this.refused.push({ department, operation: name, key, code: answer.code! });
    return answer;
  }

  private body(name: string, kind: 'read', headers: Headers, body: string): Promise<Answer> {
    const { query, variables } = JSON.parse(body) as { query: string; variables: Record<string, unknown> };
    return this.call(name, kind, headers, query, variables);
  }

  private opened(event: { id: string; version: number; status: string } | null | undefined, gridId: string): void {
    if (!event) return;
    this.acknowledged.events.push(event.id);
    this.events.set(event.id, { ...event, gridId, busy: false });
  }

  /** The mix: each entry's weight is its share of a client's requests (a transition with no event waiting reports one; a tenancy's end with none to end registers one). */
  readonly mix: [string, number, () => Promise<unknown>][] = [
    [
      'resident-360',
      22,
      () => this.body('resident-360', 'read', this.plan.headers.leader, pick(this.plan.resident360)),
    ],
    [
      'events of a grid',
      14,
      () =>
        this.call('events of a grid', 'read', this.plan.headers.leader, Q.EVENTS_OF_GRID, {
          regionId: pick(this.plan.grids).id,
        }),
    ],
    ['cohort', 4, () => this.body('cohort', 'read', this.plan.headers.leader, pick(this.plan.cohort))],
    [
      'regionStats',
      4,
      () =>
        this.call('regionStats', 'read', this.plan.headers.leader, Q.REGION_STATS, {
          regionId: pick(this.plan.statsRegions),
        }),
    ],
    ['reportEvent', 8, () => this.report(pick(this.plan.grids), 'reportEvent')],
    ['transitionEvent', 16, () => this.transition()],
    ['recordVisit (a quarter raise an event)', 8, () => this.visit()],
    [
      'recordVisit with four parts (一次采集: population, public security, civil affairs, grid)',
      4,
      () => this.visitCollecting(),
    ],
    ['submitServiceApplication', 6, () => this.apply()],
    ['registerTenancy', 5, () => this.registerTenancy()],
    ['endTenancy', 4, () => this.endTenancy()],
    ['updateResident (after the registrar’s form when its version is not known)', 7, () => this.updateResident()],
  ];

  async report(grid: SoakGrid, name: string, building = pick(grid.buildings)): Promise<void> {
    const input = {
      category: pick(CATEGORIES),
      title: '楼道堆放杂物',
      description: '单元楼道堆放纸箱，影响通行',
      buildingId: building,
    };
    const answer = await this.create(name, 'grid', this.plan.headers.workers[grid.id], Q.REPORT_EVENT, input);
    if (answer.ok) this.opened(answer.data!.reportEvent, grid.id);
  }

  /** An idle open event, moved one step by whoever's step it is; a report when none is waiting. */
  async transition(): Promise<void> {
    const idle = [...this.events.values()].filter((e) => !e.busy);
    if (!idle.length) return this.report(pick(this.plan.grids), 'reportEvent');
    const event = pick(idle);
    const reject = event.status === 'REPORTED' && Math.random() < 0.1;
    const step = reject ? { action: 'REJECT', by: 'dispatcher' as const } : NEXT_STEP[event.status];
    const headers = step.by === 'worker' ? this.plan.headers.workers[event.gridId] : this.plan.headers[step.by];
    const input = {
      id: event.id,
      version: event.version,
      action: step.action,
      ...(reject ? { comment: '重复上报' } : {}),
      ...('department' in step ? { department: step.department } : {}),
    };
    event.busy = true;
    const answer = await this.call('transitionEvent', 'write', headers, Q.TRANSITION_EVENT, { input }, true);
    event.busy = false;
    if (!answer.ok) return;
    this.acknowledged.transitions++;
    const moved = answer.data!.transitionEvent as { version: number; status: string };
    if (moved.status === 'CLOSED' || moved.status === 'REJECTED') this.events.delete(event.id);
    else Object.assign(event, { version: moved.version, status: moved.status });
  }

  async visit(): Promise<void> {
    const grid = pick(this.plan.grids);
    const household = pick(grid.households);
    const raise = Math.random() < 0.25;
    const input = {
      householdId: household.id,
      staffId: grid.workerStaffId,
      kind: pick(VISIT_KINDS),
      findings: raise ? '住户反映楼上漏水' : '一切正常',
      ...(household.residentId ? { residentId: household.residentId } : {}),
      ...(raise
        ? { raiseEvent: { category: 'PROPERTY', title: '楼上漏水', description: '卫生间顶部渗水，需物业查看' } }
        : {}),
    };
    const answer = await this.create('recordVisit', 'grid', this.plan.headers.workers[grid.id], Q.RECORD_VISIT, input);
    if (!answer.ok) return;
    this.acknowledged.visits.push(answer.data!.recordVisit.id);
    this.opened(answer.data!.recordVisit.event, grid.id);
  }

  /**
   * A visit that collects for every owner (issue 22): a member's phone for population (applied at once), a let room found
   * for public security (queued for the police), a 代办 application for civil affairs, and an event it raises (grid's own).
   * Compared with reportEvent, the single-department create of the mix.
   */
  async visitCollecting(): Promise<void> {
    const grid = pick(this.plan.grids);
    // not a resident the registrars keep changing: their versions are what the soak counts the registrars' updates by
    this.editable ??= new Set(this.plan.editable);
    const household = pick(grid.households.filter((h) => h.residentId && !this.editable!.has(h.residentId)));
    if (!household) return this.visit();
    const resident = household.residentId!;
    const input = {
      householdId: household.id,
      staffId: grid.workerStaffId,
      kind: 'ROUTINE',
      findings: '入户采集：电话变更，发现出租房，代办申请',
      raiseEvent: { category: 'PROPERTY', title: '楼道灯不亮', description: '三楼楼道灯损坏' },
      collected: {
        population: { facts: [{ residentId: resident, field: 'phone', value: `139${String(Date.now()).slice(-8)}` }] },
        publicSecurity: { rental: { room: `采集${this.rooms++}室`, landlordId: resident, note: '次卧出租' } },
        civilAffairs: {
          applications: [{ residentId: resident, kind: pick(SERVICE_KINDS), consent: { method: 'SIGNED_FORM' } }],
        },
      },
    };
    const answer = await this.create(
      'recordVisit with four parts',
      'grid',
      this.plan.headers.workers[grid.id],
      Q.RECORD_VISIT_COLLECTING,
      input,
    );
    if (!answer.ok) return;
    const visit = answer.data!.recordVisit as {
      id: string;
      event: { id: string; status: string; version: number };
      parts: { department: string; outcome: string; recordId: string | null }[];
    };
    this.acknowledged.visits.push(visit.id);
    this.opened(visit.event, grid.id);
    // the application civil affairs filed is a service application the soak acknowledged
    for (const p of visit.parts)
      if (p.department === 'CIVIL_AFFAIRS' && p.outcome === 'APPLIED' && p.recordId)
        this.acknowledged.applications.push(p.recordId);
  }

  private rooms = 0;
  private editable: Set<string> | undefined;

  async apply(): Promise<void> {
    const input = { residentId: pick(this.plan.applicants), kind: pick(SERVICE_KINDS), note: '社区代办' };
    const answer = await this.create(
      'submitServiceApplication',
      'civil-affairs',
      this.plan.headers.caseworker,
      Q.SUBMIT_APPLICATION,
      input,
    );
    if (answer.ok) this.acknowledged.applications.push(answer.data!.submitServiceApplication.id);
  }

  /** A resident of the rental's building moves in; one client holds the pair until the tenancy ends. */
  async registerTenancy(): Promise<void> {
    const pair = this.movers.shift();
    if (!pair) return this.endTenancy();
    const answer = await this.create(
      'registerTenancy',
      'public-security',
      this.plan.headers.officer,
      Q.REGISTER_TENANCY,
      { ...pair, movedInOn: yesterday() },
    );
    if (!answer.ok) return void this.movers.push(pair);
    const tenants = answer.data!.registerTenancy.tenants as {
      id: string;
      movedOutOn: string | null;
      resident: { id: string };
    }[];
    const tenancy = tenants.find((t) => t.resident.id === pair.residentId && !t.movedOutOn)!;
    this.acknowledged.tenancies.push(tenancy.id);
    this.tenants.push({ tenancyId: tenancy.id, pair });
  }

  async endTenancy(): Promise<void> {
    const tenant = this.tenants.shift();
    if (!tenant) return this.movers.length ? this.registerTenancy() : undefined;
    const answer = await this.call(
      'endTenancy',
      'write',
      this.plan.headers.officer,
      Q.END_TENANCY,
      { id: tenant.tenancyId, on: yesterday() },
      true,
    );
    if (!answer.ok) return;
    this.acknowledged.endedTenancies.push(tenant.tenancyId);
    this.movers.push(tenant.pair);
  }

  /** A registrar's change made against the version last seen; another registrar may have changed it first (CONFLICT). */
  async updateResident(): Promise<void> {
    const id = pick(this.plan.editable);
    if (!this.versions.has(id)) {
      const form = await this.call(
        'resident (registrar’s form)',
        'read',
        this.plan.headers.registrar,
        Q.RESIDENT_VERSION,
        { id },
      );
      if (!form.ok) return;
      this.versions.set(id, form.data!.resident.version);
    }
    const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const answer = await this.call(
      'updateResident',
      'write',
      this.plan.headers.registrar,
      Q.UPDATE_RESIDENT,
      { id, version: this.versions.get(id), input: { phone } },
      true,
    );
    if (answer.ok) {
      this.acknowledged.residentUpdates++;
      this.versions.set(id, answer.data!.updateResident.version);
    } else this.versions.delete(id);
  }

  /**
   * Every operation of the mix twice, one at a time, before the clock starts: the first requests of a fresh hub compile
   * code paths and plan queries. Their writes count as acknowledged; their latencies do not; their errors are kept.
   */
  async warmUp(): Promise<Record<string, number>> {
    for (const [, , run] of [...this.mix, ...this.mix]) await run();
    const errors: Record<string, number> = {};
    for (const op of this.operations.values())
      for (const [code, count] of Object.entries(op.errors)) errors[`${op.name}: ${code}`] = count;
    this.operations.clear();
    return errors;
  }

  /** One request of the mix, drawn by weight. */
  next(): Promise<unknown> {
    const total = this.mix.reduce((sum, [, w]) => sum + w, 0);
    let at = Math.random() * total;
    for (const [, weight, run] of this.mix) if ((at -= weight) < 0) return run();
    return this.mix[0][2]();
  }
}

/** Each department read through the gateway and its /health asked, once a second until `until`. */
async function sampleAvailability(plan: SoakPlan, until: number): Promise<Availability[]> {
  const variables = {
    population: { id: plan.probe.residentId },
    'public-security': { id: plan.probe.rentalId },
  } as Record<string, Record<string, unknown>>;
  const samples = new Map(
    Object.keys(plan.healthUrls).map((d) => [
      d,
      { latencies: new Latencies(), samples: 0, available: 0, failures: {} as Record<string, number> },
    ]),
  );
  const once = async (department: string) => {
    const probe = Q.PROBES[department as keyof typeof Q.PROBES];
    const s = samples.get(department)!;
    const started = performance.now();
    const [read, health] = await Promise.all([
      ask(plan.gatewayUrl, plan.headers[probe.as], probe.query, variables[department] ?? {}, plan.probeTimeoutSeconds),
      fetch(plan.healthUrls[department], { signal: AbortSignal.timeout(plan.probeTimeoutSeconds * 1000) }).then(
        (r) => r.status,
        () => 0,
      ),
    ]);
    s.samples++;
    if (read.ok && health === 200) {
      s.available++;
      s.latencies.add(performance.now() - started);
    } else {
      const code = read.ok ? `HEALTH_${health || 'NO_ANSWER'}` : read.code!;
      s.failures[code] = (s.failures[code] ?? 0) + 1;
    }
  };
  const inFlight: Promise<void>[] = [];
  while (performance.now() < until) {
    const tick = performance.now();
    for (const department of samples.keys()) inFlight.push(once(department));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 - (performance.now() - tick))));
  }
  await Promise.all(inFlight);
  return [...samples].map(([department, s]) => ({
    department,
    samples: s.samples,
    available: s.available,
    p95: s.latencies.stats(1, 0, 1).p95,
    failures: s.failures,
  }));
}

export async function runSoak(plan: SoakPlan): Promise<SoakRun> {
  const soak = new Soak(plan);
  const warmUpErrors = await soak.warmUp();
  await sampleAvailability(plan, performance.now() + 1); // one probe of each department, not counted
  const started = performance.now();
  const until = started + plan.seconds * 1000;
  const clients = Array.from({ length: plan.clients }, async () => {
    while (performance.now() < until) await soak.next();
  });
  // bursts at half an interval and every interval after it, so a short soak has one in its middle
  let bursts = 0;
  const burstsDone: Promise<unknown>[] = [];
  const burstTimers: NodeJS.Timeout[] = [];
  for (let at = plan.burstEverySeconds / 2; at < plan.seconds; at += plan.burstEverySeconds) {
    const grid = plan.grids[bursts++ % plan.grids.length];
    burstTimers.push(
      setTimeout(() => {
        burstsDone.push(
          Promise.all(
            Array.from({ length: plan.burstSize }, (_, i) =>
              soak.report(grid, 'reportEvent (burst)', grid.buildings[i % grid.buildings.length]),
            ),
          ),
        );
      }, at * 1000),
    );
  }
  const availability = await sampleAvailability(plan, until);
  await Promise.all(clients);
  burstTimers.forEach(clearTimeout);
  await Promise.all(burstsDone);
  const order = (o: OperationStats) => (o.kind === 'read' ? 0 : 1);
  return {
    seconds: Math.round((performance.now() - started) / 100) / 10,
    clients: plan.clients,
    bursts: burstsDone.length,
    warmUpErrors,
    mix: soak.mix.map(([operation, weight]) => ({ operation, weight })),
    operations: [...soak.operations.values()]
      .map((o) => o.stats())
      .sort((a, b) => order(a) - order(b) || a.operation.localeCompare(b.operation)),
    availability,
    acknowledged: soak.acknowledged,
    refused: soak.refused,
    editable: plan.editable,
  };
}
