import { lagOf, parseLsn } from '../../lib/db/replicas';

describe('read replica lag, measured by WAL position against the primary’s samples', () => {
  const samples = [
    { at: 1_000, lsn: parseLsn('0/1000') },
    { at: 2_000, lsn: parseLsn('0/2000') },
    { at: 3_000, lsn: parseLsn('1/0') },
  ];

  it('reads a WAL position as bytes', () => {
    expect([parseLsn('0/0'), parseLsn('0/FF'), parseLsn('16/B374D848')]).toEqual([0n, 255n, 0x16b374d848n]);
  });

  it('is caught up (no lag) once its replay reached the newest sample, whatever the replay timestamps say', () => {
    expect(lagOf(samples, parseLsn('1/10'))).toEqual({ caughtUpAt: 3_000, lagMs: 0, lagBytes: 0 });
  });

  it('is as old as the newest sample it has passed, and as far in bytes as the newest sample is ahead', () => {
    expect(lagOf(samples, parseLsn('0/2800'))).toEqual({
      caughtUpAt: 2_000,
      lagMs: 1_000,
      lagBytes: 0x1_0000_0000 - 0x2800,
    });
  });

  it('is beyond every bound when it has passed no sample kept', () => {
    expect(lagOf(samples, parseLsn('0/800'))).toEqual({
      caughtUpAt: undefined,
      lagMs: Number.POSITIVE_INFINITY,
      lagBytes: 0x1_0000_0000 - 0x800,
    });
  });
});
