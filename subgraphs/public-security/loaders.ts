import type { EntityManager } from '@mikro-orm/postgresql';
import { byId, manyBy, oneBy } from '../../lib/db/loaders';
import type { RequestContext } from '../../lib/context';
import { ChangeRecord } from './entities/change';
import { GridPoliceAssignment } from './entities/grid-police-assignment';
import { HouseholdRegistration } from './entities/household-registration';
import { Incident } from './entities/incident';
import { IncidentParty } from './entities/incident-party';
import { KeyPerson } from './entities/key-person';
import { KeyPersonContact } from './entities/key-person-contact';
import { RentalHousing } from './entities/rental-housing';
import { RentalInspection } from './entities/rental-inspection';
import { RentalTenancy } from './entities/rental-tenancy';
import { ResidencePermit } from './entities/residence-permit';

export function createLoaders(em: EntityManager) {
  return {
    keyPerson: byId(em, KeyPerson),
    registrationOfResident: oneBy(em, HouseholdRegistration, 'residentId', (r) => r.residentId),
    // at most one active record per resident (unique index); the order only makes the pick explicit
    activeKeyPersonOfResident: oneBy(em, KeyPerson, 'residentId', (k) => k.residentId, {
      where: { active: true },
      orderBy: { since: 'desc' },
    }),
    contactsOfKeyPerson: manyBy(em, KeyPersonContact, 'keyPersonId', (c) => c.keyPersonId, { contactedOn: 'desc' }),
    // the latest issue is the resident's permit
    permitOfResident: oneBy(em, ResidencePermit, 'residentId', (p) => p.residentId, { orderBy: { expiresOn: 'desc' } }),
    rental: byId(em, RentalHousing),
    rentalsOfBuilding: manyBy(em, RentalHousing, 'buildingId', (r) => r.buildingId, { room: 'asc' }),
    rentalsOfLandlord: manyBy(em, RentalHousing, 'landlordId', (r) => r.landlordId),
    tenanciesOfRental: manyBy(em, RentalTenancy, 'rentalId', (t) => t.rentalId, { movedInOn: 'asc', id: 'asc' }),
    tenanciesOfResident: manyBy(em, RentalTenancy, 'residentId', (t) => t.residentId, { movedInOn: 'asc' }),
    inspectionsOfRental: manyBy(em, RentalInspection, 'rentalId', (i) => i.rentalId, { inspectedOn: 'desc' }),
    incident: byId(em, Incident),
    incidentsOfBuilding: manyBy(em, Incident, 'buildingId', (i) => i.buildingId!, { occurredAt: 'desc' }),
    partiesOfIncident: manyBy(em, IncidentParty, 'incidentId', (p) => p.incidentId, { role: 'asc' }),
    incidentsOfResident: manyBy(em, IncidentParty, 'residentId', (p) => p.residentId, { incidentId: 'asc' }),
    // every assignment of a grid, past and present, the latest first
    policeOfRegion: manyBy(em, GridPoliceAssignment, 'regionId', (a) => a.regionId, { since: 'desc', id: 'asc' }),
    gridsOfOfficer: manyBy(em, GridPoliceAssignment, 'staffId', (a) => a.staffId, { since: 'desc', id: 'asc' }),
    historyOf: manyBy(em, ChangeRecord, 'recordId', (c) => c.recordId, { at: 'asc', id: 'asc' }),
  };
}

export type PublicSecurityContext = RequestContext<ReturnType<typeof createLoaders>>;
