import { type DepartmentInfo, GATEWAY_DEFAULT_PORT } from '../departments';
import { MAX_PAGE_SIZE } from './page-size';
import {
  connection,
  connections,
  flag,
  integer,
  list,
  oneOf,
  path,
  port,
  type Setting,
  text,
  timeZone,
  trustProxy,
  url,
} from './kinds';

/**
 * Every setting of the hub, declared once: its variable, type, default and meaning. docs/configuration.md is written
 * from these (npm run settings:doc), in this order, one table per group.
 */
export const GROUPS = {
  network: 'Where the parts listen and find each other',
  databases: 'Databases',
  keys: 'Keys and tokens',
  limits: 'Limits at the gateway',
  operations: 'Logs, traces and processes',
  calendar: 'Calendar: the district’s time zone and working days',
  runner: '`npm start`, `npm run seed` and the test hub',
} as const;
export type Group = keyof typeof GROUPS;

const HTTP = ['http', 'https'] as const;

export const DECLARED = {
  HOST: {
    group: 'network',
    ...text('127.0.0.1', {
      description: 'interface the gateway and the subgraphs listen on (`0.0.0.0` in containers)',
    }),
  },
  GATEWAY_PORT: { group: 'network', ...port(GATEWAY_DEFAULT_PORT, { description: 'gateway port' }) },
  HUB_GATEWAY_URL: {
    group: 'network',
    ...url(HTTP, {
      default: '`http://127.0.0.1:<GATEWAY_PORT>/graphql`',
      description: 'where a subgraph asks the graph back (Security, "Asking back")',
    }),
  },
  SUPERGRAPH_PATH: {
    group: 'network',
    ...path('schema/supergraph.graphql', {
      description: 'the composed supergraph the gateway serves (`npm run compose` writes it)',
    }),
  },
  HUB_TRUSTED_DOCUMENTS: {
    group: 'network',
    ...path('gateway/trusted-documents.json', { description: 'registered operations of departmental systems' }),
  },
  HUB_TRUST_PROXY: {
    group: 'network',
    ...trustProxy({
      description:
        'Express `trust proxy` at the gateway (e.g. `1`, or the load balancer’s addresses), so the client address comes from `X-Forwarded-For`',
    }),
  },
  HUB_MODE: {
    group: 'network',
    ...oneOf(['development', 'production'], undefined, {
      default: '`development` under `npm start`, else `production`',
      description:
        '`development` turns on introspection, GraphiQL at `/graphiql/`, the dashboard’s development login, suggestions ("Did you mean …") and anonymous persisted queries at the gateway',
    }),
  },

  DB_POOL_MAX: { group: 'databases', ...integer(10, 1, { description: 'connections in each subgraph’s pool' }) },
  GATEWAY_DATABASE_URL: {
    group: 'databases',
    ...connection({
      default:
        'the embedded cluster’s `hub_gateway` database under `npm start`; unset: this process’s memory (one gateway only)',
      description:
        'the gateway’s own PostgreSQL: capabilities used once and public lookups counted across every gateway replica (docs/capabilities.md)',
    }),
  },
  HUB_REPLICA_MAX_LAG_MS: {
    group: 'databases',
    ...integer(5000, 0, {
      description:
        'how stale a read replica may be (time since the primary was where its replay is) before its subgraph stops reading from it (docs/operations.md)',
    }),
  },
  HUB_REPLICA_MAX_LAG_BYTES: {
    group: 'databases',
    ...integer(16 * 1024 * 1024, 0, {
      description:
        'how far (WAL bytes) a read replica’s replay may be behind its primary before it is taken out of rotation',
    }),
  },
  HUB_REPLICA_PROBE_MS: {
    group: 'databases',
    ...integer(1000, 50, {
      description:
        'how often a subgraph with read replicas measures their lag (one query on the primary and on each replica)',
    }),
  },
  AUDIT_RETENTION_MONTHS: {
    group: 'databases',
    ...integer(36, 6, {
      description:
        'months of audit log each department keeps in its `audit_log`; older monthly partitions are detached (not deleted) by the owner role when migrations run (the Cybersecurity Law asks for at least 6; docs/security.md#audit-log)',
    }),
  },
  AUDIT_PARTITIONS_AHEAD_MONTHS: {
    group: 'databases',
    ...integer(2, 1, {
      description:
        'months of `audit_log` partitions each subgraph makes ahead of the current one, at start and daily (at most 12)',
    }),
  },
  DB_POOL_ACQUIRE_TIMEOUT_MS: {
    group: 'databases',
    ...integer(2000, 1, {
      description: 'how long a request waits for a pooled connection before it is refused as OVERLOADED',
    }),
  },

  HUB_JWT_SECRET: {
    group: 'keys',
    ...text(undefined, {
      default: 'made once in `.data/secrets.json`',
      description: 'HS256 secret of user tokens (the embedded default)',
    }),
  },
  HUB_JWT_JWKS_URL: {
    group: 'keys',
    ...url(HTTP, {
      description:
        'verify tokens of the city’s identity provider (RS256/ES256) with its JWKS instead of HUB_JWT_SECRET',
    }),
  },
  HUB_JWT_ALGORITHMS: {
    group: 'keys',
    ...list(['RS256'], { description: 'algorithms accepted with HUB_JWT_JWKS_URL' }),
  },
  HUB_JWT_ISSUER: {
    group: 'keys',
    ...text('grid-hub-dev', { description: 'the `iss` user tokens must carry (and `npm run token` writes)' }),
  },
  HUB_JWT_AUDIENCE: {
    group: 'keys',
    ...text('grid-hub', { description: 'the `aud` user tokens must carry (and `npm run token` writes)' }),
  },
  HUB_GATEWAY_PRIVATE_KEY: {
    group: 'keys',
    ...text(undefined, {
      default: 'made once in `.data/secrets.json`',
      description: 'Ed25519 JWK the gateway signs the identity it forwards with (the gateway only)',
    }),
  },
  HUB_GATEWAY_PUBLIC_KEY: {
    group: 'keys',
    ...text(undefined, {
      default: 'made once in `.data/secrets.json`',
      description: 'its public half, which the subgraphs verify with',
    }),
  },
  HUB_BINDING_KEY: {
    group: 'keys',
    ...text(undefined, {
      default: 'derived by `npm start` for each subgraph',
      description:
        'the key that binds a forwarded identity to one request to this subgraph (`npm run keys` prints `HUB_BINDING_KEY_<DEPARTMENT>`)',
    }),
  },

  HUB_MAX_DEPTH: { group: 'limits', ...integer(12, 1, { description: 'depth of an operation' }) },
  HUB_MAX_ALIASES: { group: 'limits', ...integer(30, 1, { description: 'aliases in an operation' }) },
  HUB_MAX_TOKENS: { group: 'limits', ...integer(20_000, 1, { description: 'lexical tokens in one document' }) },
  HUB_MAX_COST: {
    group: 'limits',
    ...integer(50_000, 1, { description: 'estimated cost, weighted by page and list sizes' }),
  },
  HUB_MAX_PAGE_SIZE: {
    group: 'limits',
    ...integer(MAX_PAGE_SIZE, 1, { description: 'page size (`first`) of a list' }),
  },
  HUB_MAX_PERSONAL_RECORDS: {
    group: 'limits',
    ...integer(5_000, 1, {
      description:
        'residents, households, cases… one answer may hold, as estimated from page sizes and declared list sizes',
    }),
  },
  HUB_MAX_BODY_BYTES: { group: 'limits', ...integer(100 * 1024, 1, { description: 'size of a request body' }) },
  HUB_SUBGRAPH_TIMEOUT_MS: {
    group: 'limits',
    ...integer(10_000, 1, { description: 'time-out of one subgraph fetch' }),
  },
  HUB_REQUEST_TIMEOUT_MS: {
    group: 'limits',
    ...integer(30_000, 1, { description: 'time-out of a whole HTTP request' }),
  },
  HUB_BREAKER_FAILURES: {
    group: 'limits',
    ...integer(3, 1, {
      description:
        'outages in a row (no answer, refused, 502–504) after which the gateway stops asking a department and fails its fields at once',
    }),
  },
  HUB_BREAKER_PROBE_MS: {
    group: 'limits',
    ...integer(2_000, 100, {
      description:
        'how often the gateway probes each department in the background (`/live` while it answers, `/health` while its breaker is open)',
    }),
  },
  HUB_BREAKER_PROBE_TIMEOUT_MS: {
    group: 'limits',
    ...integer(2_000, 1, { description: 'time-out of one probe; a probe without an answer opens the breaker' }),
  },
  HUB_PUBLIC_LOOKUPS_PER_MINUTE: {
    group: 'limits',
    ...integer(20, 1, {
      description: 'tokenless public lookups (`serviceProgress`) per client address and minute, per gateway',
    }),
  },
  HUB_REFUSAL_FLOOR_MS: {
    group: 'limits',
    ...integer(40, 0, {
      description:
        'the gateway answers NOT_FOUND (a missing record, or one outside the caller’s scope) at a whole multiple of this after the request arrived (never sooner than it), so the two cannot be told apart by timing (0: off)',
    }),
  },
  HUB_STATS_MIN_CELL: {
    group: 'limits',
    ...integer(5, 1, {
      description:
        'k of the cell key method: counts from 1 to k−1 are never shown exactly to `ANALYTICS` identities, only as 0 or k (docs/disclosure-control.md)',
    }),
  },
  HUB_RECORD_KEY: {
    group: 'keys',
    ...text(undefined, {
      default: 'derived from the gateway’s private key by `npm start` and `npm run keys`',
      description: 'secret of the statistics’ record keys, the same in every department (docs/disclosure-control.md)',
    }),
  },

  HUB_ID_NUMBER_KEY: {
    group: 'keys',
    ...text(undefined, {
      default: 'derived from the gateway’s private key by `npm start` and `npm run keys`',
      description:
        'key of the ID numbers’ keyed hash (HMAC-SHA256), the gateway’s and population’s: a resident signs in by ID number (docs/resident-view.md#signing-in); changing it needs `update resident set id_number_hash = null` and a restart of population',
    }),
  },

  LOG_LEVEL: {
    group: 'operations',
    ...oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info', {
      description: 'level of each process’s JSON log (`debug` adds a line per subgraph request)',
    }),
  },
  HUB_SERVICE_NAME: {
    group: 'operations',
    ...text(undefined, {
      default: 'the entry script’s folder (`gateway`, `grid`…)',
      description: 'the `service` of every log line',
    }),
  },
  OTEL_EXPORTER_OTLP_ENDPOINT: {
    group: 'operations',
    ...url(HTTP, {
      description:
        'an OTLP/HTTP collector: every process then exports its traces there; with neither this nor the next one set, no tracing code is loaded. The SDK’s other `OTEL_*` settings apply (`OTEL_BSP_SCHEDULE_DELAY`, `OTEL_TRACES_SAMPLER`…)',
    }),
  },
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: {
    group: 'operations',
    ...url(HTTP, { description: 'the same, for traces only' }),
  },
  OTEL_SERVICE_NAME: {
    group: 'operations',
    ...text(undefined, { default: '`hub-<service>`', description: 'the service name on traces' }),
  },
  HUB_NODE_HEAP_MB: {
    group: 'operations',
    ...integer(256, 0, {
      description: 'old generation of each process’s heap under `npm start` (`--max-old-space-size`; 0: V8’s default)',
    }),
  },
  HUB_NODE_SEMI_SPACE_MB: {
    group: 'operations',
    ...integer(48, 0, {
      description:
        'each semi-space of the young generation of each process’s heap under `npm start` (`--max-semi-space-size`; 0: V8’s default, 16)',
    }),
  },
  HUB_CPU_PROFILE_DIR: {
    group: 'operations',
    ...path(undefined, { description: 'every process under `npm start` writes a V8 CPU profile there when it stops' }),
  },

  HUB_TIME_ZONE: {
    group: 'calendar',
    ...timeZone('Asia/Shanghai', {
      description:
        'the district’s time zone: every month, day, “today”, deadline, reminder and age is counted in it, and timestamps in answers carry its offset (lib/calendar)',
    }),
  },
  HUB_REVERIFY_DAYS: {
    group: 'calendar',
    ...integer(60, 1, {
      description:
        'days after which a resident whose facts nobody confirmed is due for re-verification (每两个月更新一次): `residentsDueForReverification` and the regionStats figure `dueForReverification` (docs/population-and-public-security.md)',
    }),
  },
  CORRECTION_DUE_WORKING_DAYS: {
    group: 'calendar',
    ...integer(15, 1, {
      description:
        'working days (工作日) a department has to decide a resident’s correction request (申请更正, PIPL art. 46), counted from the day after it is filed; a request is overdue from the day after (docs/resident-view.md)',
    }),
  },
  HUB_WORKING_CALENDAR: {
    group: 'calendar',
    ...path(undefined, {
      description:
        'a JSON file of more years of the State Council’s holiday schedule (`{"2028": {"holidays": [...], "workdays": [...]}}`), added to the years shipped in lib/calendar/holidays.ts (docs/grid.md, "Clocks")',
    }),
  },

  HUB_DATA_DIR: {
    group: 'runner',
    ...path('.data', { description: 'the embedded cluster’s folder, and the hub’s keys (`secrets.json`)' }),
  },
  EMBEDDED_PG_PORT: { group: 'runner', ...port(54329, { description: 'embedded PostgreSQL port' }) },
  HUB_SEED_RESIDENTS: {
    group: 'runner',
    ...integer(5000, 0, {
      description:
        'size of the demo district loaded into empty databases (0: none; `npm run seed` takes `--residents` first)',
    }),
  },
  HUB_EPHEMERAL: {
    group: 'runner',
    ...flag({ description: 'a throwaway embedded cluster, removed when the hub stops' }),
  },
  HUB_QUIET: {
    group: 'runner',
    ...flag({
      description: '`npm start` copies only the processes’ errors (stderr) to the terminal, not their other output',
    }),
  },
  HUB_READY_FILE: {
    group: 'runner',
    ...path(undefined, {
      description: 'when the hub is up, `npm start` writes its URLs there as JSON (the test harness waits for it)',
    }),
  },
  HUB_CHROMIUM: {
    group: 'runner',
    ...text('/usr/bin/chromium', { description: 'the browser the dashboard tests drive' }),
  },
} satisfies Record<string, Setting<unknown> & { group: Group }>;

