/** Latency and throughput figures of one load run (milliseconds, requests per second). */
export interface RunStats {
  concurrency: number;
  /** requests answered without an HTTP or GraphQL error */
  requests: number;
  /** HTTP errors, GraphQL errors, timeouts and connection errors */
  errors: number;
  seconds: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

/** A growable record of latencies in milliseconds. */
export class Latencies {
  private values = new Float64Array(1024);
  count = 0;

  add(ms: number): void {
    if (this.count === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.count++] = ms;
  }

  stats(concurrency: number, errors: number, seconds: number): RunStats {
    const sorted = this.values.slice(0, this.count).sort();
    const at = (q: number) =>
      sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : NaN;
    const round = (n: number) => Math.round(n * 100) / 100;
    const sum = sorted.reduce((a, b) => a + b, 0);
    return {
      concurrency,
      requests: this.count,
      errors,
      seconds: round(seconds),
      throughput: round(this.count / seconds),
      p50: round(at(0.5)),
      p95: round(at(0.95)),
      p99: round(at(0.99)),
      mean: round(this.count ? sum / this.count : NaN),
    };
  }
}
