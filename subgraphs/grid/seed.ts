import { startOfDay } from '../../lib/calendar';
import { copyRows } from '../../lib/db/copy';
import type { DepartmentSeeder } from '../../runner/synthetic/seeder';
import type { World, WorldRegion } from '../../runner/synthetic/world';
import { GridType, StaffRole } from './entities/enums';
import { eventRows } from './seed.events';
import { facilityRows } from './seed.facilities';
import { type StaffLink, type StaffRow, staffRows } from './seed.staff';
import { visitRows } from './seed.visits';

/** Materialized paths ('/<district id>/…/<own id>/'); world.regions lists every parent before its children. */
function paths(regions: WorldRegion[]): Map<string, string> {
  const path = new Map<string, string>();
  for (const r of regions) {
    const above = r.parentId ? path.get(r.parentId) : '/';
    if (above === undefined) throw new Error(`region ${r.code} comes before its parent ${r.parentId}`);
    path.set(r.id, `${above}${r.id}/`);
  }
  return path;
}

const ROADS = [
  '建设路',
  '人民路',
  '和平街',
  '光明路',
  '朝阳路',
  '幸福街',
  '复兴路',
  '文化路',
  '育才路',
  '滨河路',
  '友谊路',
  '新华街',
];

/** A grid's boundary as the public notice writes it (网格范围: 东至…西至…南至…北至…), from its code. */
export function boundaryOf(region: WorldRegion): string | null {
  if (region.level !== 'GRID') return null;
  const n = Number(region.code.slice(-5));
  const road = (k: number) => ROADS[(n * 7 + k * 5) % ROADS.length];
  return `东至${road(0)}，西至${road(1)}，南至${road(2)}，北至${road(3)}`;
}

/** When the demo's building assignments began (the district's first census of buildings into micro-grids). */
export const ASSIGNED_SINCE = startOfDay('2024-01-01');

/** Each grid's full-time worker (专职网格员), who makes the monthly round. */
export function workerOfGrid(staff: StaffRow[], links: StaffLink[]): Map<string, string> {
  const roles = new Map(staff.map((s) => [s.id, s.role]));
  return new Map(
    links.filter((l) => roles.get(l.staffId) === StaffRole.FULL_TIME_WORKER).map((l) => [l.regionId, l.staffId]),
  );
}

