import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COLLECTION_MARKERS, withCollectionTable } from '../../lib/graphql/collection-listing';
import { compose } from '../../runner/compose';
import { departments } from '../../scripts/registry';

const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

describe('the collection rules (一次采集) in README.md and docs/collection-rules.md', () => {
  it('are what the Collect declarations of every department say (run `npm run compose` after changing one)', async () => {
    const { collectionRules, collectionTable } = await compose(Object.values(departments));
    const readme = read('README.md');
    expect(readme).toBe(withCollectionTable(readme, collectionTable));
    expect(read('docs/collection-rules.md')).toBe(collectionRules);
    // population declares each class, and a record collected whole (a new arrival) is listed as such
    for (const row of [
      '| `Resident` | `phone` | 直接更新 DIRECT |',
      '| `Resident` | `idNumber` | 提交核实 PROPOSE |',
      '| `Resident` | `politicalStatus` | 不可采集 NONE |',
      '| `NewArrivalInput` | (the whole record) | 提交核实 PROPOSE |',
    ])
      expect(collectionRules.slice(collectionRules.indexOf('## population'))).toContain(row);
    // README's rows group the fields of one class and note
    expect(collectionTable).toContain('| population | `NewArrivalInput` | (the whole record) | 提交核实 PROPOSE |');
    expect(collectionTable).toMatch(
      /\| population \| `Resident` \| [^|]*`employmentStatus`[^|]*`phone`[^|]* \| 直接更新 DIRECT \|/,
    );
  });

  it('replaces only what stands between the markers', () => {
    const text = `before\n${COLLECTION_MARKERS.start}\nold\n${COLLECTION_MARKERS.end}\nafter\n`;
    expect(withCollectionTable(text, '| new |')).toBe(
      `before\n${COLLECTION_MARKERS.start}\n| new |\n${COLLECTION_MARKERS.end}\nafter\n`,
    );
    expect(() => withCollectionTable('no markers', '| new |')).toThrow('collection-rules markers');
  });
});
