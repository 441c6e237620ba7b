/**
 * The bench's side-by-side figures (bench/rounds.ts: A, B, A, B … rounds, the median of per-round ratios and their
 * spread) and its CPU readings (bench/cpu.ts: utime + stime + cutime + cstime from /proc/<pid>/stat, per request).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clockTicks, cpuByProcess, cpuPerRequest, cpuResult, cpuTicks } from '../../bench/cpu';
import { alternate, combineRounds, interleavedPair, inTurn, median, range } from '../../bench/rounds';
import type { RunStats } from '../../bench/stats';

const run = (p50: number, throughput: number, requests = 10, errors = 0): RunStats => ({
  concurrency: 8,
  requests,
  errors,
  seconds: 2,
  throughput,
  p50,
  p95: p50 * 2,
  p99: p50 * 4,
  mean: p50 + 1,
});

describe('median and range', () => {
  it('takes the middle value, the mean of the two middle ones for an even count, and leaves out rounds without a figure', () => {
    expect([median([3, 1, 2]), median([4, 1, 3, 2]), median([5, Number.NaN, 1, 3]), median([])]).toEqual([
      2,
      2.5,
      3,
      Number.NaN,
    ]);
    expect([range([3, 1, 2]), range([Number.NaN, 4]), range([])]).toEqual([
      { min: 1, max: 3 },
      { min: 4, max: 4 },
      { min: Number.NaN, max: Number.NaN },
    ]);
  });
});

describe('interleaved pairs', () => {
  it('runs the two sides alternately, A, B, A, B …, and keeps each side’s results in order', async () => {
    const calls: string[] = [];
    const side = (name: string) => async () => {
      calls.push(name);
      return `${name}${calls.filter((c) => c === name).length}`;
    };
    expect(await alternate(3, side('A'), side('B'))).toEqual({ a: ['A1', 'A2', 'A3'], b: ['B1', 'B2', 'B3'] });
    expect(calls).toEqual(['A', 'B', 'A', 'B', 'A', 'B']);
  });

  it('runs three sides in turn, A, B, C, A, B, C …, so two pairs can share the rounds of one reference', async () => {
    const calls: string[] = [];
    const side = (name: string) => async () => {
      calls.push(name);
      return `${name}${calls.filter((c) => c === name).length}`;
    };
    expect(await inTurn(2, [side('A'), side('R'), side('B')])).toEqual([
      ['A1', 'A2'],
      ['R1', 'R2'],
      ['B1', 'B2'],
    ]);
    expect(calls).toEqual(['A', 'R', 'B', 'A', 'R', 'B']);
  });

  it('divides round i of one side by round i of the other and reports the median ratio with the lowest and highest', () => {
    // the noise of round 2 lands on both sides: its ratio is like the others, though both sides are slow
    const ours = [run(10, 100), run(30, 40), run(12, 90, 9, 1)];
    const reference = [run(5, 200), run(14, 80), run(4, 300)];
    expect(interleavedPair(ours, reference)).toEqual({
      concurrency: 8,
      ours: {
        concurrency: 8,
        requests: 29,
        errors: 1,
        seconds: 6,
        throughput: 90,
        p50: 12,
        p95: 24,
        p99: 48,
        mean: 13,
      },
      reference: {
        concurrency: 8,
        requests: 30,
        errors: 0,
        seconds: 6,
        throughput: 200,
        p50: 5,
        p95: 10,
        p99: 20,
        mean: 6,
      },
      ratio: { p50: 2.14, p95: 2.14, p99: 2.14, throughput: 0.5 },
      spread: {
        p50: { min: 2, max: 3 },
        p95: { min: 2, max: 3 },
        p99: { min: 2, max: 3 },
        throughput: { min: 0.3, max: 0.5 },
      },
      rounds: [
        { p50: 2, p95: 2, p99: 2, throughput: 0.5 },
        { p50: 2.14, p95: 2.14, p99: 2.14, throughput: 0.5 },
        { p50: 3, p95: 3, p99: 3, throughput: 0.3 },
      ],
    });
  });

  it('refuses sides with different numbers of rounds', () => {
    expect(() => interleavedPair([run(1, 1)], [])).toThrow('as many rounds of each side (1 and 0)');
  });

  it('sums a side’s counts and seconds over its rounds', () => {
    expect(combineRounds([run(2, 10, 5, 1), run(4, 20, 7, 0)])).toMatchObject({ requests: 12, errors: 1, seconds: 4 });
  });
});

/** /proc/<pid>/stat of a process named with a space and parentheses: utime 150, stime 30, cutime 7, cstime 3 */
const STAT =
  '4242 (node (gw) x) S 1 4242 4242 0 -1 4194560 9000 0 0 0 150 30 7 3 20 0 11 0 5000 1234567 8000 18446744073709551615';

