/**
 * `--cpu-only --pg-statements`: PostgreSQL's own account of the statements a request makes, from pg_stat_statements,
 * which the bench's cluster loads only with this option (it costs every statement a little). Per request: how often
 * each statement ran, the milliseconds it took, of them planning, and its rows; the statements that took longest
 * first. With it, PostgreSQL's CPU is split by database too (bench/cpu.ts). Two of issue 25's steps were found this way:
 * lookups planned again on every execution and audit rows whose index keys were compared by strcoll
 * (docs/performance.md).
 */
import { withClient } from './pg-client';

/** The server settings that load pg_stat_statements and let it time planning too. */
export const PG_STATEMENTS_FLAGS = [
  '-c',
  'shared_preload_libraries=pg_stat_statements',
  '-c',
  'pg_stat_statements.track_planning=on',
];

export interface StatementFigure {
  database: string;
  /** executions per request */
  calls: number;
  /** milliseconds per request, planning and execution */
  ms: number;
  /** of them, planning */
  planningMs: number;
  rows: number;
  /** the statement's text, its whitespace folded, cut at 110 characters */
  text: string;
}

/** Forgets what pg_stat_statements counted so far (the warm-up's statements); `adminUrl` a superuser's URL. */
export const resetStatements = (adminUrl: string) =>
  withClient(adminUrl, async (client) => {
    await client.query('create extension if not exists pg_stat_statements');
    await client.query('select pg_stat_statements_reset()');
  });

/** The `limit` statements that took longest since the reset, every figure divided by `requests`. */
export const statementsPerRequest = (adminUrl: string, requests: number, limit = 15): Promise<StatementFigure[]> =>
  withClient(adminUrl, async (client) => {
    const { rows } = await client.query(
      `select d.datname as database, s.calls, s.total_exec_time + s.total_plan_time as ms,
              s.total_plan_time as planning_ms, s.rows, left(regexp_replace(s.query, '\\s+', ' ', 'g'), 110) as text
         from pg_stat_statements s join pg_database d on d.oid = s.dbid
        where d.datname <> 'postgres'
        order by 3 desc limit $1`,
      [limit],
    );
    const per = (value: unknown, digits: number) => Number((Number(value) / requests).toFixed(digits));
    return rows.map((row) => ({
      database: row.database as string,
      calls: per(row.calls, 2),
      ms: per(row.ms, 3),
      planningMs: per(row.planning_ms, 3),
      rows: per(row.rows, 1),
      text: row.text as string,
    }));
  });

/** The figures as lines of a table for the log. */
export const statementLines = (figures: StatementFigure[]): string[] => [
  'database | calls | ms | of it planning | rows | statement (per request)',
  ...figures.map((f) => `${f.database} | ${f.calls} | ${f.ms} | ${f.planningMs} | ${f.rows} | ${f.text}`),
];
