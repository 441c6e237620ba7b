import { departmentOrmConfig } from '../../lib/db/config';
import { BuildingAssignment } from './entities/building-assignment';
import { BuildingAssignmentPeriod } from './entities/building-assignment-period';
import { Event } from './entities/event';
import { EventFollowUp } from './entities/event-follow-up';
import { EventSupervision } from './entities/event-supervision';
import { EventTransition } from './entities/event-transition';
import { Facility } from './entities/facility';
import { FacilityConditionChange } from './entities/facility-condition-change';
import { Visit } from './entities/visit';
import { VisitPart } from './entities/visit-part';
import { Region } from './entities/region';
import { Staff } from './entities/staff';
import { StaffRegion } from './entities/staff-region';
import { migrations } from './migrations';
import { StaffAssignment, StaffEnrolment } from './workforce/entities';

export const entities = [
  Region,
  BuildingAssignment,
  BuildingAssignmentPeriod,
  Staff,
  StaffRegion,
  Event,
  EventTransition,
  EventSupervision,
  EventFollowUp,
  Visit,
  VisitPart,
  Facility,
  FacilityConditionChange,
  StaffAssignment,
  StaffEnrolment,
];

export default (url?: string) => departmentOrmConfig('grid', { entities, migrations }, url);
