import { randomUUID } from 'node:crypto';
import { decodeKeys, encodeKeys, isHubKey, keyRowsParam, keysFromBytes, keysToBytes } from '../../lib/cohort/keys';

/** The bytes of a key as the hub first packed them: its 32 hex digits, read as hex. */
const reference = (keys: string[]) => Buffer.concat(keys.map((k) => Buffer.from(k.replace(/-/g, ''), 'hex')));

describe('packed cohort keys (lib/cohort/keys.ts)', () => {
  it('packs keys to their 16 bytes each and reads them back, in order, as a set or a list', () => {
    const keys = Array.from({ length: 5000 }, () => randomUUID());
    const bytes = keysToBytes(keys);
    expect(bytes.equals(reference(keys))).toBe(true);
    expect(keysToBytes(new Set(keys)).equals(bytes)).toBe(true);
    expect(keysFromBytes(bytes)).toEqual(keys);
    expect(decodeKeys(encodeKeys(keys))).toEqual(keys);
    expect(encodeKeys([])).toBe('');
    expect(decodeKeys('')).toEqual([]);
  });

  it('packs the extreme keys', () => {
    const keys = ['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff'];
    expect(keysFromBytes(keysToBytes(keys))).toEqual(keys);
  });

  it('refuses anything that is not a key as the hub writes one, naming it', () => {
    const key = 'a3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f607';
    const malformed = [
      key.toUpperCase(),
      `${key.slice(0, 8)}_${key.slice(9)}`,
      `${key.slice(0, 23)}${key.slice(24)}0`,
      `${key}0`,
      key.slice(0, 35),
      `g${key.slice(1)}`,
      `${key.slice(0, 35)}\u0100`,
      `${key.slice(0, 35)}\uffff`,
      '',
    ];
    for (const bad of malformed) {
      expect(isHubKey(bad)).toBe(false);
      expect(() => keysToBytes([key, bad])).toThrow(`not a hub key: ${bad.slice(0, 40)}`);
    }
  });

  it('refuses a packed list that is not a whole number of keys as bad input', () => {
    expect(() => decodeKeys(Buffer.alloc(17).toString('base64'))).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    );
  });

  it('binds keys to join as rows, each once', () => {
    const [a, b] = [randomUUID(), randomUUID()];
    expect(keyRowsParam([a, b, a])).toBe(`{${a},${b}}`);
  });
});
