import type { MigrationObject, MikroORM } from '@mikro-orm/core';

/** A migration's name as MikroORM records it in mikro_orm_migrations (without a .js/.ts ending). */
const recorded = (name: string) => name.replace(/\.[jt]s$/, '');

/**
 * The migrations this build expects that the database has not recorded: empty when its schema is at the version the
 * code was written for. One SELECT on the migrations table, which the application role may read (lib/db/roles.ts).
 * A subgraph's readiness (GET /health) is this, so a pod of a new release takes no traffic before its migration ran.
 */
export async function missingMigrations(orm: MikroORM): Promise<string[]> {
  const expected = ((orm.config.get('migrations').migrationsList ?? []) as MigrationObject[]).map((m) =>
    recorded(m.name),
  );
  const rows = (await orm.em.getConnection().execute('select name from mikro_orm_migrations')) as { name: string }[];
  const applied = new Set(rows.map((r) => recorded(r.name)));
  return expected.filter((name) => !applied.has(name));
}
