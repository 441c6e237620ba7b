import { settings } from '../lib/config/settings';
import { type Department, departmentInfo } from '../lib/departments';
import type { EmbeddedCluster } from './cluster';

/** Departments whose database is elsewhere: DATABASE_URL_<DEPT> is set. */
export const externalDepartments = (names: Department[], env: NodeJS.ProcessEnv) =>
  names.filter((n) => settings(env).departments[n].databaseUrl);

/**
 * Each department's two URLs: the application role's (its subgraph) and the owner's (migrations, bulk loads). An
 * external database gives them as DATABASE_URL_<DEPT> and DATABASE_OWNER_URL_<DEPT> (one URL serves both when the
 * second is left out); the embedded cluster has its own pair.
 */
export function departmentUrls(
  names: Department[],
  env: NodeJS.ProcessEnv,
  cluster?: EmbeddedCluster,
): { app: Record<Department, string>; owner: Record<Department, string> } {
  const pick = (of: (n: Department) => string) =>
    Object.fromEntries(names.map((n) => [n, of(n)])) as Record<Department, string>;
  const given = settings(env).departments;
  const external = (n: Department) => given[n].databaseUrl;
  const need = (n: Department) => {
    if (!cluster) throw new Error(`${departmentInfo(n).databaseUrlEnv} is not set and no embedded cluster runs`);
    return cluster;
  };
  return {
    app: pick((n) => external(n) ?? need(n).urls[n]),
    owner: pick((n) => (external(n) ? (given[n].ownerUrl ?? external(n)!) : need(n).ownerUrls[n])),
  };
}
