import { refusalLeavesAt } from '../../lib/server/refusal-floor';

/** When a NOT_FOUND answer leaves (lib/server/refusal-floor.ts): on a grid of whole multiples of the floor. */
describe('a refusal and a miss leave on the same grid of instants', () => {
  it('leaves at the floor when the work took less', () => {
    expect([0, 0.3, 12, 39.9, 40].map((elapsed) => refusalLeavesAt(elapsed, 40))).toEqual([40, 40, 40, 40, 40]);
  });

  it('leaves at the next step when a loaded machine took longer than the floor', () => {
    expect([40.01, 41, 79.9, 80, 80.5, 250].map((elapsed) => refusalLeavesAt(elapsed, 40))).toEqual([
      80, 80, 80, 80, 120, 280,
    ]);
  });

  it('puts two branches a fraction of a millisecond apart on the same instant unless they straddle a step', () => {
    const pairs = Array.from({ length: 1000 }, (_, i) => 30 + (i * 97) / 1000);
    const apart = pairs.filter((miss) => refusalLeavesAt(miss, 40) !== refusalLeavesAt(miss + 0.5, 40));
    // 0.5 ms of extra work parts the two in 0.5/40 of the requests: those whose miss lands within 0.5 ms of a step
    expect(apart.length).toBeLessThan(20);
    expect(apart.every((miss) => Math.ceil(miss / 40) * 40 - miss < 0.5)).toBe(true);
  });
});
