import { copyRows } from '../../lib/db/copy';
import type { DepartmentSeeder } from '../../runner/synthetic/seeder';
import { assistanceCases } from './seed-cases';
import { caseHistories, welfareRows } from './seed-welfare';

const PLACE = ['building_id', 'community_code'];

/**
 * Civil affairs' slice: social assistance cases (社会救助) with their histories, disability certificates, elderly and
 * special care, service applications with their timelines, volunteers. Each record is kept where it is handled (the
 * building of the resident's household, as the form states it). Everything goes in by COPY, one pass per table.
 */
export const seedCivilAffairs: DepartmentSeeder = async (client, world) => {
  const buildings = new Map(world.buildings.map((b) => [b.id, b]));
  const householdBuilding = new Map(world.households.map((h) => [h.id, buildings.get(h.buildingId)!]));
  const residentHousehold = new Map(world.residents.map((r) => [r.id, r.householdId]));
  const placeOf = (residentId: string, householdId?: string | null) => {
    const building = householdBuilding.get(householdId ?? residentHousehold.get(residentId)!)!;
    return [building.id, building.communityCode];
  };
  const cases = assistanceCases(world);
  const histories = [...caseHistories(world, cases)];
  const stepsOf = new Map<string, number>();
  for (const s of histories) stepsOf.set(s.caseId, s.position);
  const welfare = welfareRows(world);
  const copy = <T>(table: string, columns: string[], rows: Iterable<T>, cells: (row: T) => unknown[]) =>
    copyRows(client, table, columns, rows, cells as never);
  return {
    assistance_case: await copy(
      'assistance_case',
      [
        'id',
        'resident_id',
        'household_id',
        'program',
        'status',
        'monthly_amount',
        'one_off_amount',
        'applied_on',
        'decided_on',
        'starts_on',
        'ends_on',
        'next_review_on',
        'steps',
        ...PLACE,
      ],
      cases,
      (c) => [
        c.id,
        c.residentId,
        c.householdId,
        c.program,
        c.status,
        c.monthlyAmount,
        c.oneOffAmount,
        c.appliedOn,
        c.decidedOn,
        c.startsOn,
        c.endsOn,
        c.nextReviewOn,
        stepsOf.get(c.id),
        ...placeOf(c.residentId, c.householdId),
      ],
    ),
    assistance_case_step: await copy(
      'assistance_case_step',
      ['id', 'case_id', 'position', 'action', 'from_status', 'to_status', 'at', 'actor', 'reason', 'amount'],
      histories,
      (s) => [s.id, s.caseId, s.position, s.action, s.fromStatus, s.toStatus, s.at, s.actor, s.reason, s.amount],
    ),
    disability: await copy(
      'disability',
      ['id', 'resident_id', 'type', 'grade', 'certificate_number', 'issued_on', ...PLACE],
      welfare.disabilities,
      (d) => [d.id, d.residentId, d.type, d.grade, d.certificateNumber, d.issuedOn, ...placeOf(d.residentId)],
    ),
    elderly_allowance: await copy(
      'elderly_allowance',
      ['id', 'resident_id', 'monthly_amount', 'starts_on', ...PLACE],
      welfare.allowances,
      (a) => [a.id, a.residentId, a.monthlyAmount, a.startsOn, ...placeOf(a.residentId)],
    ),
    home_care_service: await copy(
      'home_care_service',
      ['id', 'resident_id', 'kind', 'hours_per_month', 'starts_on', ...PLACE],
      welfare.homeCare,
      (h) => [h.id, h.residentId, h.kind, h.hoursPerMonth, h.startsOn, ...placeOf(h.residentId)],
    ),
    special_care: await copy(
      'special_care',
      ['id', 'resident_id', 'category', 'monthly_amount', 'since', ...PLACE],
      welfare.specialCare,
      (s) => [s.id, s.residentId, s.category, s.monthlyAmount, s.since, ...placeOf(s.residentId)],
    ),
    service_application: await copy(
      'service_application',
      ['id', 'resident_id', 'kind', 'status', 'tracking_code', 'submitted_at', 'updated_at', 'steps', ...PLACE],
      welfare.applications,
      (a) => [
        a.id,
        a.residentId,
        a.kind,
        a.status,
        a.trackingCode,
        a.submittedAt,
        a.updatedAt,
        a.steps,
        ...placeOf(a.residentId),
      ],
    ),
    service_application_step: await copy(
      'service_application_step',
      ['id', 'application_id', 'position', 'status', 'at', 'actor', 'note'],
      welfare.applicationSteps,
      (s) => [s.id, s.applicationId, s.position, s.status, s.at, 'synthetic', s.note],
    ),
    volunteer_team: await copy('volunteer_team', ['id', 'name', 'community_code'], welfare.teams, (t) => [
      t.id,
      t.name,
      t.communityCode,
    ]),
    volunteer: await copy(
      'volunteer',
      ['id', 'resident_id', 'skills', 'team_id', 'registered_on', 'total_hours', ...PLACE],
      welfare.volunteers,
      (v) => [
        v.id,
        v.residentId,
        `{${v.skills.join(',')}}`,
        v.teamId,
        v.registeredOn,
        v.totalHours,
        ...placeOf(v.residentId),
      ],
    ),
    volunteer_service: await copy(
      'volunteer_service',
      ['id', 'volunteer_id', 'served_on', 'hours', 'activity'],
      welfare.volunteerServices,
      (s) => [s.id, s.volunteerId, s.servedOn, s.hours, s.activity],
    ),
  };
};
