import { CorrectionRecord } from '../../lib/corrections/entity';
import { departmentOrmConfig } from '../../lib/db/config';
import { HouseholdRegistration } from './entities/household-registration';
import { ChangeRecord } from './entities/change';
import { CollectedRental } from './entities/collected-rental';
import { CollectionReceipt } from './entities/collection-receipt';
import { GridPoliceAssignment } from './entities/grid-police-assignment';
import { Incident } from './entities/incident';
import { IncidentParty } from './entities/incident-party';
import { KeyPerson } from './entities/key-person';
import { KeyPersonContact } from './entities/key-person-contact';
import { RentalHousing } from './entities/rental-housing';
import { RentalInspection } from './entities/rental-inspection';
import { RentalTenancy } from './entities/rental-tenancy';
import { ResidencePermit } from './entities/residence-permit';
import { migrations } from './migrations';

export const entities = [
  HouseholdRegistration,
  KeyPerson,
  KeyPersonContact,
  ResidencePermit,
  RentalHousing,
  RentalTenancy,
  RentalInspection,
  Incident,
  IncidentParty,
  GridPoliceAssignment,
  ChangeRecord,
  CollectedRental,
  CollectionReceipt,
  CorrectionRecord,
];

export default (url?: string) => departmentOrmConfig('public-security', { entities, migrations }, url);
