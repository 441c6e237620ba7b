import { phaseOfPeak } from '../../bench/memory';

/** Which step of the bench a process's peak memory belongs to (bench/memory.ts). */
describe('the phase a memory peak was reached in', () => {
  const readings = new Map([
    ['loading the district into the four departments', 300 * 1024],
    ['resident-360: through the gateway and over the monolith, interleaved', 386.5 * 1024],
    ['roster of a grid (its first page)', 387 * 1024],
  ]);

  it('is the first phase whose highest reading came within 1 MiB of the peak', () => {
    expect(phaseOfPeak(readings, 387 * 1024)).toBe(
      'resident-360: through the gateway and over the monolith, interleaved',
    );
  });

  it('is the phase that rose to it when no earlier one came that close', () => {
    const later = new Map([
      ...readings,
      ['resident-360: through the gateway and over the monolith, interleaved', 385 * 1024],
    ]);
    expect(phaseOfPeak(later, 387 * 1024)).toBe('roster of a grid (its first page)');
  });

  it('is unknown when nothing was read', () => {
    expect(phaseOfPeak(new Map(), 0)).toBeUndefined();
  });
});
