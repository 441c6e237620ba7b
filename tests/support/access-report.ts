/** A resident's access report (myAccessReport, docs/resident-view.md#who-read-my-data), as the tests ask it. */
export const REPORT = `query MyAccessReport($from: DateTimeISO!, $to: DateTimeISO!, $department: String, $first: Int, $after: String) {
  myAccessReport(from: $from, to: $to, department: $department, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id at actorDepartment recordsOf actorUnits actorRole purpose kind what { record fields } } }
  } }`;
