import { cellKeySql, keyOfBytesSql, recordKeySql } from './cell-key';

/**
 * SQL pieces a department's counting statement is made of, so every count carries its cell key (lib/stats/cell-key.ts)
 * with no second pass: counted per building first, then summed per place, then shown.
 */

/** The statement's first CTE: the record-key secret bound once (`?`, bytea or null), named `secret`. */
export const SECRET_CTE = 'secret as (select ?::bytea as secret)';

/**
 * `cross join secret cross join lateral (…) <alias>`: each record's key computed once per row (`<alias>.rk`), not once
 * per figure (`offset 0` keeps PostgreSQL from copying the expression into every aggregate).
 */
export const recordKeyJoin = (id: string | { bytes: string }, alias = 'k') =>
  `cross join secret cross join lateral (select ${typeof id === 'string' ? recordKeySql(id, 'secret.secret') : keyOfBytesSql(id.bytes, 'secret.secret')} as rk offset 0) ${alias}`;

/**
 * `count(*) filter (where …) as "<figure>", sum(<key>) filter (where …) as "<figure>:key"` for each figure and its
 * condition. `key` null: a statement for an official, whose figures are exact — the keys are null without a sum per
 * row and per figure (on a million residents that sum was a third of the statement's time).
 */
export const keyedCounts = (figures: Record<string, string>, key: string | null = 'k.rk') =>
  Object.entries(figures)
    .map(
      ([name, where]) =>
        `count(*) filter (where ${where}) as "${name}", ${key === null ? 'null::bigint' : `sum(${key}) filter (where ${where})`} as "${name}:key"`,
    )
    .join(',\n           ');

/** The per-building counts summed per place: `sum(<alias>."<figure>")` and its key. */
export const keyedSums = (figures: readonly string[], alias: string) =>
  figures.map((n) => `sum(${alias}."${n}") as "${n}", sum(${alias}."${n}:key") as "${n}:key"`).join(', ');

/** The counts as they leave the statement: whole numbers (0 where nothing was counted) and their cell keys. */
export const keyedColumns = (figures: readonly string[], alias: string) =>
  figures
    .map((n) => `coalesce(${alias}."${n}", 0)::int as "${n}", ${cellKeySql(`${alias}."${n}:key"`)} as "${n}:key"`)
    .join(',\n         ');

/** The columns of a counted row: each figure and its key. */
export const withKeys = (figures: readonly string[]) => figures.flatMap((n) => [n, `${n}:key`]);
