import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../lib/context';
import { byId, manyBy, oneBy } from '../../lib/db/loaders';
import { AssistanceCase } from './entities/assistance-case';
import { AssistanceCaseStep } from './entities/assistance-case-step';
import { Disability } from './entities/disability';
import { ElderlyAllowance, HomeCareService } from './entities/elderly-care';
import { FiledOnBehalf } from './entities/on-behalf';
import { ServiceApplication, ServiceApplicationStep } from './entities/service-application';
import { SpecialCare } from './entities/special-care';
import { Volunteer, VolunteerService, VolunteerTeam } from './entities/volunteer';

const NEWEST_FIRST = { appliedOn: 'desc', id: 'asc' } as const;
const IN_ORDER = { position: 'asc' } as const;
const ofResident = (row: { residentId: string }) => row.residentId;

export function createLoaders(em: EntityManager) {
  return {
    assistanceCase: byId(em, AssistanceCase),
    casesOfResident: manyBy(em, AssistanceCase, 'residentId', ofResident, NEWEST_FIRST),
    casesOfHousehold: manyBy(em, AssistanceCase, 'householdId', (c) => c.householdId!, NEWEST_FIRST),
    historyOfCase: manyBy(em, AssistanceCaseStep, 'caseId', (s) => s.caseId, IN_ORDER),
    disabilityOf: oneBy(em, Disability, 'residentId', ofResident),
    allowanceOf: oneBy(em, ElderlyAllowance, 'residentId', ofResident),
    homeCareOf: manyBy(em, HomeCareService, 'residentId', ofResident, { kind: 'asc', id: 'asc' }),
    specialCareOf: manyBy(em, SpecialCare, 'residentId', ofResident, { category: 'asc', id: 'asc' }),
    applicationsOf: manyBy(em, ServiceApplication, 'residentId', ofResident, { submittedAt: 'desc', id: 'asc' }),
    stepsOfApplication: manyBy(em, ServiceApplicationStep, 'applicationId', (s) => s.applicationId, IN_ORDER),
    filedOnBehalf: oneBy(em, FiledOnBehalf, 'recordId', (f) => f.recordId),
    volunteerOf: oneBy(em, Volunteer, 'residentId', ofResident),
    team: byId(em, VolunteerTeam),
    servicesOfVolunteer: manyBy(em, VolunteerService, 'volunteerId', (s) => s.volunteerId, {
      servedOn: 'desc',
      id: 'asc',
    }),
  };
}

export type CivilAffairsContext = RequestContext<ReturnType<typeof createLoaders>>;
