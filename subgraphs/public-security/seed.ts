import { isCountyCode } from '../../lib/codes/division';
import { copyRows } from '../../lib/db/copy';
import { Rng, stableUuid } from '../../runner/synthetic/random';
import type { DepartmentSeeder } from '../../runner/synthetic/seeder';
import type { World, WorldBuilding, WorldResident } from '../../runner/synthetic/world';
import { RegistrationType } from './entities/enums';
import { addDays, ageOn, daysBetween } from './seed.dates';
import { gridPoliceOf } from '../../runner/synthetic/world';
import { seedPlaces } from './seed.places';
import { incidentRows } from './seed.incidents';
import { keyPersonContactRows, keyPersonRows } from './seed.key-persons';
import { permitRows } from './seed.permits';
import { rentalRows } from './seed.rentals';

/** Places of the county codes the synthetic world draws ID numbers from (GB/T 2260). */
const PLACES: Record<string, string> = {
  '110105': '北京市朝阳区',
  '130102': '河北省石家庄市长安区',
  '230102': '黑龙江省哈尔滨市道里区',
  '340102': '安徽省合肥市瑶海区',
  '370102': '山东省济南市历下区',
  '410102': '河南省郑州市中原区',
  '420102': '湖北省武汉市江岸区',
  '510104': '四川省成都市锦江区',
  '610102': '陕西省西安市新城区',
};
const ROADS = ['人民路', '解放路', '建设路', '中山路', '胜利路', '和平路', '文化路', '新华路', '长江路', '黄河路'];

const TYPE_OF = {
  REGISTERED: RegistrationType.LOCAL,
  FLOATING: RegistrationType.NON_LOCAL,
  OVERSEAS: RegistrationType.NONE,
} as const;

interface RegistrationRow {
  residentId: string;
  type: RegistrationType;
  hukouAddress: string | null;
  hukouDivisionCode: string | null;
  registeredOn: string | null;
}

/** A plausible address in the hukou place, the same for members of one household from the same place. */
function addressIn(code: string, householdId: string): string {
  const h = Math.imul(parseInt(householdId.slice(0, 8), 16) ^ Number(code), 0x9e3779b1) >>> 0;
  return `${PLACES[code] ?? ''}${ROADS[h % ROADS.length]}${1 + ((h >>> 8) % 300)}号院${1 + ((h >>> 18) % 20)}号楼`;
}

function* registrations(world: World, buildingOf: Map<string, WorldBuilding>): Generator<RegistrationRow> {
  const rng = new Rng(world.seed + 1301);
  for (const r of world.residents) {
    const type = TYPE_OF[r.residenceStatus];
    if (type === RegistrationType.NONE) {
      yield { residentId: r.id, type, hukouAddress: null, hukouDivisionCode: null, registeredOn: null };
      continue;
    }
    const code = r.idNumber.slice(0, 6);
    if (!isCountyCode(code))
      throw new Error(`resident ${r.index}: ID number starts with "${code}", not a GB/T 2260 county code`);
    yield {
      residentId: r.id,
      type,
      hukouDivisionCode: code,
      hukouAddress:
        type === RegistrationType.LOCAL
          ? (buildingOf.get(r.householdId)?.address ?? null)
          : addressIn(code, r.householdId),
      registeredOn: type === RegistrationType.LOCAL ? localRegistrationDate(r, world.asOf, rng) : r.birthDate,
    };
  }
}

/** Most local residents were registered at birth; the others moved their hukou in (迁入) later. */
function localRegistrationDate(r: WorldResident, asOf: string, rng: Rng): string {
  if (rng.next() < 0.65) return r.birthDate;
  const daysLived = Math.max(1, daysBetween(r.birthDate, asOf));
  const from = ageOn(r.birthDate, asOf) >= 18 ? Math.min(daysLived - 1, 18 * 365) : 0;
  return addDays(r.birthDate, from + rng.int(daysLived - from));
}

/** Public security's slice: a household registration for every resident, permits, rentals, incidents, key persons, grid police. */
/** A station's duty phone (派出所值班电话), the same for every grid it polices. */
export function stationPhone(station: string): string {
  let h = 0;
  for (const c of station) h = Math.imul(h ^ c.charCodeAt(0), 0x9e3779b1) >>> 0;
  return `010-8${String(h % 1e7).padStart(7, '0')}`;
}

