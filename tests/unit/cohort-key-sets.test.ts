import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { type KeptRow, MemoryKeySets } from '../../gateway/cohort/key-sets';
import { readCohortPage } from '../../gateway/cohort/paging';

const owner = Buffer.from('owner');
const sortedKeys = (n: number) => Array.from({ length: n }, () => randomUUID()).sort();

describe('cohorts kept for their later pages (gateway/cohort/key-sets.ts)', () => {
  it('reads any slice of residents back as kept, and nothing past the end', async () => {
    const rows = sortedKeys(25).map((id) => ({ id }));
    const sets = new MemoryKeySets();
    const id = (await sets.keep(owner, rows))!;
    const slices = [];
    for (const [from, count] of [
      [0, 10],
      [10, 12],
      [20, 12],
      [25, 3],
    ])
      slices.push(await sets.read(id, owner, from, count));
    expect(slices).toEqual([
      { total: 25, rows: rows.slice(0, 10) },
      { total: 25, rows: rows.slice(10, 22) },
      { total: 25, rows: rows.slice(20) },
      { total: 25, rows: [] },
    ]);
  });

  it('reads households with their members, households without matching members kept as empty', async () => {
    const households: KeptRow[] = sortedKeys(9).map((id, i) => ({ id, members: sortedKeys(i % 4) }));
    const sets = new MemoryKeySets();
    const id = (await sets.keep(owner, households))!;
    const pages = [];
    for (let from = 0; from < 9; from += 4) pages.push((await sets.read(id, owner, from, 4))!.rows);
    expect(pages).toEqual([households.slice(0, 4), households.slice(4, 8), households.slice(8)]);
  });

  it('gives a set to its owner only, and forgets the oldest beyond its room', async () => {
    const rows = sortedKeys(4).map((id) => ({ id }));
    const sets = new MemoryKeySets(4 * 16 * 2);
    const [a, b] = [(await sets.keep(owner, rows))!, (await sets.keep(owner, rows))!];
    expect(await sets.read(a, Buffer.from('someone else'), 0, 4)).toBeUndefined();
    const c = (await sets.keep(owner, rows))!;
    expect([await sets.read(a, owner, 0, 1), await sets.read(b, owner, 0, 1), await sets.read(c, owner, 0, 1)]).toEqual(
      [undefined, { total: 4, rows: rows.slice(0, 1) }, { total: 4, rows: rows.slice(0, 1) }],
    );
    expect(await new MemoryKeySets(16).keep(owner, rows)).toBeUndefined();
  });
});

describe('cohort cursors (gateway/cohort/paging.ts)', () => {
  const cursor = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

  it('reads a kept cursor and a plain one', () => {
    const [set, key] = sortedKeys(2);
    expect(readCohortPage({ first: 5, after: cursor(`s:${set}:12:${key}`) })).toEqual({
      limit: 5,
      afterKey: key,
      kept: { id: set, index: 12 },
    });
    expect(readCohortPage({ first: 5, after: cursor(`k:${key}`) })).toEqual({ limit: 5, afterKey: key });
  });

  it.each([
    ['a set that is no key', `s:${'z'.repeat(36)}:1:${randomUUID()}`],
    ['a row that is no key', `s:${randomUUID()}:1:<script>`],
    ['no place', `s:${randomUUID()}::${randomUUID()}`],
  ])('refuses a cursor with %s as one this list did not issue', (_what, text) => {
    expect(() => readCohortPage({ after: cursor(text) })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after' }) }),
    );
  });
});
