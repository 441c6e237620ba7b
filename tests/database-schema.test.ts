/**
 * Each department's entities against its own database as its migrations left it (in the test hub, migrated at start):
 * MikroORM's schema generator — what `npm run migration:create` writes a migration from — finds nothing to change but
 * the differences listed below, each with its reason. An entity changed without a migration (or a migration that does
 * not do what the entity says) fails here, naming the statements that would bring the database in line.
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { departments } from '../scripts/registry';
import { hub } from './support/hub';

const KNOWN: Record<string, string[]> = {
  // the same check: PostgreSQL keeps `between` rewritten as ((grade >= 1) AND (grade <= 4)), MikroORM compares the text
  'civil-affairs': [
    'alter table "disability" drop constraint disability_grade_range;',
    'alter table "disability" add constraint disability_grade_range check("grade" between 1 and 4);',
  ],
};

describe('each department’s entities and its migrated database', () => {
  it.each(Object.entries(departments))(
    '%s: the schema generator has nothing else to change',
    async (name, department) => {
      const orm = await MikroORM.init({ ...department!.ormConfig(hub().ownerUrls[name]), debug: false });
      try {
        const sql = await orm.schema.getUpdateSchemaSQL({ wrap: false, safe: false, dropTables: false });
        expect(sql.split('\n').filter((line) => line.trim())).toEqual(KNOWN[name] ?? []);
      } finally {
        await orm.close();
      }
    },
  );
});
