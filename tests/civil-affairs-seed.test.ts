/** Civil affairs' demo data: every program in every state it can be in, consistent with population's residents. */
import { disabilityCertificateNumber } from '../lib/codes/disability';
import { generateWorld } from '../runner/synthetic/world';
import {
  ELDERLY_ALLOWANCE_MIN_AGE,
  elderlyAllowanceFor,
  PROGRAM_TERMS,
} from '../subgraphs/civil-affairs/config/programs';
import { ageOn } from '../subgraphs/civil-affairs/dates';
import { assistanceLifecycle } from '../subgraphs/civil-affairs/lifecycle';
import { assistanceCases } from '../subgraphs/civil-affairs/seed-cases';
import { caseHistories, welfareRows } from '../subgraphs/civil-affairs/seed-welfare';
import { serviceTimeline } from '../subgraphs/civil-affairs/service-workflow';
import { toFen } from '../subgraphs/civil-affairs/money';

const world = generateWorld({ residents: 50_000 });
const cases = assistanceCases(world);
const welfare = welfareRows(world);
const residents = new Map(world.residents.map((r) => [r.id, r]));

describe('civil affairs’ synthetic district', () => {
  it('has every program in every state its lifecycle reaches', () => {
    const seen = new Set(cases.map((c) => `${c.program} ${c.status}`));
    expect([...seen].sort()).toEqual([
      'EXTREME_POVERTY ACTIVE',
      'EXTREME_POVERTY SUSPENDED',
      'EXTREME_POVERTY TERMINATED',
      'MAJOR_ILLNESS APPLIED',
      'MAJOR_ILLNESS APPROVED',
      'MAJOR_ILLNESS REJECTED',
      'MAJOR_ILLNESS REVIEWING',
      'MINIMUM_LIVING ACTIVE',
      'MINIMUM_LIVING APPLIED',
      'MINIMUM_LIVING APPROVED',
      'MINIMUM_LIVING REJECTED',
      'MINIMUM_LIVING REVIEWING',
      'MINIMUM_LIVING SUSPENDED',
      'MINIMUM_LIVING TERMINATED',
      'TEMPORARY APPLIED',
      'TEMPORARY APPROVED',
      'TEMPORARY REJECTED',
      'TEMPORARY REVIEWING',
    ]);
    expect(new Set(welfare.applications.map((a) => a.status)).size).toBe(6);
  });

  it('keeps every case’s history on the lifecycle’s own path, ending where the case stands', () => {
    const last = new Map<string, string>();
    for (const step of caseHistories(world, cases)) {
      if (step.fromStatus !== null)
        expect(assistanceLifecycle.next(step.caseId, step.fromStatus, step.action)).toBe(step.toStatus);
      else expect(last.has(step.caseId)).toBe(false);
      last.set(step.caseId, step.toStatus);
    }
    expect(cases.filter((c) => last.get(c.id) !== c.status)).toEqual([]);
  });

  it('keeps one open monthly case per household and program, and amounts within each program’s limit', () => {
    const open = cases
      .filter((c) => PROGRAM_TERMS[c.program].perHousehold && !['TERMINATED', 'REJECTED'].includes(c.status))
      .map((c) => `${c.householdId} ${c.program}`);
    expect(open.length - new Set(open).size).toBe(0);
    const over = cases.filter((c) =>
      [c.monthlyAmount, c.oneOffAmount].some((a) => a && toFen(a)! > toFen(PROGRAM_TERMS[c.program].maxAmount)!),
    );
    expect(over).toEqual([]);
  });

  it('pays 高龄津贴 only to residents 80 and over, at their age band; issues certificates holding the holder’s ID number', () => {
    expect(welfare.allowances.length).toBeGreaterThan(0);
    for (const a of welfare.allowances) {
      const age = ageOn(residents.get(a.residentId)!.birthDate, world.asOf);
      expect(age).toBeGreaterThanOrEqual(ELDERLY_ALLOWANCE_MIN_AGE);
      expect(a.monthlyAmount).toBe(elderlyAllowanceFor(age));
    }
    for (const d of welfare.disabilities)
      expect(d.certificateNumber).toBe(
        disabilityCertificateNumber(residents.get(d.residentId)!.idNumber, d.type, d.grade),
      );
  });

  it('follows each service application’s timeline to where it stands, and gives each its own valid tracking code', () => {
    const steps = new Map<string, string[]>();
    for (const s of welfare.applicationSteps)
      steps.set(s.applicationId, [...(steps.get(s.applicationId) ?? []), s.status]);
    for (const a of welfare.applications) {
      const path = steps.get(a.id)!;
      for (let i = 1; i < path.length; i++)
        expect(serviceTimeline.next(a.id, path[i - 1] as never, path[i] as never)).toBe(path[i]);
      expect(path[path.length - 1]).toBe(a.status);
    }
    expect(new Set(welfare.applications.map((a) => a.trackingCode)).size).toBe(welfare.applications.length);
  });

  it('is the same for the same world', () => {
    expect(JSON.stringify(welfareRows(world))).toBe(JSON.stringify(welfare));
  });
});
