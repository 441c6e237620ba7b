import { Client } from 'pg';
import { settings } from '../lib/config/settings';
import { connectionFailure, redacted } from '../lib/db/connection-failure';
import { type Department, departmentInfo } from '../lib/departments';

/** A database URL and the setting it came from, for messages. */
export interface DatabaseSetting {
  department: Department;
  url: string;
  /** the environment variable, or a description of where the URL came from (the embedded cluster) */
  variable: string;
}

/** Connects once and runs `select 1`; a reason when that fails. */
async function tryConnect(url: string): Promise<string | undefined> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a URL: expected postgres://user:password@host:port/database';
  }
  if (!/^postgres(ql)?:$/.test(parsed.protocol))
    return `not a PostgreSQL URL (${parsed.protocol}): expected postgres://user:password@host:port/database`;
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return connectionFailure(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Tries every given database at once and fails with one message listing each that cannot be used: the department,
 * the variable, the URL without its password, and the cause ("connection refused", bad credentials, not a URL).
 */
export async function requireReachable(settings: DatabaseSetting[]): Promise<void> {
  const failures = (await Promise.all(settings.map(async (s) => ({ ...s, reason: await tryConnect(s.url) })))).filter(
    (f) => f.reason,
  );
  if (!failures.length) return;
  const lines = failures.map((f) => `  ${f.department}: ${f.variable}=${redacted(f.url)}: ${f.reason}`);
  throw new Error(
    `${failures.length === 1 ? 'a department’s database cannot be used' : 'departments’ databases cannot be used'}:\n${lines.join('\n')}`,
  );
}

/** The settings the owner's URL of each department came from (DATABASE_OWNER_URL_*, else DATABASE_URL_*, else embedded). */
export function ownerSettings(
  names: Department[],
  urls: Record<Department, string>,
  env: NodeJS.ProcessEnv,
): DatabaseSetting[] {
  return names.map((department) => {
    const info = departmentInfo(department);
    const given = settings(env).departments[department];
    const variable = given.ownerUrl
      ? info.ownerUrlEnv
      : given.databaseUrl
        ? info.databaseUrlEnv
        : 'the embedded cluster';
    return { department, url: urls[department], variable };
  });
}

/** The settings of each department's application URL (what its subgraph connects with). */
export function appSettings(
  names: Department[],
  urls: Record<Department, string>,
  env: NodeJS.ProcessEnv,
): DatabaseSetting[] {
  return names.map((department) => {
    const info = departmentInfo(department);
    return {
      department,
      url: urls[department],
      variable: settings(env).departments[department].databaseUrl ? info.databaseUrlEnv : 'the embedded cluster',
    };
  });
}
