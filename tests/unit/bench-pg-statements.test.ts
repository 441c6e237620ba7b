/**
 * The bench's `--pg-statements` (bench/pg-statements.ts): only beside `--cpu-only`, and PostgreSQL's CPU told apart by
 * the database each backend serves, from the title PostgreSQL gives the process.
 */
import { postgresDatabaseOf } from '../../bench/memory';
import { parseBenchArgs } from '../../bench/run';

describe('the bench’s PostgreSQL statements', () => {
  it('names the database of a backend, and "other" for the server’s own processes', () => {
    expect(postgresDatabaseOf('postgres: population_app population 127.0.0.1(51234) idle')).toBe('population');
    expect(postgresDatabaseOf('postgres: grid_app grid 127.0.0.1(40000) SELECT')).toBe('grid');
    expect(postgresDatabaseOf('postgres: postgres civil_affairs [local] idle')).toBe('civil_affairs');
    expect(postgresDatabaseOf('postgres: walwriter')).toBe('other');
    expect(postgresDatabaseOf('postgres: autovacuum launcher')).toBe('other');
    expect(postgresDatabaseOf('/opt/pg/bin/postgres -D /data/pg -p 5432')).toBe('other');
  });

  it('are asked for with --cpu-only only', () => {
    expect(parseBenchArgs(['--cpu-only', '--pg-statements'])).toMatchObject({ cpuOnly: true, pgStatements: true });
    expect(parseBenchArgs(['--cpu-only'])).toMatchObject({ cpuOnly: true, pgStatements: false });
    expect(() => parseBenchArgs(['--pg-statements'])).toThrow('--pg-statements goes with --cpu-only');
  });
});
