import { knex, type Knex } from '@mikro-orm/knex';
import { preparedByKeys } from '../lib/db/prepared';
import { hub } from './support/hub';

/**
 * lib/db/prepared.ts `preparedByKeys`: a lookup of one key keeps its plan on the connection, where the same lookup
 * written over an array of keys is planned again on every execution (PostgreSQL weighs an array parameter as ten
 * keys). Read off PostgreSQL's own count of each prepared statement's plans on the one connection they ran on.
 */
const LOOKUP = 'select id, name from resident where id = any($1) order by id';
const NAME = 'test_plan_reuse_lookup';

describe('a lookup by keys on population’s database', () => {
  let db: Knex;
  let ids: string[];

  beforeAll(async () => {
    db = knex({ client: 'pg', connection: hub().ownerUrls.population, pool: { min: 1, max: 1 } });
    ids = (await db.raw('select id from resident order by id limit 2')).rows.map((r: { id: string }) => r.id);
  });
  afterAll(() => db.destroy());

  /** generic and custom plans of the prepared statement `name` on the pool's one connection */
  const plans = async (name: string) =>
    (
      await db.raw(
        'select generic_plans::int as generic, custom_plans::int as custom from pg_prepared_statements where name = ?',
        [name],
      )
    ).rows[0] as { generic: number; custom: number } | undefined;

  it('of one key keeps its plan after five executions; of two keys plans again each time; both find the same rows', async () => {
    const one: unknown[] = [];
    const two: unknown[] = [];
    for (let i = 0; i < 10; i++) {
      one.push(...(await preparedByKeys(db, NAME, LOOKUP, [ids[0]])));
      two.push(...(await preparedByKeys(db, NAME, LOOKUP, ids)));
    }
    expect(await plans(`${NAME}_1`)).toEqual({ generic: 5, custom: 5 });
    expect(await plans(NAME)).toEqual({ generic: 0, custom: 10 });
    expect(one).toHaveLength(10);
    expect(two).toHaveLength(20);
    expect(two.slice(0, 2)).toEqual([one[0], expect.objectContaining({ id: ids[1] })]);
  });

  it('refuses a statement that does not have "= any($1)" once', async () => {
    await expect(
      preparedByKeys(db, 'test_plan_reuse_bad', 'select id from resident where id = $1', [ids[0]]),
    ).rejects.toThrow('a statement over keys has "= any($1)" once');
  });
});
