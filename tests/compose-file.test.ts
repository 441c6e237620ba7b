import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { SECRET_ENV } from '../lib/auth/secrets';
import { DEPARTMENTS, GATEWAY_DEFAULT_PORT, GATEWAY_PORT_ENV, departmentInfo } from '../lib/departments';
import { districtId } from './support/callers';
import { hub } from './support/hub';
import { ROOT } from './support/launch';

interface ComposeService {
  image?: string;
  restart?: string;
  healthcheck?: { test: string[] };
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
}

const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};

describe('docker-compose.yml agrees with the code', () => {
  it.each(DEPARTMENTS)('%s has its own PostgreSQL, its own credentials and the port the code expects', (name) => {
    const info = departmentInfo(name);
    const db = compose.services[`pg-${name}`];
    expect(db.image).toMatch(/^postgres:/);
    // the image's superuser is the owner, which only the migration job holds
    expect(db.environment).toMatchObject({ POSTGRES_DB: info.database, POSTGRES_USER: info.ownerRole });

    const migrate = compose.services[`migrate-${name}`];
    expect(migrate.command).toEqual(['node', 'dist/scripts/migrate.js', name]);
    const owner = new URL(migrate.environment![info.ownerUrlEnv]);
    expect({ host: owner.hostname, user: owner.username, database: owner.pathname.slice(1) }).toEqual({
      host: `pg-${name}`,
      user: info.ownerRole,
      database: info.database,
    });
    expect(new URL(migrate.environment![info.databaseUrlEnv]).username).toBe(info.role);

    const subgraph = compose.services[name];
    expect(subgraph.command).toEqual(['node', `dist/subgraphs/${name}/main.js`]);
    const url = new URL(subgraph.environment![info.databaseUrlEnv]);
    expect({ host: url.hostname, user: url.username, database: url.pathname.slice(1) }).toEqual({
      host: `pg-${name}`,
      user: info.role,
      database: info.database,
    });
    // the subgraph's role is the application role, never the superuser that owns the database
    expect(url.username).not.toBe(db.environment!.POSTGRES_USER);
    expect(Object.keys(subgraph.environment!)).not.toContain(info.ownerUrlEnv);
    expect(subgraph.depends_on).toMatchObject({ [`migrate-${name}`]: { condition: 'service_completed_successfully' } });
    expect(subgraph.environment!.HUB_GATEWAY_URL).toBe(`http://gateway:${GATEWAY_DEFAULT_PORT}/graphql`);
    expect(subgraph.environment![info.portEnv]).toBe(String(info.port));
    expect(subgraph.ports).toEqual([`127.0.0.1:${info.port}:${info.port}`]);
    // no department is given another department's database
    const otherDatabases = Object.keys(subgraph.environment!).filter(
      (k) => k.startsWith('DATABASE_URL_') && k !== info.databaseUrlEnv,
    );
    expect(otherDatabases).toEqual([]);
    // a subgraph verifies the gateway's signature: it holds the public key, never the private one or the JWT secret
    expect(Object.keys(subgraph.environment!)).toContain(SECRET_ENV.gatewayPublicKey);
    expect(Object.keys(subgraph.environment!)).not.toEqual(expect.arrayContaining([SECRET_ENV.gatewayPrivateKey]));
    expect(Object.keys(subgraph.environment!)).not.toEqual(expect.arrayContaining([SECRET_ENV.jwtSecret]));
  });

  it('points the gateway at every subgraph on the port the code expects', () => {
    const gateway = compose.services.gateway;
    expect(gateway.command).toEqual(['node', 'dist/gateway/main.js']);
    expect(gateway.environment![GATEWAY_PORT_ENV]).toBe(String(GATEWAY_DEFAULT_PORT));
    for (const name of DEPARTMENTS) {
      const info = departmentInfo(name);
      expect(gateway.environment![info.urlEnv]).toBe(`http://${name}:${info.port}/graphql`);
    }
    expect(Object.keys(gateway.environment!).filter((k) => k.startsWith('DATABASE_URL_'))).toEqual([]);
    expect(Object.keys(gateway.environment!)).toEqual(expect.arrayContaining(Object.values(SECRET_ENV)));
  });
});

describe('docker compose up gives a usable hub', () => {
  const seed = compose.services.seed;

  it('has a one-off seed job that loads the demo district into empty databases as their owners, after every migration', () => {
    expect(seed.command).toEqual(['node', 'dist/scripts/seed.js', '--if-empty', '--residents', '5000']);
    expect(seed.depends_on).toEqual(
      Object.fromEntries(DEPARTMENTS.map((d) => [`migrate-${d}`, { condition: 'service_completed_successfully' }])),
    );
    const expected: Record<string, string> = {};
    for (const name of DEPARTMENTS) {
      const info = departmentInfo(name);
      // the same URLs the migration job holds: the owner loads, the application role is granted its rights again
      expected[info.ownerUrlEnv] = compose.services[`migrate-${name}`].environment![info.ownerUrlEnv];
      expected[info.databaseUrlEnv] = compose.services[name].environment![info.databaseUrlEnv];
    }
    // and nothing else: no key of the gateway's
    expect(seed.environment).toEqual(expected);
    expect(compose.services.gateway.depends_on).toMatchObject({
      seed: { condition: 'service_completed_successfully' },
    });
  });

  it('restarts a subgraph or the gateway that dies, and checks their health on the ports the code expects', () => {
    const probe = (service: ComposeService) => service.healthcheck!.test.join(' ').match(/fetch\('([^']+)'\)/)?.[1];
    for (const name of DEPARTMENTS) {
      expect(compose.services[name].restart).toBe('unless-stopped');
      expect(probe(compose.services[name])).toBe(`http://127.0.0.1:${departmentInfo(name).port}/health`);
    }
    expect(compose.services.gateway.restart).toBe('unless-stopped');
    expect(probe(compose.services.gateway)).toBe(`http://127.0.0.1:${GATEWAY_DEFAULT_PORT}/ready`);
  });

  it("publishes each department's PostgreSQL on its own port of this machine's loopback only", () => {
    const published = DEPARTMENTS.map((name) => compose.services[`pg-${name}`].ports);
    for (const ports of published) expect(ports).toEqual([expect.stringMatching(/^127\.0\.0\.1:\d+:5432$/)]);
    expect(new Set(published.map((p) => p![0])).size).toBe(DEPARTMENTS.length);
  });

  it("the seed job's command, run again over loaded databases, loads nothing and prints the district and its token command", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of DEPARTMENTS) {
      env[departmentInfo(name).databaseUrlEnv] = hub().databaseUrls[name];
      env[departmentInfo(name).ownerUrlEnv] = hub().ownerUrls[name];
    }
    const [, script, ...args] = seed.command!;
    const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, script), ...args], { env });
    expect(stdout).toContain('every department already holds data: nothing loaded (--if-empty)\n');
    expect(stdout).toContain(
      `district region id ${districtId()}; a token for it: npm run --silent token -- --department GRID --role GRID_LEADER --scope ${districtId()}\n`,
    );
  });
});
