import { KEY_MODULUS } from '../../lib/stats/cell-key';
import { sumPerPlace } from '../../lib/stats/community-cache';
import type { Cells } from '../../lib/stats/disclosure';

describe('kept community figures summed per place (lib/stats/community-cache.ts)', () => {
  const communities = new Map<string, Cells>([
    ['110105001001', { residents: 3, 'residents:key': KEY_MODULUS - 1, 'amount:top': 500 }],
    ['110105001002', { residents: 4, 'residents:key': 5, 'amount:top': 900 }],
    ['110105002001', { residents: 7, 'residents:key': 11 }],
  ]);
  const names = ['residents', 'residents:key', 'amount:top'];

  it('adds counts, adds record-key sums modulo 2³² (a cell key), takes the largest payment, per prefix', () => {
    expect(sumPerPlace(communities, [{ code: '110105' }, { code: '110105001' }, { code: '110105002' }], names)).toEqual(
      [
        { residents: 14, 'residents:key': 15, 'amount:top': 900 },
        { residents: 7, 'residents:key': 4, 'amount:top': 900 },
        { residents: 7, 'residents:key': 11, 'amount:top': 0 },
      ],
    );
  });

  it('gives a place with no community 0 in every cell', () => {
    expect(sumPerPlace(communities, [{ code: '110106' }], names)).toEqual([
      { residents: 0, 'residents:key': 0, 'amount:top': 0 },
    ]);
  });
});
