import { today } from '../../lib/calendar';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { IdentityForwarder } from '../../lib/auth/forwarded';
import type { Organization } from '../../lib/auth/identity';
import type { ResolvedScope } from '../../lib/auth/scope';
import { addDays } from '../../subgraphs/public-security/seed.dates';
import { incidentRows } from '../../subgraphs/public-security/seed.incidents';
import { keyPersonContactRows, keyPersonRows } from '../../subgraphs/public-security/seed.key-persons';
import { permitRows } from '../../subgraphs/public-security/seed.permits';
import { seedPlaces } from '../../subgraphs/public-security/seed.places';
import { rentalRows } from '../../subgraphs/public-security/seed.rentals';
import { CONTACT_INTERVAL_DAYS, INSPECTION_INTERVAL_DAYS } from '../../subgraphs/public-security/supervision';
import type { Caller } from './callers';
import { type GraphQLResponse, hub } from './hub';
import { testWorld } from './world';

/** What public security's seeders wrote into the test hub (the same functions, the same world). */
export function publicSecurityData() {
  const world = testWorld();
  const keyPersons = keyPersonRows(world, seedPlaces(world).buildingOf);
  return {
    permits: permitRows(world),
    ...rentalRows(world),
    ...incidentRows(world),
    keyPersons,
    contacts: keyPersonContactRows(world, keyPersons),
  };
}

export { today };
export const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The buildings of a region of the world (grid, micro-grid, community…): those of the micro-grids below it. */
export function buildingsIn(regionId: string): Set<string> {
  const world = testWorld();
  const below = new Set([regionId]);
  for (const r of world.regions) if (r.parentId && below.has(r.parentId)) below.add(r.id);
  return new Set(world.buildings.filter((b) => below.has(b.microGridId)).map((b) => b.id));
}

/** The current permits expiring within `days` of today in these buildings, by id (the reminder list). */
export function permitsExpiringWithin(buildings: Set<string>, days: number) {
  const until = addDays(today(), days);
  return publicSecurityData()
    .permits.filter((p) => buildings.has(p.buildingId) && p.expiresOn >= today() && p.expiresOn <= until)
    .sort(byId);
}

/** Rentals in these buildings with a current tenant not registered, or the inspection overdue, by id. */
export function rentalsNeedingAttention(buildings: Set<string>) {
  const { rentals, tenancies, inspections } = publicSecurityData();
  return rentals
    .filter((r) => buildings.has(r.buildingId))
    .filter((r) => {
      const unregistered = tenancies.some((t) => t.rentalId === r.id && !t.movedOutOn && !t.registeredOn);
      const last =
        inspections
          .filter((i) => i.rentalId === r.id)
          .map((i) => i.inspectedOn)
          .sort()
          .at(-1) ??
        r.registeredOn ??
        '1900-01-01';
      return unregistered || addDays(last, INSPECTION_INTERVAL_DAYS[r.riskLevel]) < today();
    })
    .sort(byId);
}

/** Active key persons in these buildings whose contact is overdue today, by id. */
export function keyPersonsOverdue(buildings: Set<string>) {
  const { keyPersons, contacts } = publicSecurityData();
  return keyPersons
    .filter((k) => k.active && k.buildingId && buildings.has(k.buildingId))
    .filter(
      (k) =>
        addDays(
          contacts
            .filter((c) => c.keyPersonId === k.id)
            .map((c) => c.contactedOn)
            .sort()
            .at(-1) ?? k.since,
          CONTACT_INTERVAL_DAYS[k.riskLevel],
        ) < today(),
    )
    .sort(byId);
}

/** The grid police officer (网格警) of a grid: a PUBLIC_SECURITY token scoped to that grid. */
export const gridPoliceOf = (gridId: string): Caller => ({
  department: 'PUBLIC_SECURITY',
  role: 'GRID_POLICE',
  scope: [gridId],
  subject: `police-of-${gridId}`,
});

/**
 * Sends an operation straight to a department's port with an identity the gateway itself signed and bound to it (the
 * strongest thing anyone but the gateway could hold): whatever a department refuses, it refuses on its own.
 */
export async function straightTo(
  department: string,
  who: { department: Organization; role: string },
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResponse> {
  const { gatewayPrivateKey } = JSON.parse(readFileSync(hub().secretsFile, 'utf8')) as { gatewayPrivateKey: string };
  const forwarder = await IdentityForwarder.fromPrivateJwk(gatewayPrivateKey);
  const resolvedScope: ResolvedScope = { all: true, codePrefixes: [], buildingIds: [] };
  const body = JSON.stringify({ query, variables });
  const header = await forwarder.header(
    {
      subject: `straight-${who.department}-${who.role}`.toLowerCase(),
      name: 'straight',
      ...who,
      scope: [],
      resolvedScope,
      purpose: 'probe',
      requestId: randomUUID(),
      operationName: null,
    },
    { recipient: department, body },
  );
  const res = await fetch(hub().subgraphUrls[department], {
    method: 'POST',
    headers: { 'content-type': 'application/json', connection: 'close', 'x-hub-identity': header },
    body,
  });
  return { status: res.status, ...((await res.json()) as object) };
}

export const codes = (res: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  (res.errors ?? []).map((e) => e.extensions?.code);

/** The grid with the most permits to renew in the next 30 days (the reminder-list test reads it; others leave it alone). */
export function busiestPermitGrid() {
  const grids = testWorld().regions.filter((r) => r.level === 'GRID');
  return grids.map((g) => ({ g, n: permitsExpiringWithin(buildingsIn(g.id), 30).length })).sort((a, b) => b.n - a.n)[0]
    .g;
}