/** Grid's slice: the region tree, every building's micro-grid, the grid workforce, visits and events. */
export const seedGrid: DepartmentSeeder = async (client, world: World) => {
  const now = new Date();
  const path = paths(world.regions);
  const { staff, links } = staffRows(world);
  const staffOf = new Map<string, string[]>();
  for (const l of links) (staffOf.get(l.regionId) ?? staffOf.set(l.regionId, []).get(l.regionId)!).push(l.staffId);
  const parent = new Map(world.regions.map((r) => [r.id, r.parentId]));
  const responsible = (microGridId: string) => {
    const grid = parent.get(microGridId)!;
    return [microGridId, grid, parent.get(grid)!].flatMap((r) => staffOf.get(r) ?? []);
  };
  const { events, transitions, supervisions, followUps } = eventRows(world, now);
  const facilities = [...facilityRows(world)];
  const counts = {
    region: await copyRows(
      client,
      'region',
      ['id', 'parent_id', 'level', 'code', 'name', 'grid_type', 'target_households', 'path', 'boundary'],
      world.regions,
      (r) => [
        r.id,
        r.parentId,
        r.level,
        r.code,
        r.name,
        r.gridType && GridType[r.gridType],
        r.targetHouseholds,
        path.get(r.id),
        boundaryOf(r),
      ],
    ),
    building_assignment: await copyRows(
      client,
      'building_assignment',
      ['building_id', 'micro_grid_id', 'address'],
      world.buildings,
      (b) => [b.id, b.microGridId, b.address],
    ),
    building_assignment_period: await copyRows(
      client,
      'building_assignment_period',
      ['id', 'building_id', 'micro_grid_id', 'valid_from', 'responsible_staff_ids', 'moved_by'],
      world.buildings.entries(),
      ([i, b]) => [i + 1, b.id, b.microGridId, ASSIGNED_SINCE, `{${responsible(b.microGridId).join(',')}}`, 'seed'],
    ),
    staff: await copyRows(client, 'staff', ['id', 'name', 'role', 'phone', 'office_phone'], staff, (s) => [
      s.id,
      s.name,
      s.role,
      s.phone,
      s.officePhone,
    ]),
    staff_region: await copyRows(client, 'staff_region', ['staff_id', 'region_id'], links, (l) => [
      l.staffId,
      l.regionId,
    ]),
    visit: await copyRows(
      client,
      'visit',
      [
        'id',
        'household_id',
        'building_id',
        'community_code',
        'staff_id',
        'recorded_by',
        'visited_at',
        'kind',
        'findings',
        'follow_up_needed',
      ],
      visitRows(world, workerOfGrid(staff, links), now),
      (v) => [
        v.id,
        v.householdId,
        v.buildingId,
        v.communityCode,
        v.staffId,
        'seed',
        v.visitedAt,
        v.kind,
        v.findings,
        v.followUpNeeded,
      ],
    ),
    event: await copyRows(
      client,
      'event',
      [
        'id',
        'idempotency_key',
        'report_fingerprint',
        'reporter_subject',
        'reporter_name',
        'source',
        'category',
        'title',
        'description',
        'region_id',
        'handling_region_id',
        'community_code',
        'building_id',
        'resident_ids',
        'status',
        'department',
        'version',
        'reported_at',
        'step_started_at',
        'step_deadline',
        'late_steps',
        'returned_count',
        'closed_at',
      ],
      events,
      (e) => [
        e.id,
        `seed:${e.id}`,
        'seed',
        'seed-grid-worker',
        '网格员',
        e.source,
        e.category,
        e.title,
        e.description,
        e.regionId,
        e.handlingRegionId,
        e.communityCode,
        e.buildingId,
        `{${e.residentIds.join(',')}}`,
        e.status,
        e.department,
        e.version,
        e.reportedAt,
        e.stepStartedAt,
        e.stepDeadline,
        e.lateSteps,
        e.returnedCount,
        e.closedAt,
      ],
    ),
    event_transition: await copyRows(
      client,
      'event_transition',
      [
        'id',
        'event_id',
        'action',
        'from_status',
        'to_status',
        'actor_subject',
        'actor_name',
        'actor_role',
        'comment',
        'department',
        'at',
        'deadline',
        'late',
      ],
      transitions.entries(),
      ([i, t]) => [
        i + 1,
        t.eventId,
        t.action,
        t.fromStatus,
        t.toStatus,
        t.actor.subject,
        t.actor.name,
        t.actor.role,
        t.comment,
        t.department,
        t.at,
        t.deadline,
        t.late,
      ],
    ),
    event_supervision: await copyRows(
      client,
      'event_supervision',
      [
        'id',
        'event_id',
        'department',
        'reason',
        'supervisor_subject',
        'supervisor_name',
        'supervisor_role',
        'at',
        'overdue_since',
      ],
      supervisions,
      (v) => [
        v.id,
        v.eventId,
        v.department,
        v.reason,
        'seed-street-official',
        '街道督办员',
        'GRID:GRID_LEADER',
        v.at,
        v.overdueSince,
      ],
    ),
    event_follow_up: await copyRows(
      client,
      'event_follow_up',
      [
        'id',
        'event_id',
        'closed_at',
        'department',
        'satisfaction',
        'comment',
        'reopened',
        'recorder_subject',
        'recorder_name',
        'at',
      ],
      followUps,
      (f) => [
        f.id,
        f.eventId,
        f.closedAt,
        f.department,
        f.satisfaction,
        f.comment,
        false,
        'seed-dispatcher',
        '调度中心',
        f.at,
      ],
    ),
    facility: await copyRows(
      client,
      'facility',
      [
        'id',
        'class_code',
        'name',
        'region_id',
        'community_code',
        'building_id',
        'scope_building_id',
        'longitude',
        'latitude',
        'condition',
        'recorded_by',
        'recorded_by_name',
        'recorded_at',
      ],
      facilities,
      (f) => [
        f.id,
        f.classCode,
        f.name,
        f.regionId,
        f.communityCode,
        f.buildingId,
        f.scopeBuildingId,
        f.longitude,
        f.latitude,
        f.condition,
        'seed',
        '部件普查',
        f.recordedAt,
      ],
    ),
    facility_condition_change: await copyRows(
      client,
      'facility_condition_change',
      ['id', 'facility_id', 'to_condition', 'actor_subject', 'actor_name', 'at'],
      facilities.entries(),
      ([i, f]) => [i + 1, f.id, f.condition, 'seed', '部件普查', f.recordedAt],
    ),
  };
  // seeded rows carry their own serial ids (the same on every reload); the application's rows continue after them
  for (const table of ['building_assignment_period', 'event_transition', 'facility_condition_change']) {
    await client.query(
      `select setval(pg_get_serial_sequence('${table}', 'id'), greatest((select max(id) from ${table}), 1))`,
    );
  }
  return counts;
};
