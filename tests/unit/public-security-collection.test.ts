import type { ForwardedIdentity } from '../../lib/auth/forwarded';
import type { ResolvedScope } from '../../lib/auth/scope';
import { formatInstant } from '../../lib/calendar';
import { collectedPlaceIn } from '../../subgraphs/public-security/collection/scope';
import { collectedDue, TIME_LIMITS } from '../../subgraphs/public-security/collection/time-limit';
import type { CollectedRental } from '../../subgraphs/public-security/entities/collected-rental';
import { collectedRentalWorkflow } from '../../subgraphs/public-security/workflows';

/** What public security decides about a collected rental without a database: its time limit, its place, its workflow. */
describe('a collected rental’s time limit (核实时限)', () => {
  it('is 3 working days counted from the next day, ending with the last one, holidays and make-up days as scheduled', () => {
    expect(TIME_LIMITS).toEqual({
      RENTAL: { amount: 3, clock: 'WORKING_DAYS' },
      TENANTS: { amount: 3, clock: 'WORKING_DAYS' },
    });
    // Friday: Monday, Tuesday, Wednesday
    expect(formatInstant(collectedDue('RENTAL', new Date('2026-11-27T10:00:00+08:00')))).toBe(
      '2026-12-03T00:00:00.000+08:00',
    );
    // the day before 国庆节 (1–7 October): Thursday 8, Friday 9 and Saturday 10 October, a working day that year
    expect(formatInstant(collectedDue('TENANTS', new Date('2026-09-30T16:00:00+08:00')))).toBe(
      '2026-10-11T00:00:00.000+08:00',
    );
  });
});

describe('where a collected rental is, for a caller’s scope', () => {
  const B1 = '00000000-0000-4000-8000-000000000001';
  const B2 = '00000000-0000-4000-8000-000000000002';
  const item = (placed: Partial<CollectedRental>) =>
    ({
      buildingId: null,
      communityCode: null,
      scopeAll: false,
      scopeBuildings: [B1],
      scopeCodes: ['110105001002'],
      ...placed,
    }) as CollectedRental;
  const as = (scope: Partial<ResolvedScope>) => ({
    identity: { resolvedScope: { all: false, codePrefixes: [], buildingIds: [], ...scope } } as ForwardedIdentity,
  });

  it('is its building once known', () => {
    expect(collectedPlaceIn(item({ buildingId: B2, communityCode: '110105001003' }), as({}))).toEqual({
      buildingId: B2,
      communityCode: '110105001003',
    });
  });

  it('before that, is where the collector’s scope meets the caller’s: a building of both, or a community inside it', () => {
    expect(collectedPlaceIn(item({}), as({ buildingIds: [B2, B1] }))).toEqual({ buildingId: B1 });
    expect(collectedPlaceIn(item({}), as({ codePrefixes: ['110105001'] }))).toEqual({ communityCode: '110105001002' });
    expect(collectedPlaceIn(item({}), as({ all: true }))).toEqual({});
    expect(collectedPlaceIn(item({}), as({ buildingIds: [B2], codePrefixes: ['110105002'] }))).toBeNull();
    // a collector's whole street is not inside one community of it
    expect(collectedPlaceIn(item({ scopeCodes: ['110105001'] }), as({ codePrefixes: ['110105001002'] }))).toBeNull();
  });
});

describe('the collected-rental workflow', () => {
  it('decides once: PENDING → APPLIED or REJECTED (a reason), both final', () => {
    expect(collectedRentalWorkflow.allowedActions('PENDING' as never)).toEqual(['VERIFY', 'REJECT']);
    expect(collectedRentalWorkflow.needs('REJECT', 'reason')).toBe(true);
    expect(() => collectedRentalWorkflow.next('x', 'APPLIED' as never, 'REJECT')).toThrow(
      'collected rental x is APPLIED: REJECT is possible only from PENDING (APPLIED is final)',
    );
  });
});
