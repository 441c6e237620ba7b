import { Client } from 'pg';

/** The audit log's table, which no entity maps (lib/audit/migration.ts). */
export const AUDIT_TABLE = 'audit_log';

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * Gives the department's application role (the one its subgraph connects as) exactly what a subgraph needs, as the
 * owner, after every migration run (so tables a migration adds are covered, and nothing a migration grants sticks):
 * its own tables to read and change; the audit log to append to and read, never to change, empty or drop; the
 * migrations table to read. It owns nothing, so it can alter no table, trigger or function. Creates the role when
 * `appUrl` names one that does not exist yet (compose's first start).
 */
export async function grantApplicationRole(ownerUrl: string, appUrl: string): Promise<void> {
  const app = new URL(appUrl);
  const role = decodeURIComponent(app.username);
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const { rows } = await owner.query<{ who: string; db: string }>(
      'select current_user as who, current_database() as db',
    );
    if (rows[0].who === role) return; // one role for both (an external database without an owner URL)
    const exists = await owner.query('select 1 from pg_roles where rolname = $1', [role]);
    if (!exists.rowCount)
      await owner.query(`create role ${ident(role)} login password ${literal(decodeURIComponent(app.password))}`);
    await owner.query(`grant connect on database ${ident(rows[0].db)} to ${ident(role)}`);
    await owner.query(`grant usage on schema public to ${ident(role)}`);
    await owner.query(`grant select, insert, update, delete on all tables in schema public to ${ident(role)}`);
    await owner.query(`grant usage, select on all sequences in schema public to ${ident(role)}`);
    await owner.query(`revoke all on table ${AUDIT_TABLE} from ${ident(role)}`);
    await owner.query(`grant select, insert on table ${AUDIT_TABLE} to ${ident(role)}`);
    // its monthly partitions are reached through audit_log only; making the next ones is the owner's function's work
    const partitions = await owner.query<{ name: string }>(
      `select inhrelid::regclass::text as name from pg_inherits where inhparent = '${AUDIT_TABLE}'::regclass`,
    );
    for (const { name } of partitions.rows) await owner.query(`revoke all on table ${name} from ${ident(role)}`);
    await owner.query(`grant execute on function audit_log_prepare_partitions(integer) to ${ident(role)}`);
    await owner.query(`revoke all on table mikro_orm_migrations from ${ident(role)}`);
    await owner.query(`grant select on table mikro_orm_migrations to ${ident(role)}`);
  } finally {
    await owner.end();
  }
}