/** A setting each department has once: its variable's name and default come from lib/departments.ts. */
export interface DepartmentSetting<T> {
  group: Group;
  variable: (info: DepartmentInfo) => string;
  setting: (info: DepartmentInfo) => Setting<T>;
}

export const PER_DEPARTMENT = {
  port: {
    group: 'network',
    variable: (i) => i.portEnv,
    setting: (i) => port(i.port, { description: 'the subgraph’s port' }),
  },
  subgraphUrl: {
    group: 'network',
    variable: (i) => i.urlEnv,
    setting: () =>
      url(HTTP, {
        default: '`http://127.0.0.1:<PORT_…>/graphql`',
        description: 'where the gateway finds the subgraph',
      }),
  },
  databaseUrl: {
    group: 'databases',
    variable: (i) => i.databaseUrlEnv,
    setting: () =>
      connection({
        default: 'the embedded cluster',
        description:
          'the department’s own PostgreSQL, as its application role: what its subgraph connects with. When one is set, `npm start` uses that server for that department (it runs migrations there and seeds it if empty)',
      }),
  },
  ownerUrl: {
    group: 'databases',
    variable: (i) => i.ownerUrlEnv,
    setting: () =>
      connection({
        default: 'the embedded cluster’s owner role; for an external database, its `DATABASE_URL_…`',
        description:
          'the owner role’s URL: migrations and bulk loads (`npm start`, `npm run seed`, `node dist/scripts/migrate.js <department>`); never given to a subgraph process started by `npm start`',
      }),
  },
  replicaUrls: {
    group: 'databases',
    variable: (i) => i.replicaUrlsEnv,
    setting: () =>
      connections({
        default: 'none: every read on the primary',
        description:
          'streaming read replicas of the department’s PostgreSQL, as its application role: its subgraph reads from those in rotation and writes on the primary (docs/operations.md, read replicas)',
      }),
  },
} satisfies Record<string, DepartmentSetting<unknown>>;
