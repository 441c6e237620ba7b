/** docs/grid.md's state diagram and time-limits table say what the code does. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TIME_LIMIT_HOURS } from '../subgraphs/grid/events/time-limits';
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

  it('lists the time limits of the configuration', () => {
    const rows = [...page.matchAll(/^\| ([A-Z_]+) \(.+?\) \| (.+) \|$/gm)].map(([, category, hours]) => [
      category,
      hours.split(' | ').map(Number),
    ]);
    const steps = Object.keys(TIME_LIMIT_HOURS.DISPUTE);
    expect(Object.fromEntries(rows)).toEqual(
      Object.fromEntries(
        Object.entries(TIME_LIMIT_HOURS).map(([c, limits]) => [
          c,
          steps.map((s) => (limits as Record<string, number>)[s]),
        ]),
      ),
    );
  });
});
