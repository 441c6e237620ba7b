/**
 * Compared pairs measured side by side: the two sides run in alternating short rounds (A, B, A, B …), so a noisy
 * neighbour lands on both alike, and each ratio is the median of the per-round ratios, with its spread (the lowest and
 * the highest round).
 */
import { type Pair, type Range, type Ratio, ratio } from './report';
import type { RunStats } from './stats';

/** each figure of a ratio, made by `value` */
const perFigure = <T>(value: (figure: keyof Ratio) => T): Record<keyof Ratio, T> => ({
  p50: value('p50'),
  p95: value('p95'),
  p99: value('p99'),
  throughput: value('throughput'),
});
const round2 = (value: number) => Math.round(value * 100) / 100;
/** a round without answers has no latency: it is left out rather than counted as a figure */
const finite = (values: number[]) => values.filter(Number.isFinite);

/** The middle value (the mean of the two middle ones for an even count), NaN when there is none. */
export function median(values: number[]): number {
  const sorted = finite(values).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The lowest and the highest value, NaN for both when there is none. */
export function range(values: number[]): Range {
  const known = finite(values);
  return known.length ? { min: Math.min(...known), max: Math.max(...known) } : { min: NaN, max: NaN };
}

/** One side's rounds as one run: counts and seconds summed, each latency and the throughput the median over rounds. */
export function combineRounds(runs: RunStats[]): RunStats {
  const sum = (key: 'requests' | 'errors' | 'seconds') => round2(runs.reduce((s, r) => s + r[key], 0));
  const mid = (key: 'throughput' | 'p50' | 'p95' | 'p99' | 'mean') => round2(median(runs.map((r) => r[key])));
  return {
    concurrency: runs[0].concurrency,
    requests: sum('requests'),
    errors: sum('errors'),
    seconds: sum('seconds'),
    throughput: mid('throughput'),
    p50: mid('p50'),
    p95: mid('p95'),
    p99: mid('p99'),
    mean: mid('mean'),
  };
}

/** The pair of two sides' rounds, round i of one against round i of the other: medians of the per-round ratios. */
export function interleavedPair(ours: RunStats[], reference: RunStats[]): Pair {
  if (!ours.length || ours.length !== reference.length)
    throw new Error(`an interleaved pair needs as many rounds of each side (${ours.length} and ${reference.length})`);
  const rounds = ours.map((o, i) => ratio(o, reference[i]));
  const of = (figure: keyof Ratio) => rounds.map((r) => r[figure]);
  return {
    concurrency: ours[0].concurrency,
    ours: combineRounds(ours),
    reference: combineRounds(reference),
    ratio: perFigure((f) => round2(median(of(f)))),
    spread: perFigure((f) => range(of(f))),
    rounds,
  };
}

/** `rounds` rounds of every side in turn (A, B, C, A, B, C …); each side's results in order. */
export async function inTurn<T>(rounds: number, sides: (() => Promise<T>)[]): Promise<T[][]> {
  const results = sides.map(() => [] as T[]);
  for (let i = 0; i < rounds; i++) for (const [s, side] of sides.entries()) results[s].push(await side());
  return results;
}

/** `rounds` rounds of A then B, one after another (A, B, A, B …); each side's results in order. */
export async function alternate<T>(
  rounds: number,
  a: () => Promise<T>,
  b: () => Promise<T>,
): Promise<{ a: T[]; b: T[] }> {
  const [ra, rb] = await inTurn(rounds, [a, b]);
  return { a: ra, b: rb };
}
