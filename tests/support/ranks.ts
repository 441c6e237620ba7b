import { randomInt } from 'node:crypto';

/**
 * The Mann–Whitney statistic of two samples as a probability: P(a value of `a` is greater than one of `b`), ties
 * counted half. 0.5 when neither tends to be larger; the common-language effect size of the U test.
 */
export function probabilityGreater(a: number[], b: number[]): number {
  let wins = 0;
  for (const x of a) for (const y of b) wins += x > y ? 1 : x === y ? 0.5 : 0;
  return wins / (a.length * b.length);
}

/**
 * Times `pairs` interleaved pairs of two requests after a few unmeasured ones, and answers P(the first kind is slower
 * than the second). Which goes first is drawn for each pair, so drift in the machine's load falls on both alike, and so
 * does work that recurs every few requests: with a fixed alternation (a b, b a, a b …) the sequence repeats every four
 * requests, and in a full run on two busy cores the existing record, second in every "b a" pair, reached the gateway
 * later in 79 % of those pairs and in 53 % of the others: before the gateway had read which record it asked for
 * (docs/capabilities.md).
 */
export async function slowerInPairs(
  pairs: number,
  first: (i: number) => Promise<unknown>,
  second: (i: number) => Promise<unknown>,
): Promise<{ p: number; paired: number; first: number[]; second: number[] }> {
  const time = async (request: () => Promise<unknown>) => {
    const start = process.hrtime.bigint();
    await request();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  for (let i = 0; i < 8; i++) await Promise.all([first(i), second(i)]);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < pairs; i++) {
    if (randomInt(2) === 0) {
      a.push(await time(() => first(i)));
      b.push(await time(() => second(i)));
    } else {
      b.push(await time(() => second(i)));
      a.push(await time(() => first(i)));
    }
  }
  return { p: probabilityGreater(a, b), paired: a.filter((x, i) => x > b[i]).length / pairs, first: a, second: b };
}
