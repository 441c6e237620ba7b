import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type Server } from 'node:net';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { launchHub, ROOT } from './support/launch';
import { freePorts } from './support/ports';
import { privateDir } from './support/private-hub';
import { existsSync, rmSync } from 'node:fs';

/**
 * `npm start` with a setting that cannot work stops with a message naming the department, the variable and the
 * cause, and never says "The hub is up". Each start here has the hub's ports of its own (launchHub) and loads no data.
 */
describe('npm start refuses a configuration that cannot work', () => {
  const dir = privateDir('hub-start-errors-');
  const servers: Server[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    rmSync(dir, { recursive: true, force: true });
  });

  /** Starts the hub with `env` and returns what it printed before it stopped (it must stop, and remove what it made). */
  async function failedStart(env: NodeJS.ProcessEnv): Promise<string> {
    const dataDir = join(dir, 'data');
    const started = launchHub({
      dataDir,
      seedResidents: 0,
      ephemeral: false,
      readyFile: join(dir, 'never.json'),
      env,
    });
    const error = await started.then(
      () => new Error('the hub started'),
      (e: Error) => e,
    );
    expect(error.message).toMatch(/^the hub exited with code 1:/);
    expect(error.message).not.toMatch(/The hub is up/);
    // the data folder was not there before this start: it is not left behind (keys, a fresh cluster of 39 MB)
    expect(existsSync(dataDir)).toBe(false);
    return error.message;
  }

  /** A port held by another program: an HTTP server that answers 200 to anything, or a socket that never answers. */
  async function heldPort(kind: 'http' | 'silent'): Promise<number> {
    const [port] = await freePorts(1);
    const server =
      kind === 'http' ? createHttpServer((_req, res) => res.end('{"status":"ok"}')) : createTcpServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    servers.push(server as Server);
    return port;
  }

  it("names the department, PORT_POPULATION and EADDRINUSE when another HTTP server holds population's port", async () => {
    const port = await heldPort('http');
    expect(await failedStart({ PORT_POPULATION: String(port) })).toContain(
      `the hub could not start: population: cannot listen on 127.0.0.1:${port} (PORT_POPULATION=${port}): EADDRINUSE: the port is already in use by another program`,
    );
  });

  it("names PORT_GRID and EADDRINUSE when a socket that never answers holds grid's port", async () => {
    const port = await heldPort('silent');
    expect(await failedStart({ PORT_GRID: String(port) })).toContain(
      `grid: cannot listen on 127.0.0.1:${port} (PORT_GRID=${port}): EADDRINUSE`,
    );
  });

  it("names GATEWAY_PORT and EADDRINUSE when the gateway's port is taken", async () => {
    const port = await heldPort('http');
    expect(await failedStart({ GATEWAY_PORT: String(port) })).toContain(
      `gateway: cannot listen on 127.0.0.1:${port} (GATEWAY_PORT=${port}): EADDRINUSE`,
    );
  });

  it("names EMBEDDED_PG_PORT and EADDRINUSE when another program holds the embedded PostgreSQL's port", async () => {
    const port = await heldPort('http');
    expect(await failedStart({ EMBEDDED_PG_PORT: String(port) })).toContain(
      `the hub could not start: PostgreSQL (embedded): cannot listen on 127.0.0.1:${port} (EMBEDDED_PG_PORT=${port}): EADDRINUSE: the port is already in use by another program`,
    );
  });

  it('names each department whose DATABASE_URL_* is not a URL or reaches no server, with the cause, and hides the password', async () => {
    const [closed] = await freePorts(1);
    const output = await failedStart({
      DATABASE_URL_POPULATION: 'population-db.internal:5432',
      DATABASE_URL_CIVIL_AFFAIRS: `postgres://civil_affairs:s3cret-password@127.0.0.1:${closed}/civil_affairs`,
    });
    expect(output).toContain(
      'the hub could not start: departments’ databases cannot be used:\n' +
        '  population: DATABASE_URL_POPULATION=population-db.internal:5432: not a PostgreSQL URL (population-db.internal:): expected postgres://user:password@host:port/database\n' +
        `  civil-affairs: DATABASE_URL_CIVIL_AFFAIRS=postgres://civil_affairs:***@127.0.0.1:${closed}/civil_affairs: connection refused (ECONNREFUSED)`,
    );
    expect(output).not.toContain('s3cret-password');
  });

  it('names DATABASE_OWNER_URL_* when the owner URL is the one that fails', async () => {
    const [closed] = await freePorts(1);
    const output = await failedStart({
      DATABASE_URL_GRID: `postgres://grid:pw@127.0.0.1:${closed}/grid`,
      DATABASE_OWNER_URL_GRID: `postgres://grid_owner:pw@127.0.0.1:${closed}/grid`,
    });
    expect(output).toContain(
      `  grid: DATABASE_OWNER_URL_GRID=postgres://grid_owner:***@127.0.0.1:${closed}/grid: connection refused (ECONNREFUSED)`,
    );
  });

  it('a subgraph started on its own (compose, Kubernetes) with an unreachable database exits naming the variable and the cause', async () => {
    const [closed] = await freePorts(1);
    const env = {
      ...process.env,
      DATABASE_URL_GRID: `postgres://grid:s3cret@127.0.0.1:${closed}/grid`,
      DATABASE_OWNER_URL_GRID: '',
    };
    const error = await promisify(execFile)(process.execPath, [join(ROOT, 'dist', 'subgraphs', 'grid', 'main.js')], {
      env,
    }).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(error?.code).toBe(1);
    // one JSON log line says it (the same as under npm start, Compose or Kubernetes)
    const lines = error!.stderr
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.filter((line) => line.level === 50)).toEqual([
      expect.objectContaining({
        service: 'grid',
        msg: `failed to start: cannot use its database (DATABASE_URL_GRID=postgres://grid:***@127.0.0.1:${closed}/grid): connection refused (ECONNREFUSED)`,
      }),
    ]);
  });
});