describe('CPU readings', () => {
  it('adds utime, stime, cutime and cstime from /proc/<pid>/stat, whatever the command name holds', () => {
    expect(cpuTicks(STAT)).toBe(190);
    expect(cpuTicks(readFileSync('/proc/self/stat', 'utf8'))).toBeGreaterThanOrEqual(0);
  });

  it('gives milliseconds per request of each process at the second reading, counting a new process from zero', () => {
    const before = { gateway: 1000, population: 500, 'hive-gateway': 40 };
    const after = { gateway: 1600, population: 800, postgres: 90 };
    expect(cpuPerRequest(before, after, 300)).toEqual({
      perProcess: { gateway: 2, population: 1, postgres: 0.3 },
      total: 3.3,
    });
    expect(cpuResult('resident-360', run(10, 100, 299, 1), before, after)).toEqual({
      scenario: 'resident-360',
      concurrency: 8,
      requests: 300,
      errors: 1,
      perProcess: { gateway: 2, population: 1, postgres: 0.3 },
      total: 3.3,
    });
  });

  describe('of a real child process', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-cpu-'));
    let child: ChildProcess;
    let parent: ChildProcess;
    afterAll(() => {
      child?.kill();
      parent?.kill();
      rmSync(dir, { recursive: true, force: true });
    });

    it('reads the CPU a process of the hub has used, by its name', async () => {
      // named "gateway" by its path, as the hub's gateway is; it burns 300 ms of its own CPU time, says so, and waits
      mkdirSync(join(dir, 'gateway'));
      const script = join(dir, 'gateway', 'main.js');
      writeFileSync(
        script,
        'while (process.cpuUsage().user + process.cpuUsage().system < 300000) {}\nconsole.log("burnt");\nsetInterval(() => {}, 1000);\n',
      );
      expect(clockTicks()).toBeGreaterThan(0);
      const before = cpuByProcess();
      child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise((ok) => child.stdout!.once('data', ok));
      const used = cpuByProcess().gateway - (before.gateway ?? 0);
      // at least what it burnt, less one clock tick of rounding (plus its start-up, so no upper bound)
      expect(used).toBeGreaterThanOrEqual(300 - 1000 / clockTicks());
    });

    it('counts a process that has ended and not been waited for (no command line left) by its stat’s command name', async () => {
      // a shell called "postgres" (as PostgreSQL's backends are) counts, ends and stays a zombie: the shell that started
      // it has become `sleep`, which never waits for it
      const postgres = join(dir, 'postgres');
      symlinkSync('/bin/sh', postgres);
      const before = cpuByProcess();
      parent = spawn(
        '/bin/sh',
        ['-c', `"${postgres}" -c 'i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done' & exec sleep 60`],
        {
          stdio: 'ignore',
        },
      );
      const zombie = () =>
        readdirSync('/proc')
          .filter((entry) => /^\d+$/.test(entry))
          .map((pid) => {
            try {
              return readFileSync(`/proc/${pid}/stat`, 'utf8');
            } catch {
              return '';
            }
          })
          .find((stat) => stat.includes('(postgres) Z') && stat.split(' ')[3] === String(parent.pid));
      while (!zombie()) await new Promise((ok) => setTimeout(ok, 50));
      expect(cpuTicks(zombie()!)).toBeGreaterThan(0);
      expect(cpuByProcess().postgres - (before.postgres ?? 0)).toBe((cpuTicks(zombie()!) * 1000) / clockTicks());
    });
  });
});
