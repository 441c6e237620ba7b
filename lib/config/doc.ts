import { DEPARTMENTS, departmentInfo } from '../departments';
import { DECLARED, type Group, GROUPS, PER_DEPARTMENT } from './declared';

const cell = (text: string) => text.replace(/\|/g, '\\|');
const row = (variable: string, value: string, meaning: string) =>
  `| ${cell(variable)} | ${cell(value)} | ${cell(meaning)} |`;

/** The rows of one group: its settings, then the per-department ones (one row each, naming the four variables). */
function rows(group: Group): string[] {
  const single = Object.entries(DECLARED)
    .filter(([, s]) => s.group === group)
    .map(([name, s]) => row(`\`${name}\``, s.default, s.description));
  const perDepartment = Object.values(PER_DEPARTMENT)
    .filter((p) => p.group === group)
    .map((p) => {
      const infos = DEPARTMENTS.map(departmentInfo);
      const defaults = [...new Set(infos.map((i) => p.setting(i).default))];
      const value =
        defaults.length === 1 ? defaults[0] : infos.map((i) => `${p.setting(i).default} (${i.name})`).join(', ');
      return row(infos.map((i) => `\`${p.variable(i)}\``).join(', '), value, p.setting(infos[0]).description);
    });
  return [...perDepartment, ...single];
}

/** docs/configuration.md, as the declarations in lib/config/declared.ts say it. */
export function configurationDoc(): string {
  const lines = [
    '# Configuration',
    '',
    '<!-- written by `npm run settings:doc` from lib/config/declared.ts; tests/unit/configuration.test.ts fails when they differ -->',
    '',
    'Everything has a default that works on one machine; environment variables point the parts elsewhere. Every',
    'process reads them through `lib/config` (`settings()`), which checks them all when it starts: a bad value stops it',
    'with a message naming the variable and what it must be, e.g. `bad settings: HUB_MAX_DEPTH must be a whole number of',
    'at least 1, not "deep"`. A variable set to the empty string counts as unset. `docker-compose.yml` and `k8s/` use',
    'the same names; a department’s variables are named after it in `lib/departments.ts`.',
    '',
  ];
  for (const [group, title] of Object.entries(GROUPS) as [Group, string][]) {
    lines.push(`## ${title}`, '', '| variable | default | meaning |', '| --- | --- | --- |', ...rows(group), '');
  }
  return lines.join('\n');
}
