import { Rng, stableUuid } from '../../runner/synthetic/random';
import type { World } from '../../runner/synthetic/world';
import { VisitKind } from './entities/visit';
import { seedClock } from './seed.events';
import { addMonthsToMonth, dayOf, daysBetween, firstOfNextMonth, monthOf } from '../../lib/calendar';

export interface VisitRow {
  id: string;
  householdId: string;
  buildingId: string;
  communityCode: string;
  staffId: string;
  visitedAt: Date;
  kind: VisitKind;
  findings: string;
  followUpNeeded: boolean;
}

/** Months before the current one that carry visits, and each month's share of households visited (never all). */
const PAST_MONTH_COVERAGE = [0.86, 0.91];
/** This month: a share at the start, growing with the days gone by, up to this */
const CURRENT_MONTH = { atStart: 0.2, atEnd: 0.9 };

const FINDINGS = [
  '一切正常',
  '一切正常',
  '一切正常',
  '老人身体状况良好',
  '反映楼道灯不亮',
  '住户信息已核实',
  '建议加装扶手',
  '家中无人，已留联系卡',
];

/**
 * The monthly rounds (走访) of the last months: every household in a month with that month's share, by the grid's
 * full-time worker (`workerOfGrid`), at a time within the month (this month: until the seed's clock, seedClock).
 * Deterministic for a world and an hour.
 */
export function* visitRows(world: World, workerOfGrid: Map<string, string>, at: Date): Generator<VisitRow> {
  const now = seedClock(at);
  const rng = new Rng(world.seed + 11);
  const gridOfMicro = new Map(world.regions.filter((r) => r.level === 'MICRO_GRID').map((r) => [r.id, r.parentId!]));
  const buildings = new Map(world.buildings.map((b) => [b.id, b]));
  const current = monthOf(now);
  const months = PAST_MONTH_COVERAGE.map((share, i) => {
    const month = addMonthsToMonth(current, i - PAST_MONTH_COVERAGE.length);
    return { ...month, until: month.to, share };
  });
  // by whole days gone by (in the district), so the same day gives the same households whatever the hour
  const day = dayOf(now);
  const elapsed = (Number(day.slice(8)) - 1) / daysBetween(`${current.key}-01`, firstOfNextMonth(day));
  months.push({
    ...current,
    until: now,
    share: CURRENT_MONTH.atStart + (CURRENT_MONTH.atEnd - CURRENT_MONTH.atStart) * elapsed,
  });
  let n = 0;
  for (const [m, month] of months.entries()) {
    for (const household of world.households) {
      const draw = rng.next();
      const when = rng.next();
      const finding = rng.int(FINDINGS.length);
      if (draw >= month.share) continue;
      const building = buildings.get(household.buildingId)!;
      yield {
        id: stableUuid(world.seed, `visit-${m}`, n++),
        householdId: household.id,
        buildingId: building.id,
        communityCode: building.communityCode,
        staffId: workerOfGrid.get(gridOfMicro.get(building.microGridId)!)!,
        visitedAt: new Date(month.from.getTime() + Math.floor(when * (month.until.getTime() - month.from.getTime()))),
        kind: finding === 3 || finding === 6 ? VisitKind.CARE : VisitKind.ROUTINE,
        findings: FINDINGS[finding],
        followUpNeeded: finding === 4 || finding === 6,
      };
    }
  }
}
