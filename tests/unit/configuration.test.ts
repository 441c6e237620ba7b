import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { configurationDoc } from '../../lib/config/doc';
import { ROOT } from '../../lib/config/kinds';
import { readSettings, SettingsError, VARIABLES } from '../../lib/config/settings';

const refusal = (env: NodeJS.ProcessEnv) => {
  try {
    readSettings(env);
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    return (error as Error).message;
  }
  return 'accepted';
};

describe('the settings', () => {
  it('has a default for everything a hub on one machine needs, derived ones included', () => {
    const s = readSettings({});
    expect({
      host: s.HOST,
      gateway: s.GATEWAY_PORT,
      back: s.HUB_GATEWAY_URL,
      mode: s.HUB_MODE,
      pool: [s.DB_POOL_MAX, s.DB_POOL_ACQUIRE_TIMEOUT_MS],
      limits: [
        s.HUB_MAX_DEPTH,
        s.HUB_MAX_ALIASES,
        s.HUB_MAX_TOKENS,
        s.HUB_MAX_COST,
        s.HUB_MAX_PAGE_SIZE,
        s.HUB_MAX_PERSONAL_RECORDS,
        s.HUB_MAX_BODY_BYTES,
        s.HUB_SUBGRAPH_TIMEOUT_MS,
        s.HUB_REQUEST_TIMEOUT_MS,
      ],
      jwt: [s.HUB_JWT_ISSUER, s.HUB_JWT_AUDIENCE, s.HUB_JWT_ALGORITHMS],
      log: s.LOG_LEVEL,
      heap: [s.HUB_NODE_HEAP_MB, s.HUB_NODE_SEMI_SPACE_MB],
      ephemeral: s.HUB_EPHEMERAL,
      supergraph: s.SUPERGRAPH_PATH,
      data: s.HUB_DATA_DIR,
      grid: s.departments.grid,
      population: s.departments.population.port,
    }).toEqual({
      host: '127.0.0.1',
      gateway: 4000,
      back: 'http://127.0.0.1:4000/graphql',
      mode: undefined,
      pool: [10, 2000],
      limits: [12, 30, 20000, 50000, 100, 5000, 102400, 10000, 30000],
      jwt: ['grid-hub-dev', 'grid-hub', ['RS256']],
      log: 'info',
      heap: [256, 48],
      ephemeral: false,
      supergraph: join(ROOT, 'schema', 'supergraph.graphql'),
      data: join(ROOT, '.data'),
      grid: {
        port: 4004,
        subgraphUrl: 'http://127.0.0.1:4004/graphql',
        databaseUrl: undefined,
        ownerUrl: undefined,
        replicaUrls: [],
      },
      population: 4001,
    });
  });

  it('reads what is set, by type; an empty variable is unset', () => {
    const s = readSettings({
      GATEWAY_PORT: '5000',
      PORT_GRID: '6004',
      HUB_SEED_RESIDENTS: '1_000_000',
      HUB_EPHEMERAL: '1',
      HUB_TRUST_PROXY: '2',
      HUB_JWT_ALGORITHMS: 'RS256, ES256',
      DATABASE_URL_GRID: 'postgres://grid@db/grid',
      DATABASE_OWNER_URL_GRID: '',
      DATABASE_REPLICA_URLS_GRID: 'postgres://grid@replica-a/grid, postgresql://grid@replica-b/grid',
      HUB_MODE: 'development',
      DB_POOL_MAX: '',
    });
    expect([
      s.GATEWAY_PORT,
      s.HUB_GATEWAY_URL,
      s.departments.grid,
      s.HUB_SEED_RESIDENTS,
      s.HUB_EPHEMERAL,
      s.HUB_TRUST_PROXY,
      s.HUB_JWT_ALGORITHMS,
      s.HUB_MODE,
      s.DB_POOL_MAX,
    ]).toEqual([
      5000,
      'http://127.0.0.1:5000/graphql',
      {
        port: 6004,
        subgraphUrl: 'http://127.0.0.1:6004/graphql',
        databaseUrl: 'postgres://grid@db/grid',
        ownerUrl: undefined,
        replicaUrls: ['postgres://grid@replica-a/grid', 'postgresql://grid@replica-b/grid'],
      },
      1_000_000,
      true,
      2,
      ['RS256', 'ES256'],
      'development',
      10,
    ]);
    expect(readSettings({ HUB_TRUST_PROXY: 'loopback, 10.0.0.0/8' }).HUB_TRUST_PROXY).toBe('loopback, 10.0.0.0/8');
  });

  it('refuses bad values with one message naming each variable and what it must be, without repeating a URL', () => {
    expect([
      refusal({ HUB_MAX_DEPTH: 'deep' }),
      refusal({ DB_POOL_ACQUIRE_TIMEOUT_MS: '0', PORT_CIVIL_AFFAIRS: '70000', HUB_MODE: 'dev' }),
      refusal({ HUB_JWT_JWKS_URL: 'ftp://user:secret@idp/keys', HUB_EPHEMERAL: 'yes' }),
      refusal({ HUB_STATS_MIN_CELL: '2.5', LOG_LEVEL: 'loud' }),
      refusal({ DATABASE_REPLICA_URLS_GRID: 'postgres://grid:secret@a/grid,replica-b' }),
    ]).toEqual([
      'bad settings: HUB_MAX_DEPTH must be a whole number of at least 1, not "deep" (docs/configuration.md)',
      'bad settings: HUB_MODE must be one of development, production, not "dev"; DB_POOL_ACQUIRE_TIMEOUT_MS must be a whole number of at least 1, not "0"; PORT_CIVIL_AFFAIRS must be a port from 1 to 65535, not "70000" (docs/configuration.md)',
      'bad settings: HUB_JWT_JWKS_URL must be a http or https URL; HUB_EPHEMERAL must be 1 or 0 (true or false), not "yes" (docs/configuration.md)',
      'bad settings: HUB_STATS_MIN_CELL must be a whole number of at least 1, not "2.5"; LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, not "loud" (docs/configuration.md)',
      'bad settings: DATABASE_REPLICA_URLS_GRID must be comma-separated postgres:// URLs (docs/configuration.md)',
    ]);
  });

  it('declares each department’s variables once, for every department', () => {
    const perDepartment = [...VARIABLES.keys()].filter((name) =>
      /_(POPULATION|CIVIL_AFFAIRS|PUBLIC_SECURITY|GRID)$/.test(name),
    );
    expect(perDepartment).toEqual(
      ['POPULATION', 'CIVIL_AFFAIRS', 'PUBLIC_SECURITY', 'GRID'].flatMap((d) => [
        `PORT_${d}`,
        `SUBGRAPH_URL_${d}`,
        `DATABASE_URL_${d}`,
        `DATABASE_OWNER_URL_${d}`,
        `DATABASE_REPLICA_URLS_${d}`,
      ]),
    );
  });
});

