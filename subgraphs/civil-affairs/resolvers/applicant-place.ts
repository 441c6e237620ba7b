import type { AccessContext } from '../../../lib/auth/enforce';
import { refuseOutsideScope } from '../../../lib/auth/enforce';
import type { Location } from '../../../lib/auth/scope';
import { askGraph } from '../../../lib/graph/ask';
import { badInput, notVisible } from '../../../lib/errors';
import type { CivilAffairsContext } from '../loaders';

/**
 * Registered in gateway/trusted-documents.json (a department asking back may run registered documents only; a test
 * checks it is there).
 */
export const APPLICANT_PLACE =
  'query ApplicantPlace($id: ID!) { resident(id: $id) { id status birthDate household { id building { id communityCode } } } }';

interface Answer {
  resident: {
    id: string;
    status: string;
    birthDate: string;
    household: { id: string; building: { id: string; communityCode: string } } | null;
  } | null;
}

export interface Applicant {
  householdId: string;
  birthDate: string;
  /** where the record is handled (受理地) */
  place: Location & { buildingId: string; communityCode: string };
}

/**
 * The resident a record is about, as population has them now, asked through the graph as the caseworker: population
 * answers only inside the caseworker's scope, so a resident outside it is answered exactly like one who does not
 * exist. Only a resident on the active register may start anything: one who has moved out or died is refused. The
 * record is then kept where the resident lives (受理地).
 */
export async function applicantOnRegister(
  ctx: CivilAffairsContext & AccessContext,
  residentId: string,
): Promise<Applicant> {
  const { data } = await askGraph<Answer>(ctx, APPLICANT_PLACE, { id: residentId });
  const resident = data?.resident;
  if (!resident) {
    ctx.audit.note('WRITE', 'Resident', residentId, 'scope', 'DENIED');
    throw notVisible('Resident', residentId);
  }
  if (resident.status !== 'ACTIVE')
    throw badInput(
      `resident ${residentId} is ${resident.status}; only residents on the active register can apply`,
      'residentId',
    );
  const household = resident.household;
  if (!household)
    throw badInput(
      `resident ${residentId} belongs to no household on the register; register the household with population first`,
      'residentId',
    );
  const place = { buildingId: household.building.id, communityCode: household.building.communityCode };
  // population has applied the scope already; checked here too, on what this department records
  refuseOutsideScope(ctx, 'Resident', residentId, place, () => notVisible('Resident', residentId));
  return { householdId: household.id, birthDate: resident.birthDate, place };
}
