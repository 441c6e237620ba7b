/**
 * The tables of a department's kept figures (lib/stats/community-cache.ts) and the triggers that say which communities
 * each change touched. One statement-level trigger per counted table and kind of change, reading the changed rows
 * from its transition tables, so a COPY of a million rows adds one row per community, not one per record.
 */

/** A table the department's figures count, and how a set of its rows (`rows`) maps to community codes. */
export interface CountedTable {
  table: string;
  /** SQL selecting one column of community codes from the transition table named by `rows` */
  communities(rows: string): string;
}

const fn = (table: string) => `figures_changed_${table}`;

/** The tables no entity maps (the schema diff of `npm run migration:create` leaves them alone). */
export const FIGURES_TABLES = ['figures_cache', 'figures_change', 'figures_community', 'figures_horizon'];

export function communityCacheUp(tables: readonly CountedTable[]): string[] {
  return [
    `create table "figures_change" ("community_code" text not null, "xid" xid8 not null default pg_current_xact_id());`,
    `create index "figures_change_community_code_index" on "figures_change" ("community_code");`,
    `create table "figures_cache" ("community_code" text not null, "as_of" date not null, "variant" text not null, "snap" pg_snapshot not null, "cells" jsonb not null, "counted_at" timestamptz not null, constraint "figures_cache_pkey" primary key ("as_of", "variant", "community_code"));`,
    `create table "figures_horizon" ("snap" pg_snapshot not null, "at" timestamptz not null);`,
    `create table "figures_community" ("community_code" text not null, constraint "figures_community_pkey" primary key ("community_code"));`,
    ...tables.map(
      ({ table, communities }) =>
        `insert into figures_community select distinct code from (${communities(`"${table}"`)}) s(code) where code is not null on conflict do nothing;`,
    ),
    ...tables.flatMap(({ table, communities }) => {
      const changed = (...sets: string[]) => `
    with changed as (select distinct code from (${sets.map(communities).join(' union ')}) s(code) where code is not null),
    logged as (insert into figures_change (community_code) select code from changed)
    insert into figures_community select code from changed on conflict do nothing;`;
      return [
        `create function ${fn(table)}() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then ${changed('new_rows')}
  elsif tg_op = 'UPDATE' then ${changed('new_rows', 'old_rows')}
  elsif tg_op = 'DELETE' then ${changed('old_rows')}
  else insert into figures_change (community_code) values ('*');
  end if;
  return null;
end $$;`,
        `create trigger ${fn(table)}_insert after insert on "${table}" referencing new table as new_rows for each statement execute function ${fn(table)}();`,
        `create trigger ${fn(table)}_update after update on "${table}" referencing old table as old_rows new table as new_rows for each statement execute function ${fn(table)}();`,
        `create trigger ${fn(table)}_delete after delete on "${table}" referencing old table as old_rows for each statement execute function ${fn(table)}();`,
        `create trigger ${fn(table)}_truncate after truncate on "${table}" for each statement execute function ${fn(table)}();`,
      ];
    }),
  ];
}

export function communityCacheDown(tables: readonly CountedTable[]): string[] {
  return [
    ...tables.flatMap(({ table }) => [
      ...['insert', 'update', 'delete', 'truncate'].map(
        (op) => `drop trigger if exists ${fn(table)}_${op} on "${table}";`,
      ),
      `drop function if exists ${fn(table)}();`,
    ]),
    'drop table if exists "figures_community";',
    'drop table if exists "figures_horizon";',
    'drop table if exists "figures_cache";',
    'drop table if exists "figures_change";',
  ];
}
