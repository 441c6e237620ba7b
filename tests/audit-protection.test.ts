/**
 * The audit log against its own department (the security issue, item 6): the role a subgraph connects as can append
 * to and read its audit log, and every way to change, empty, hide or drop a row fails — not by a promise in the
 * README, but because that role owns nothing and holds only INSERT and SELECT on the table.
 */
import { Client } from 'pg';
import { DEPARTMENTS, departmentInfo } from '../lib/departments';
import { hub } from './support/hub';

async function asApplicationRole<T>(department: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: hub().databaseUrls[department] });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const ATTACKS = [
  'update audit_log set outcome = $$ALLOWED$$',
  'delete from audit_log',
  'truncate audit_log',
  'drop table audit_log',
  'alter table audit_log disable trigger audit_log_no_update_delete',
  'drop trigger audit_log_no_update_delete on audit_log',
  'create or replace function audit_log_append_only() returns trigger language plpgsql as $$ begin return new; end $$',
  'alter table audit_log rename to audit_log_old',
  'alter table audit_log alter column outcome drop not null',
  'create table audit_log_copy as select * from audit_log',
];

describe.each(DEPARTMENTS)('%s’s application role and its audit log', (department) => {
  it('connects as the application role, not the owner', async () => {
    const who = await asApplicationRole(
      department,
      async (c) => (await c.query('select current_user as who')).rows[0].who,
    );
    expect(who).toBe(departmentInfo(department).role);
    expect(who).not.toBe(departmentInfo(department).ownerRole);
  });

  it.each(ATTACKS)('cannot: %s', async (statement) => {
    await asApplicationRole(department, async (client) => {
      await client.query(`insert into audit_log (request_id, actor, department, role, kind, record_type, record_ids, fields, outcome)
                          values ('protection-test', 'test', 'GRID', 'AUDITOR', 'READ', 'Resident', '{}', '{}', 'ALLOWED')`);
      const before = (await client.query('select count(*)::int as n, max(id) as last from audit_log')).rows[0];
      await expect(client.query(statement)).rejects.toThrow(/permission denied|must be owner|append-only/);
      const after = (await client.query('select count(*)::int as n, max(id) as last from audit_log')).rows[0];
      expect(after).toEqual(before);
      expect((await client.query(`select outcome from audit_log where id = $1`, [before.last])).rows).toEqual([
        { outcome: 'ALLOWED' },
      ]);
    });
  });
});
