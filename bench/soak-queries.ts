/**
 * What the soak (bench/soak.ts) asks and writes through the gateway: the reads a working day is made of, the writes of
 * the people doing it, and the one plain read per department that the availability probe makes every second.
 */

export const EVENTS_OF_GRID = `query Events($regionId: ID!) {
  events(filter: { regionId: $regionId }, first: 20) { totalCount nodes { id status category title version } }
}`;

/** A department's inbox (待办): events dispatched to it and not yet reported back, newest first. */
export const EVENT_INBOX = `query EventInbox {
  eventInbox(first: 20) { totalCount nodes { id status category title version } }
}`;

export const REGION_STATS = `query RegionStats($regionId: ID!) {
  regionStats(regionId: $regionId) {
    regionId
    figures {
      regionId
      population { residents households age80plus livingAlone80plus }
      civilAffairs { assistance { program cases pending } }
      gridWork { openEvents overdueEvents visitedHouseholds }
      publicSecurity { rentals rentalsNeedingAttention incidents }
    }
  }
}`;

const EVENT = 'id status version';

export const REPORT_EVENT = `mutation Report($input: ReportEventInput!) { reportEvent(input: $input) { ${EVENT} } }`;

export const TRANSITION_EVENT = `mutation Move($input: TransitionEventInput!) { transitionEvent(input: $input) { ${EVENT} } }`;

export const RECORD_VISIT = `mutation Visit($input: RecordVisitInput!) { recordVisit(input: $input) { id event { ${EVENT} } } }`;

export const RECORD_VISIT_COLLECTING = `mutation VisitCollecting($input: RecordVisitInput!) {
  recordVisit(input: $input) { id event { ${EVENT} } parts { department outcome recordId } }
}`;

export const SUBMIT_APPLICATION = `mutation Apply($input: SubmitServiceApplicationInput!) { submitServiceApplication(input: $input) { id } }`;

export const REGISTER_TENANCY = `mutation Tenant($input: RegisterTenancyInput!) {
  registerTenancy(input: $input) { id tenants { id movedOutOn resident { id } } }
}`;

export const END_TENANCY = `mutation EndTenancy($id: ID!, $on: LocalDate!) { endTenancy(tenancyId: $id, movedOutOn: $on) { id } }`;

/** what a registrar's form loads before a change: the version the change is made against */
export const RESIDENT_VERSION = `query ResidentForm($id: ID!) { resident(id: $id) { id version } }`;

export const UPDATE_RESIDENT = `mutation Update($id: ID!, $version: Int, $input: UpdateResidentInput!) {
  updateResident(id: $id, expectedVersion: $version, input: $input) { id version }
}`;

/** One cheap read per department, answered from its own database only (the availability probe). */
export const PROBES = {
  population: { query: `query Probe($id: ID!) { resident(id: $id) { id name } }`, as: 'registrar' },
  'civil-affairs': { query: `query Probe { assistanceCases(first: 1) { nodes { id } } }`, as: 'caseworker' },
  'public-security': { query: `query Probe($id: ID!) { rental(id: $id) { id } }`, as: 'officer' },
  grid: { query: `query Probe { events(first: 1) { nodes { id } } }`, as: 'leader' },
} as const;
