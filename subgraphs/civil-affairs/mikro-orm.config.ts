import { CorrectionRecord } from '../../lib/corrections/entity';
import { departmentOrmConfig } from '../../lib/db/config';
import { AssistanceCase } from './entities/assistance-case';
import { AssistanceCaseStep } from './entities/assistance-case-step';
import { Disability } from './entities/disability';
import { ElderlyAllowance, HomeCareService } from './entities/elderly-care';
import { FiledOnBehalf, OnBehalfFiling } from './entities/on-behalf';
import { ServiceApplication, ServiceApplicationStep } from './entities/service-application';
import { SpecialCare } from './entities/special-care';
import { Volunteer, VolunteerService, VolunteerTeam } from './entities/volunteer';
import { migrations } from './migrations';

export const entities = [
  AssistanceCase,
  AssistanceCaseStep,
  Disability,
  ElderlyAllowance,
  HomeCareService,
  FiledOnBehalf,
  OnBehalfFiling,
  SpecialCare,
  ServiceApplication,
  ServiceApplicationStep,
  Volunteer,
  VolunteerTeam,
  VolunteerService,
  CorrectionRecord,
];

export default (url?: string) => departmentOrmConfig('civil-affairs', { entities, migrations }, url);
