/** Who takes each step of an assistance application: the level an official acts at, the declared table, its page. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { levelOver, reaches } from '../../lib/auth/level';
import { NO_SCOPE } from '../../lib/auth/scope';
import { STEP_RULES, stepRulesTable } from '../../subgraphs/civil-affairs/config/steps';
import { stepOf } from '../../subgraphs/civil-affairs/resolvers/assistance-case.duties';

const CASE = { buildingId: 'b-1', communityCode: '110105001002' };

describe('the level an official acts at over a case (lib/auth/level.ts)', () => {
  it.each([
    ['the whole district', { all: true, codePrefixes: [], buildingIds: [] }, 'DISTRICT'],
    ['the district by its code', { ...NO_SCOPE, codePrefixes: ['110105'] }, 'DISTRICT'],
    ['its street', { ...NO_SCOPE, codePrefixes: ['110105001'] }, 'STREET'],
    [
      'its street and its community: the widest counts',
      { ...NO_SCOPE, codePrefixes: ['110105001002', '110105001'] },
      'STREET',
    ],
    ['its community', { ...NO_SCOPE, codePrefixes: ['110105001002'] }, 'COMMUNITY'],
    ['a grid holding its building', { ...NO_SCOPE, buildingIds: ['b-1'] }, 'COMMUNITY'],
    ['another street', { ...NO_SCOPE, codePrefixes: ['110105002'] }, null],
  ] as const)('over %s is %s', (_what, scope, level) => {
    expect(
      levelOver({ ...scope, codePrefixes: [...scope.codePrefixes], buildingIds: [...scope.buildingIds] }, CASE),
    ).toBe(level);
  });

  it('reaches a level at or below its own, never above, and nothing outside the scope', () => {
    expect([reaches('STREET', 'COMMUNITY'), reaches('STREET', 'STREET'), reaches('STREET', 'DISTRICT')]).toEqual([
      true,
      true,
      false,
    ]);
    expect(reaches(null, 'COMMUNITY')).toBe(false);
  });
});

describe('the steps of an application (config/steps.ts)', () => {
  it('maps each action to its step; a rejection before the review ends the investigation, after it is the approval’s', () => {
    expect(
      [
        [null, 'APPLY'],
        ['APPLIED', 'START_REVIEW'],
        ['REVIEWING', 'VERIFY'],
        ['VERIFIED', 'APPROVE'],
        ['REVIEWING', 'REJECT'],
        ['VERIFIED', 'REJECT'],
        ['ACTIVE', 'SUSPEND'],
      ].map(([status, action]) => stepOf(status as never, action as never)),
    ).toEqual(['INTAKE', 'INVESTIGATION', 'REVIEW', 'APPROVAL', 'INVESTIGATION', 'APPROVAL', null]);
  });

  it('has 低保 approved by the district and small 临时救助 by the street', () => {
    expect(STEP_RULES.MINIMUM_LIVING.APPROVAL).toEqual({ role: 'REVIEWER', level: 'DISTRICT' });
    expect(STEP_RULES.TEMPORARY.APPROVAL).toEqual({
      role: 'REVIEWER',
      level: 'STREET',
      above: { amount: '3000.00', level: 'DISTRICT' },
    });
  });

  it('is the table docs/civil-affairs.md shows', () => {
    const page = readFileSync(join(__dirname, '..', '..', 'docs', 'civil-affairs.md'), 'utf8');
    expect(page).toContain(stepRulesTable());
  });
});
