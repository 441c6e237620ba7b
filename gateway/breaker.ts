import CircuitBreaker from 'opossum';
import { Counter, Gauge } from 'prom-client';
import { registry } from '../lib/metrics';
import { DepartmentUnreachable, outageReason } from './department-down';

export type BreakerState = 'closed' | 'open';

export interface BreakerSettings {
  /** outages in a row that open a department's breaker */
  failures: number;
  /** how often each department is probed */
  probeMs: number;
}

/**
 * One probe of a department: `live` (the process answers; no SQL, so the statement counts the N+1 tests read stay
 * still) while its breaker is closed, `health` (it and its database answer) while open. Resolves to the reason it
 * failed, or undefined when it answered.
 */
export type Probe = (department: string, kind: 'live' | 'health') => Promise<string | undefined>;

const breakerState = new Gauge({
  name: 'hub_department_breaker_state',
  help: 'The gateway circuit breaker of each department: 0 closed (asked), 1 open (its fields fail at once)',
  labelNames: ['department'],
  registers: [registry],
});
const breakerOpenings = new Counter({
  name: 'hub_department_breaker_openings_total',
  help: 'Times a department breaker opened, by cause: outages in a row, or a failed probe',
  labelNames: ['department', 'cause'],
  registers: [registry],
});
const breakerRejections = new Counter({
  name: 'hub_department_breaker_rejections_total',
  help: 'Requests to a department failed at once, without asking it, because its breaker was open',
  labelNames: ['department'],
  registers: [registry],
});

/** A department's answer that is an outage (502–504): a failure for the breaker, handed on to the caller as it came. */
class OutageAnswer extends DepartmentUnreachable {
  constructor(
    readonly response: Response,
    reason: string,
  ) {
    super(reason);
  }
}

/** Why a 502–504 answer failed, in the words the data source would use (a subgraph names its database itself). */
async function answerOutage(response: Response): Promise<string | undefined> {
  if (response.status < 502 || response.status > 504) return undefined;
  const body = await response
    .clone()
    .json()
    .catch(() => undefined);
  return outageReason({ extensions: { response: { status: response.status, body } } });
}

/** What a request failed at once is told: the last outage seen, and that the department is not asked meanwhile. */
export const openReason = (last: string) => `${last}; not asked again until its health probe passes`;

interface Entry {
  breaker: CircuitBreaker<[() => Promise<Response>], Response>;
  failuresInARow: number;
  lastReason: string;
  probing: boolean;
  /** moves on each change of state: a probe that ran across a change has nothing to say about the new state */
  generation: number;
}

/**
 * A circuit breaker per department (opossum): after `failures` outages in a row, or a probe without an answer, the
 * department's fields fail at once with DEPARTMENT_UNAVAILABLE instead of each request waiting for the time-out; in
 * the background its /health is probed and the breaker closes when it passes. Opossum's own half-open trial (one real
 * request let through) is not used: against a hung department that request would wait the full time-out.
 */
export class DepartmentBreakers {
  private readonly entries = new Map<string, Entry>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    departments: readonly string[],
    private readonly settings: BreakerSettings,
    private readonly probe: Probe,
    private readonly log: (line: string) => void = (line) => console.log(line),
  ) {
    for (const department of departments) this.entries.set(department, this.create(department));
    this.timer = setInterval(() => void this.probeAll(), settings.probeMs);
    this.timer.unref();
  }

  private create(department: string): Entry {
    const breaker = new CircuitBreaker(
      async (call: () => Promise<Response>) => {
        const response = await call();
        const reason = await answerOutage(response);
        if (reason) throw new OutageAnswer(response, reason);
        return response;
      },
      {
        timeout: false, // the fetch has its own time-out (HUB_SUBGRAPH_TIMEOUT_MS)
        errorThresholdPercentage: 100, // never reached (it must be exceeded): opening is counted in a row, below
        resetTimeout: 2 ** 31 - 1, // no half-open trial: the probe closes it
        enableSnapshots: false,
        // anything but an outage is an answer (a refusal, a bad request): it does not count against the department
        errorFilter: (error: unknown) => outageReason(error) === undefined,
      },
    );
    const entry: Entry = { breaker, failuresInARow: 0, lastReason: 'unknown', probing: false, generation: 0 };
    breaker.on('success', () => void (entry.failuresInARow = 0));
    breaker.on('failure', (error: unknown) => {
      entry.lastReason = outageReason(error) ?? entry.lastReason;
      if (++entry.failuresInARow >= this.settings.failures) this.trip(department, 'failures');
    });
    breaker.on('reject', () => breakerRejections.inc({ department }));
    breaker.on('open', () => {
      entry.generation++;
      breakerState.set({ department }, 1);
    });
    breaker.on('close', () => {
      entry.generation++;
      breakerState.set({ department }, 0);
    });
    breakerState.set({ department }, 0);
    breakerRejections.inc({ department }, 0);
    return entry;
  }

  private entry(department: string): Entry {
    const entry = this.entries.get(department);
    if (!entry) throw new Error(`no breaker for ${department}`);
    return entry;
  }

  private trip(department: string, cause: 'failures' | 'probe'): void {
    const entry = this.entry(department);
    if (entry.breaker.opened) return;
    entry.breaker.open();
    breakerOpenings.inc({ department, cause });
    const why = cause === 'failures' ? `${entry.failuresInARow} outages in a row` : 'its probe failed';
    this.log(`[gateway] ${department}: breaker open (${why}: ${entry.lastReason}); its fields fail at once meanwhile`);
  }

  private close(department: string): void {
    const entry = this.entry(department);
    entry.failuresInARow = 0;
    if (!entry.breaker.opened) return;
    entry.breaker.close();
    this.log(`[gateway] ${department}: breaker closed (its health probe passed); it is asked again`);
  }

  state(department: string): BreakerState {
    return this.entry(department).breaker.opened ? 'open' : 'closed';
  }

  /** What a probe found (the background one, or /health's): a failure opens the breaker, an answer closes it. */
  record(department: string, failure: string | undefined): void {
    if (failure === undefined) {
      this.close(department);
      return;
    }
    this.entry(department).lastReason = failure;
    this.trip(department, 'probe');
  }

  /** Probes each department not already being probed: its /live while closed, its /health while open. */
  async probeAll(): Promise<void> {
    await Promise.all(
      [...this.entries].map(async ([department, entry]) => {
        if (entry.probing) return;
        entry.probing = true;
        try {
          const kind = entry.breaker.opened ? 'health' : 'live';
          const generation = entry.generation;
          const failure = await this.probe(department, kind);
          if (generation !== entry.generation) return;
          // a /live answer says only that the process answers: it never closes a breaker that /health opened
          if (failure !== undefined || kind === 'health') this.record(department, failure);
        } finally {
          entry.probing = false;
        }
      }),
    );
  }

  /** Sends one request through the department's breaker: while it is open, a DepartmentUnreachable at once. */
  async send(department: string, call: () => Promise<Response>): Promise<Response> {
    const entry = this.entry(department);
    try {
      return await entry.breaker.fire(call);
    } catch (error) {
      if (error instanceof OutageAnswer) return error.response;
      if ((error as { code?: string })?.code === 'EOPENBREAKER')
        throw new DepartmentUnreachable(openReason(entry.lastReason));
      throw error;
    }
  }

  /** A fetch for one department that goes through its breaker. */
  guard(department: string, send: typeof fetch): typeof fetch {
    return (input, init) => this.send(department, () => send(input, init));
  }

  stop(): void {
    clearInterval(this.timer);
    for (const { breaker } of this.entries.values()) breaker.shutdown();
  }
}
