import { Client } from 'pg';
import { DEPARTMENTS, departmentInfo } from '../lib/departments';
import { hub } from './support/hub';

/** Connects with `as`'s credentials to `database`. */
async function connectAs(as: string, database: string): Promise<Client> {
  const url = new URL(hub().databaseUrls[as]);
  url.pathname = `/${database}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  return client;
}

describe('each department owns its database', () => {
  it.each(DEPARTMENTS)('%s can use its own database', async (name) => {
    const client = await connectAs(name, departmentInfo(name).database);
    expect((await client.query('select current_user as who')).rows).toEqual([{ who: departmentInfo(name).role }]);
    await client.end();
  });

  it.each(DEPARTMENTS.filter((d) => d !== 'population'))(
    "%s's role is refused by the population database",
    async (name) => {
      await expect(connectAs(name, 'population')).rejects.toThrow(/permission denied for database "population"/);
    },
  );
});
