/**
 * The peer gateway: the same committed supergraph (schema/supergraph.graphql) served by Hive Gateway with the Rust
 * query planner of @graphql-hive/router-runtime, in a process of its own. Only the subgraph URLs are rewritten (to this
 * run's ports). Both kinds of request deduplication are off: Hive Gateway would otherwise merge identical concurrent
 * requests, which flatters it on a benchmark and is not what distinct users send. The identity the subgraphs demand
 * is signed for each subgraph request by a plugin in Hive Gateway's own process (its `onFetch` hook sees the exact
 * body), with the same code and key our gateway uses: the work is the same on both sides.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SigningMaterial } from './auth';

export interface PeerGateway {
  url: string;
  versions: Record<string, string>;
  child: ChildProcess;
  stop(): Promise<void>;
}

const PACKAGES = ['@graphql-hive/gateway', '@graphql-hive/router-runtime'];

function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;
}

/** The supergraph with each `@join__graph(name: "<subgraph>", url: …)` pointing at this run's subgraph. */
export function rewriteSupergraph(sdl: string, subgraphUrls: Record<string, string>): string {
  return sdl.replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (_whole, name: string) => {
    if (!subgraphUrls[name]) throw new Error(`the supergraph names a subgraph "${name}" this hub does not run`);
    return `@join__graph(name: "${name}", url: "${subgraphUrls[name]}")`;
  });
}

/**
 * Hive Gateway's configuration: deduplication off, and a plugin that binds each subgraph request's identity to its
 * body (`onFetch` may return a promise; options.body is the string sent). The signing code is the hub's own, loaded
 * from dist/; the identity and key come in the environment.
 */
const configText = (
  forwardedJs: string,
  recipients: Record<string, string>,
) => `// written by bench/peer-gateway.ts for one bench run
import { createRequire } from 'node:module';
const require = createRequire(${JSON.stringify(forwardedJs)});
const { IdentityForwarder, IDENTITY_HEADER } = require(${JSON.stringify(forwardedJs)});
const identity = JSON.parse(process.env.BENCH_FORWARDED_IDENTITY);
const forwarder = await IdentityForwarder.fromPrivateJwk(process.env.BENCH_GATEWAY_PRIVATE_KEY);
const recipients = ${JSON.stringify(recipients)};

export const gatewayConfig = {
  // Hive Gateway merges identical concurrent requests unless told not to: off, at the door and towards subgraphs
  inboundInflightRequestDeduplication: false,
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
  plugins: () => [
    {
      async onFetch({ url, options, setOptions }) {
        const recipient = recipients[url];
        if (!recipient) return;
        const token = await forwarder.header(identity, { recipient, body: String(options.body ?? '') });
        setOptions({ ...options, headers: { ...options.headers, [IDENTITY_HEADER]: token } });
      },
    },
  ],
  logging: 'error',
};
`;

/** Starts Hive Gateway on `port` and waits until it is ready; throws with its own words when it cannot start. */
export async function startHiveGateway(options: {
  supergraphFile: string;
  subgraphUrls: Record<string, string>;
  port: number;
  workDir: string;
  signing: SigningMaterial;
  /** the compiled tree whose lib/auth/forwarded.js signs */
  distDir: string;
}): Promise<PeerGateway> {
  const versions = Object.fromEntries(PACKAGES.map((p) => [p, packageVersion(p)]));
  const supergraph = join(options.workDir, 'supergraph.graphql');
  writeFileSync(supergraph, rewriteSupergraph(readFileSync(options.supergraphFile, 'utf8'), options.subgraphUrls));
  const config = join(options.workDir, 'gateway.config.mjs');
  const recipients = Object.fromEntries(Object.entries(options.subgraphUrls).map(([name, url]) => [url, name]));
  writeFileSync(config, configText(join(options.distDir, 'lib', 'auth', 'forwarded.js'), recipients));
  const bin = join(dirname(require.resolve('@graphql-hive/gateway/package.json')), 'dist', 'bin.js');
  const child = spawn(
    process.execPath,
    [
      bin,
      'supergraph',
      supergraph,
      '--hive-router-runtime',
      '--config-path',
      config,
      '--host',
      '127.0.0.1',
      '--port',
      String(options.port),
    ],
    {
      cwd: options.workDir,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        BENCH_FORWARDED_IDENTITY: JSON.stringify(options.signing.identity),
        BENCH_GATEWAY_PRIVATE_KEY: options.signing.privateJwk,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (chunk) => (output = (output + chunk).slice(-4000)));
  child.stderr!.on('data', (chunk) => (output = (output + chunk).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const base = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Hive Gateway exited with code ${child.exitCode}: ${output.trim()}`);
    try {
      if ((await fetch(`${base}/readiness`, { signal: AbortSignal.timeout(2000) })).ok)
        return { url: `${base}/graphql`, versions, child, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`Hive Gateway was not ready within 60 s: ${output.trim()}`);
}
