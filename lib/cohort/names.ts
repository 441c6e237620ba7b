/** Names the cohort path agrees on, kept apart from the decorated classes so the gateway and compose can load them. */

/** The cohort planner's subgraph name in the supergraph. */
export const PLANNER = 'cohort';

/** `civil-affairs` → `civilAffairs`: a department's section in CohortFilter. */
export const sectionName = (department: string) => department.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

/** The name of a department's internal match operation, e.g. `civilAffairsCohortMatch`. */
export const matchFieldName = (department: string) => `${sectionName(department)}CohortMatch`;
