/** lib/calendar/iso.ts prints every instant exactly as Date.prototype.toISOString does. */
import { isoInstant } from '../../lib/calendar';

const builtIn = (ms: number) => new Date(ms).toISOString();

describe('an instant in ISO 8601 (UTC)', () => {
  it('equals toISOString at the edges of days, months, leap days, centuries and the four-digit years', () => {
    const edges = [
      0,
      -1,
      1,
      Date.UTC(2026, 10, 30, 15, 59, 59, 999), // the last millisecond of 30 November in Beijing
      Date.UTC(2026, 10, 30, 16), // 1 December begins in Beijing
      Date.UTC(2024, 1, 29, 23, 59, 59, 999),
      Date.UTC(2024, 2, 1),
      Date.UTC(1900, 1, 28, 12),
      Date.UTC(1900, 2, 1),
      Date.UTC(2000, 1, 29),
      Date.UTC(2100, 1, 28, 23, 59, 59, 999),
      Date.UTC(1969, 11, 31, 23, 59, 59, 999),
      Date.UTC(1000, 0, 1),
      Date.UTC(1000, 0, 1) - 1,
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999) + 1,
      -8.64e15,
      8.64e15,
    ];
    for (const ms of edges) expect(isoInstant(ms)).toBe(builtIn(ms));
  });

  it('equals toISOString at 200,000 instants spread over years 0800 to 10200', () => {
    let seed = 20261205;
    const next = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647; // Park–Miller, exact in doubles
    const from = Date.UTC(800, 0, 1);
    const span = Date.UTC(10200, 0, 1) - from;
    const mismatches: string[] = [];
    for (let i = 0; i < 200_000; i++) {
      const ms = from + Math.floor(next() * span);
      if (isoInstant(ms) !== builtIn(ms)) mismatches.push(`${ms}: ${isoInstant(ms)} ≠ ${builtIn(ms)}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('refuses an instant that is no time, as toISOString does', () => {
    expect(() => isoInstant(Number.NaN)).toThrow(RangeError);
    expect(() => isoInstant(8.64e15 + 1)).toThrow(RangeError);
  });
});
