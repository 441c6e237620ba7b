/**
 * lib/db/config.ts: writes flush where they say so, so the ORM keeps no per-column change-tracking accessors on the
 * entities it loads (in its 'auto' flush mode it defines one per column on every instance, population's largest single
 * cost on a roster). Relations keep theirs.
 */
import 'reflect-metadata';
import { MikroORM, ReferenceKind } from '@mikro-orm/postgresql';
import { departments } from '../../scripts/registry';

describe('the ORM configuration of every department', () => {
  it.each(Object.values(departments).map((d) => [d.name, d] as const))(
    '%s tracks no scalar column by accessor, and flushes only when told',
    async (_name, department) => {
      const orm = await MikroORM.init({
        ...department.ormConfig('postgres://nobody@127.0.0.1:1/none'),
        connect: false,
      });
      try {
        expect(orm.config.get('flushMode')).toBe('commit');
        const tracked = Object.values(orm.getMetadata().getAll())
          .filter((meta) => !meta.embeddable && !meta.virtual)
          .flatMap((meta) =>
            meta.trackingProps.filter((p) => p.kind === ReferenceKind.SCALAR).map((p) => `${meta.className}.${p.name}`),
          );
        expect(tracked).toEqual([]);
      } finally {
        await orm.close();
      }
    },
  );
});
