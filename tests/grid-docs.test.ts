/** docs/grid.md's state diagram and time-limits table say what the code does. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Clock, TIME_LIMITS } from '../subgraphs/grid/events/time-limits';
import { WORKFLOW } from '../subgraphs/grid/events/workflow';

const page = readFileSync(join(__dirname, '..', 'docs', 'grid.md'), 'utf8');

describe('docs/grid.md: the event workflow', () => {
  it('draws exactly the moves of the workflow table', () => {
    const drawn = [...page.matchAll(/^ {4}(\w+) --> (\w+): (\w+) /gm)].map(
      ([, from, to, action]) => `${action} ${from} → ${to}`,
    );
    const declared = Object.entries(WORKFLOW).flatMap(([action, t]) =>
      t.from.map((from) => `${action} ${from} → ${t.to}`),
    );
    expect(drawn.sort()).toEqual(declared.sort());
  });

  it('lists the time limits of the configuration, each with its clock', () => {
    const unit: Record<Clock, string> = { CALENDAR_HOURS: 'h', WORKING_HOURS: 'wh', WORKING_DAYS: 'wd' };
    const rows = [...page.matchAll(/^\| ([A-Z_]+) \(.+?\) \| (.+) \|$/gm)].map(([, category, limits]) => [
      category,
      limits.split(' | '),
    ]);
    const steps = Object.keys(TIME_LIMITS.DISPUTE);
    expect(Object.fromEntries(rows)).toEqual(
      Object.fromEntries(
        Object.entries(TIME_LIMITS).map(([c, limits]) => [
          c,
          steps.map((s) => {
            const limit = limits[s as keyof typeof limits];
            return `${limit.amount} ${unit[limit.clock]}`;
          }),
        ]),
      ),
    );
  });
});
