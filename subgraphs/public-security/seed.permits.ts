import { Rng, stableUuid } from '../../runner/synthetic/random';
import { departuresOf, organizationsOf, type World } from '../../runner/synthetic/world';
import { PermitReason } from './entities/enums';
import { addDays, addYears, ageOn } from './seed.dates';
import { seedPlaces } from './seed.places';

export interface PermitRow {
  id: string;
  residentId: string;
  number: string;
  issuedOn: string;
  expiresOn: string;
  reason: PermitReason;
  employer: string | null;
  employerOrganizationId: string | null;
  buildingId: string;
  communityCode: string;
}

const SCHOOLS = ['北京工业职业技术学院', '朝阳区职业技术学校', '北京城市学院'];
const SHOPS = ['水果店', '早餐铺', '快递驿站', '修车铺', '服装店'];

/**
 * The current residence permit (居住证) of each floating resident aged 16 and over who has lived in the district for the
 * six months a permit needs: first issued then, renewed (签注) every year since, except by the one in ten who let it lapse.
 */
export function permitRows(world: World): PermitRow[] {
  const rng = new Rng(world.seed + 1401);
  const { buildingOf, movedInOn } = seedPlaces(world);
  const organizations = organizationsOf(world);
  const rows: PermitRow[] = [];
  for (const r of world.residents) {
    if (r.residenceStatus !== 'FLOATING' || ageOn(r.birthDate, world.asOf) < 16) continue;
    const eligible = addDays(movedInOn.get(r.householdId)!, 183);
    if (eligible > world.asOf) continue;
    const first = addDays(eligible, rng.int(60));
    if (first > world.asOf) continue;
    let renewals = 0;
    while (addYears(first, renewals + 1) <= world.asOf) renewals++;
    if (rng.next() < 0.1) renewals = rng.int(renewals + 1);
    const issuedOn = addYears(first, renewals);
    const building = buildingOf.get(r.householdId)!;
    let reason = PermitReason.OTHER;
    let employer: string | null = null;
    let employerOrganizationId: string | null = null;
    if (r.employmentStatus === 'EMPLOYED' && rng.next() < 0.75) {
      reason = PermitReason.WORK;
      const organization =
        organizations.length && rng.next() < 0.6 ? organizations[rng.int(organizations.length)] : null;
      employer = organization?.name ?? '灵活就业';
      employerOrganizationId = organization?.id ?? null;
    } else if (r.employmentStatus === 'EMPLOYED') {
      reason = PermitReason.BUSINESS;
      employer = `个体经营（${SHOPS[rng.int(SHOPS.length)]}）`;
    } else if (r.employmentStatus === 'STUDENT') {
      reason = PermitReason.STUDY;
      employer = SCHOOLS[rng.int(SCHOOLS.length)];
    } else if (rng.next() < 0.8) reason = PermitReason.FAMILY;
    rows.push({
      id: stableUuid(world.seed, 'residence-permit', rows.length),
      residentId: r.id,
      number: `${world.districtCode}${issuedOn.slice(0, 4)}${String(rows.length + 1).padStart(7, '0')}`,
      issuedOn,
      expiresOn: addYears(issuedOn, 1),
      reason,
      employer,
      employerOrganizationId,
      buildingId: building.id,
      communityCode: building.communityCode,
    });
  }
  // a resident who died or moved away holds no current permit (dropped after drawing, so the others keep theirs)
  const departures = departuresOf(world);
  return rows.filter((p) => !departures.has(p.residentId));
}