export const seedPublicSecurity: DepartmentSeeder = async (client, world) => {
  const codeOf = new Map(world.regions.map((r) => [r.id, r.code]));
  const { buildingOf } = seedPlaces(world);
  const keyPersons = keyPersonRows(world, buildingOf);
  const { rentals, tenancies, inspections } = rentalRows(world);
  const { incidents, parties } = incidentRows(world);
  return {
    household_registration: await copyRows(
      client,
      'household_registration',
      ['resident_id', 'type', 'hukou_address', 'hukou_division_code', 'registered_on'],
      registrations(world, buildingOf),
      (r) => [r.residentId, r.type, r.hukouAddress, r.hukouDivisionCode, r.registeredOn],
    ),
    key_person: await copyRows(
      client,
      'key_person',
      [
        'id',
        'resident_id',
        'category',
        'risk_level',
        'supervising_officer',
        'since',
        'until',
        'active',
        'building_id',
        'community_code',
      ],
      keyPersons,
      (k) => [
        k.id,
        k.residentId,
        k.category,
        k.riskLevel,
        k.supervisingOfficer,
        k.since,
        k.until,
        k.active,
        k.buildingId,
        k.communityCode,
      ],
    ),
    key_person_contact: await copyRows(
      client,
      'key_person_contact',
      ['id', 'key_person_id', 'contacted_on', 'method', 'officer', 'notes'],
      keyPersonContactRows(world, keyPersons),
      (c) => [c.id, c.keyPersonId, c.contactedOn, c.method, c.officer, c.notes],
    ),
    residence_permit: await copyRows(
      client,
      'residence_permit',
      [
        'id',
        'resident_id',
        'number',
        'issued_on',
        'expires_on',
        'reason',
        'employer',
        'employer_organization_id',
        'building_id',
        'community_code',
      ],
      permitRows(world),
      (p) => [
        p.id,
        p.residentId,
        p.number,
        p.issuedOn,
        p.expiresOn,
        p.reason,
        p.employer,
        p.employerOrganizationId,
        p.buildingId,
        p.communityCode,
      ],
    ),
    rental_housing: await copyRows(
      client,
      'rental_housing',
      ['id', 'building_id', 'community_code', 'room', 'landlord_id', 'registered_on', 'risk_level'],
      rentals,
      (r) => [r.id, r.buildingId, r.communityCode, r.room, r.landlordId, r.registeredOn, r.riskLevel],
    ),
    rental_tenancy: await copyRows(
      client,
      'rental_tenancy',
      ['id', 'rental_id', 'resident_id', 'moved_in_on', 'moved_out_on', 'registered_on'],
      tenancies,
      (t) => [t.id, t.rentalId, t.residentId, t.movedInOn, t.movedOutOn, t.registeredOn],
    ),
    rental_inspection: await copyRows(
      client,
      'rental_inspection',
      ['id', 'rental_id', 'inspected_on', 'result', 'hazards', 'inspector'],
      inspections,
      (i) => [i.id, i.rentalId, i.inspectedOn, i.result, i.hazards, i.inspector],
    ),
    incident: await copyRows(
      client,
      'incident',
      ['id', 'occurred_at', 'type', 'status', 'building_id', 'community_code', 'summary'],
      incidents,
      (i) => [i.id, i.occurredAt, i.type, i.status, i.buildingId, i.communityCode, i.summary],
    ),
    incident_party: await copyRows(client, 'incident_party', ['incident_id', 'resident_id', 'role'], parties, (p) => [
      p.incidentId,
      p.residentId,
      p.role,
    ]),
    grid_police_assignment: await copyRows(
      client,
      'grid_police_assignment',
      [
        'id',
        'region_id',
        'staff_id',
        'community_code',
        'name',
        'badge_number',
        'police_station',
        'station_phone',
        'since',
      ],
      gridPoliceOf(world).map((p, i) => ({ ...p, i })),
      (p) => [
        stableUuid(world.seed, 'grid-police-assignment', p.i),
        p.gridId,
        p.id,
        codeOf.get(p.gridId)!.slice(0, 12),
        p.name,
        p.badgeNumber,
        p.policeStation,
        stationPhone(p.policeStation),
        p.since,
      ],
    ),
  };
};
