/**
 * What the soak works on, chosen from the synthetic district before it starts (bench/run.ts), as plain data that crosses
 * to the load process: the grids whose workers report and visit, the residents the desks read and change, the rentals
 * a tenant may move into, and the credentials of each role (bench/auth.ts mints them).
 */
import { departuresOf, type World } from '../runner/synthetic/world';
import { workerOfGrid } from '../subgraphs/grid/seed';
import { staffRows } from '../subgraphs/grid/seed.staff';
import { rentalRows } from '../subgraphs/public-security/seed.rentals';
import { type BenchAuth, type BenchPerson, gatewayHeaders } from './auth';

export interface SoakSettings {
  seconds: number;
  /** clients, each doing one request after another */
  clients: number;
  /** event reports sent at the same moment, on top of the clients */
  burstSize: number;
  burstEverySeconds: number;
  /** an availability probe unanswered this long counts as the department being unavailable */
  probeTimeoutSeconds: number;
}

export interface SoakGrid {
  id: string;
  /** its full-time grid worker (网格员), the staff member on its visits */
  workerStaffId: string;
  buildings: string[];
  households: { id: string; residentId: string | null }[];
}

type Headers = Record<string, string>;

export interface SoakPlan extends SoakSettings {
  gatewayUrl: string;
  /** each department's /health */
  healthUrls: Record<string, string>;
  headers: {
    leader: Headers;
    dispatcher: Headers;
    caseworker: Headers;
    officer: Headers;
    registrar: Headers;
    workers: Record<string, Headers>;
  };
  /** Resident 360 bodies (the bench's sample) */
  resident360: string[];
  cohort: string[];
  /** regions whose regionStats are asked (communities and streets) */
  statsRegions: string[];
  grids: SoakGrid[];
  /** residents a service application is handed in for */
  applicants: string[];
  /** a resident of the rental's building who is neither its landlord nor its tenant: may move in */
  tenancies: { rentalId: string; residentId: string }[];
  /** residents the registrars keep changing, few enough that two of them meet on one record now and then */
  editable: string[];
  /** what the availability probe reads */
  probe: { residentId: string; rentalId: string };
}

const GRIDS = 24;
const EDITABLE = 40;

export async function soakPlan(
  world: World,
  auth: BenchAuth,
  settings: SoakSettings,
  urls: { gatewayUrl: string; subgraphUrls: Record<string, string> },
  take: <T>(items: T[], count: number) => T[],
  reads: { resident360: string[]; cohort: string[] },
): Promise<SoakPlan> {
  const departed = departuresOf(world);
  const active = world.residents.filter((r) => !departed.has(r.id));
  const listed = <T>(map: Map<string, T[]>, key: string, item: T) =>
    (map.get(key) ?? map.set(key, []).get(key)!).push(item);
  const microGridsOf = new Map<string, string[]>();
  for (const r of world.regions) if (r.level === 'MICRO_GRID') listed(microGridsOf, r.parentId!, r.id);
  const { staff, links } = staffRows(world);
  const workers = workerOfGrid(staff, links);
  const firstResidentOf = new Map<string, string>();
  for (const r of active) if (!firstResidentOf.has(r.householdId)) firstResidentOf.set(r.householdId, r.id);

  const gridIds = take(
    world.regions.filter((r) => r.level === 'GRID' && r.gridType === 'GENERAL' && workers.has(r.id)).map((r) => r.id),
    GRIDS,
  );
  const grids: SoakGrid[] = gridIds
    .map((id) => {
      const microGrids = new Set(microGridsOf.get(id) ?? []);
      const buildings = world.buildings.filter((b) => microGrids.has(b.microGridId)).map((b) => b.id);
      const inGrid = new Set(buildings);
      const households = world.households
        .filter((h) => inGrid.has(h.buildingId))
        .map((h) => ({ id: h.id, residentId: firstResidentOf.get(h.id) ?? null }));
      return { id, workerStaffId: workers.get(id)!, buildings, households };
    })
    .filter((g) => g.buildings.length > 0 && g.households.length > 0);
  // the burst goes to the grids with the most buildings first: thirty reports on thirty buildings of one grid
  grids.sort((a, b) => b.buildings.length - a.buildings.length);

  const { rentals, tenancies } = rentalRows(world);
  const current = new Set(tenancies.filter((t) => !t.movedOutOn).map((t) => `${t.rentalId} ${t.residentId}`));
  const buildingOfHousehold = new Map(world.households.map((h) => [h.id, h.buildingId]));
  const activeIn = new Map<string, string[]>();
  for (const r of active) listed(activeIn, buildingOfHousehold.get(r.householdId)!, r.id);
  const pairs = take(rentals, 400).flatMap((rental) => {
    const mover = (activeIn.get(rental.buildingId) ?? []).find(
      (id) => id !== rental.landlordId && !current.has(`${rental.id} ${id}`),
    );
    return mover ? [{ rentalId: rental.id, residentId: mover }] : [];
  });

  const as = (person: BenchPerson) => gatewayHeaders(auth, person);
  return {
    ...settings,
    gatewayUrl: urls.gatewayUrl,
    healthUrls: Object.fromEntries(
      Object.entries(urls.subgraphUrls).map(([d, url]) => [d, url.replace(/\/graphql$/, '/health')]),
    ),
    headers: {
      leader: await gatewayHeaders(auth),
      dispatcher: await as({ department: 'GRID', role: 'DISPATCHER' }),
      caseworker: await as({ department: 'CIVIL_AFFAIRS', role: 'CASEWORKER' }),
      officer: await as({ department: 'PUBLIC_SECURITY', role: 'OFFICER' }),
      registrar: await as({ department: 'POPULATION', role: 'REGISTRAR' }),
      workers: Object.fromEntries(
        await Promise.all(
          grids.map(
            async (g) =>
              [
                g.id,
                await as({ department: 'GRID', role: 'GRID_WORKER', scope: [g.id], subject: `bench-worker-${g.id}` }),
              ] as const,
          ),
        ),
      ),
    },
    ...reads,
    statsRegions: take(
      world.regions.filter((r) => r.level === 'COMMUNITY' || r.level === 'STREET').map((r) => r.id),
      50,
    ),
    grids,
    applicants: take(
      active.map((r) => r.id),
      500,
    ),
    tenancies: pairs,
    editable: take(
      active.map((r) => r.id),
      EDITABLE,
    ),
    probe: { residentId: active[0].id, rentalId: rentals[0].id },
  };
}