describe('docs/configuration.md', () => {
  it('is what the declarations write (run `npm run settings:doc` after changing one)', () => {
    expect(readFileSync(join(ROOT, 'docs', 'configuration.md'), 'utf8')).toBe(configurationDoc());
  });

  it('names every variable the hub reads', () => {
    const doc = configurationDoc();
    expect([...VARIABLES.keys()].filter((name) => !doc.includes(`\`${name}\``))).toEqual([]);
  });
});

describe('the code', () => {
  /** Product sources: everything but the tests, the bench's own hand-offs and lib/config itself. */
  const sources = (dir: string): string[] =>
    readdirSync(join(ROOT, dir)).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(join(ROOT, path)).isDirectory()) return path === 'lib/config' ? [] : sources(path);
      return path.endsWith('.ts') ? [path] : [];
    });

  it('reads no environment variable but through lib/config', () => {
    const reads = ['lib', 'gateway', 'pages', 'runner', 'subgraphs', 'scripts'].flatMap(sources).flatMap((file) =>
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          /process\.env(\.[A-Z]|\[)|\benv\??\.[A-Z][A-Z0-9_]+\b|\benv\[/.test(line)
            ? [`${file}:${i + 1}: ${line.trim()}`]
            : [],
        ),
    );
    expect(reads).toEqual([]);
  });
});
