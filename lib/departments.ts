/**
 * The four departments of the hub and how each is reached. This is the one place that names ports,
 * databases, roles and the environment variables that override them (lib/config reads those); the start script,
 * the gateway, the tests and docker-compose.yml all agree with it (tests/compose-file.test.ts checks the latter).
 */
export const DEPARTMENTS = ['population', 'civil-affairs', 'public-security', 'grid'] as const;
export type Department = (typeof DEPARTMENTS)[number];

export interface DepartmentInfo {
  /** subgraph name in the supergraph (also the folder under subgraphs/) */
  name: Department;
  /** default port of the department's subgraph */
  port: number;
  /** database of the department, and the login role its subgraph connects as (the application role) */
  database: string;
  role: string;
  /** the role that owns the database's tables and runs its migrations; the subgraph never holds its credentials */
  ownerRole: string;
  /** environment variable holding the department's PostgreSQL URL for its subgraph (overrides the embedded default) */
  databaseUrlEnv: string;
  /** environment variable holding the owner's URL, for migrations and bulk loads (defaults to databaseUrlEnv's) */
  ownerUrlEnv: string;
  /** environment variable listing the URLs of the department's streaming read replicas (lib/db/replicas.ts) */
  replicaUrlsEnv: string;
  /** environment variable holding the subgraph's port */
  portEnv: string;
  /** environment variable the gateway reads for the subgraph's URL */
  urlEnv: string;
}

const envSuffix = (d: Department) => d.toUpperCase().replace(/-/g, '_');

export const departmentInfo = (name: Department): DepartmentInfo => {
  const suffix = envSuffix(name);
  const db = name.replace(/-/g, '_');
  return {
    name,
    port: 4001 + DEPARTMENTS.indexOf(name),
    database: db,
    role: db,
    ownerRole: `${db}_owner`,
    databaseUrlEnv: `DATABASE_URL_${suffix}`,
    ownerUrlEnv: `DATABASE_OWNER_URL_${suffix}`,
    replicaUrlsEnv: `DATABASE_REPLICA_URLS_${suffix}`,
    portEnv: `PORT_${suffix}`,
    urlEnv: `SUBGRAPH_URL_${suffix}`,
  };
};

/** The identity department (token claim) that owns each subgraph's data. */
export const OWNER: Record<Department, 'POPULATION' | 'CIVIL_AFFAIRS' | 'PUBLIC_SECURITY' | 'GRID'> = {
  population: 'POPULATION',
  'civil-affairs': 'CIVIL_AFFAIRS',
  'public-security': 'PUBLIC_SECURITY',
  grid: 'GRID',
};

export const GATEWAY_PORT_ENV = 'GATEWAY_PORT';
export const GATEWAY_DEFAULT_PORT = 4000;
/** The gateway's own PostgreSQL database, shared by its replicas (replay ids, public lookup counts: docs/capabilities.md). */
export const GATEWAY_DATABASE_ENV = 'GATEWAY_DATABASE_URL';
/** Its role and database in the embedded cluster. */
export const GATEWAY_DATABASE = 'hub_gateway';

export function isDepartment(value: string): value is Department {
  return (DEPARTMENTS as readonly string[]).includes(value);
}
