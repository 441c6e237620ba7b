import { z } from 'zod';
import { DEPARTMENTS, type Department, departmentInfo } from '../departments';
import { DECLARED, PER_DEPARTMENT } from './declared';
import type { Setting } from './kinds';

type Value<S> = S extends Setting<infer T> ? T : never;
type Declared = typeof DECLARED;
type PerDepartment = typeof PER_DEPARTMENT;

/** Each department's own settings, by the name lib/config/declared.ts gives them. */
export type DepartmentSettings = { [K in keyof PerDepartment]: Value<ReturnType<PerDepartment[K]['setting']>> } & {
  subgraphUrl: string;
};

/** Every setting, typed, defaults applied: the only way the hub reads its environment. */
export type Settings = { [K in keyof Declared]: Value<Declared[K]> } & {
  HUB_GATEWAY_URL: string;
  departments: Record<Department, DepartmentSettings>;
};

/** A bad value in the environment: the message names every setting that is wrong and what it must be. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

/** [variable, setting] of every department's settings. */
const departmentVariables = () =>
  DEPARTMENTS.flatMap((d) =>
    Object.entries(PER_DEPARTMENT).map(([key, p]) => ({
      department: d,
      key,
      variable: p.variable(departmentInfo(d)),
      setting: p.setting(departmentInfo(d)) as Setting<unknown>,
    })),
  );

/** Every variable the hub reads, with its setting. */
export const VARIABLES: ReadonlyMap<string, Setting<unknown>> = new Map([
  ...Object.entries(DECLARED).map(([name, s]) => [name, s as Setting<unknown>] as const),
  ...departmentVariables().map((v) => [v.variable, v.setting] as const),
]);

const SCHEMA = z.object(Object.fromEntries([...VARIABLES].map(([name, s]) => [name, s.schema])));

/** Reads and checks every setting of `env`; unset and empty are alike. Throws SettingsError naming each bad one. */
export function readSettings(env: NodeJS.ProcessEnv): Settings {
  const raw = Object.fromEntries([...VARIABLES.keys()].map((name) => [name, env[name] === '' ? undefined : env[name]]));
  const parsed = SCHEMA.safeParse(raw);
  if (!parsed.success) {
    const bad = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))];
    const problem = (name: string, s = VARIABLES.get(name)!) =>
      `${name} must be ${s.expects}${s.echo === false ? '' : `, not ${JSON.stringify(raw[name])}`}`;
    throw new SettingsError(`bad settings: ${bad.map((name) => problem(name)).join('; ')} (docs/configuration.md)`);
  }
  const values = parsed.data as Record<string, unknown>;
  const departments = Object.fromEntries(DEPARTMENTS.map((d) => [d, {} as Record<string, unknown>])) as Record<
    Department,
    Record<string, unknown>
  >;
  for (const v of departmentVariables()) departments[v.department][v.key] = values[v.variable];
  for (const d of DEPARTMENTS) departments[d].subgraphUrl ??= `http://127.0.0.1:${departments[d].port}/graphql`;
  return {
    ...(values as Omit<Settings, 'departments' | 'HUB_GATEWAY_URL'>),
    HUB_GATEWAY_URL:
      (values.HUB_GATEWAY_URL as string | undefined) ?? `http://127.0.0.1:${values.GATEWAY_PORT}/graphql`,
    departments: departments as unknown as Record<Department, DepartmentSettings>,
  };
}

let cached: { env: NodeJS.ProcessEnv; settings: Settings } | undefined;

/**
 * The settings of `env`: this process's environment by default, read and checked once, when the process first asks
 * (its entry does, at start), then kept — requests read them on the hot path; or a child's, when a script prepares one.
 */
export function settings(env: NodeJS.ProcessEnv = process.env): Settings {
  if (env !== process.env) return readSettings(env);
  if (cached?.env !== env) cached = { env, settings: readSettings(env) };
  return cached.settings;
}

/** The settings, or null when one is bad (for the log and tracing, which must come up to report it). */
export function settingsIfValid(env: NodeJS.ProcessEnv = process.env): Settings | null {
  try {
    return settings(env);
  } catch (error) {
    if (error instanceof SettingsError) return null;
    throw error;
  }
}

/** Every default, as the hub runs with nothing set. */
export const defaults = () => readSettings({});

/** Port a department's subgraph listens on (PORT_<DEPT>). */
export const subgraphPort = (name: Department, env: NodeJS.ProcessEnv = process.env): number =>
  settings(env).departments[name].port;

/** URL the gateway uses for a department's subgraph (SUBGRAPH_URL_<DEPT>, else its port on this machine). */
export const subgraphUrl = (name: Department, env: NodeJS.ProcessEnv = process.env): string =>
  settings(env).departments[name].subgraphUrl;
