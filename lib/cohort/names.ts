/** Names the cohort path agrees on, kept apart from the decorated classes so the gateway and compose can load them. */

/** The cohort planner's subgraph name in the supergraph. */
export const PLANNER = 'cohort';

/** `civil-affairs` → `civilAffairs`: a department's section in CohortFilter. */
export const sectionName = (department: string) => department.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

/** The name of a department's internal match operation, e.g. `civilAffairsCohortMatch`. */
export const matchFieldName = (department: string) => `${sectionName(department)}CohortMatch`;

/**
 * The department a CohortFilter section belongs to: its own section is named after it (`civilAffairs`), and a further
 * section it declares carries that name as a prefix (`gridActivity`, keyed by residents beside grid's places).
 */
export function departmentOfSection<D extends string>(section: string, departments: readonly D[]): D | undefined {
  return departments.find((d) => {
    const own = sectionName(d);
    return section === own || (section.startsWith(own) && /^[A-Z]/.test(section.slice(own.length)));
  });
}

/** What population takes a place section's keys as, to turn them into residents. */
export type PlaceKind = 'buildings' | 'households';

/**
 * The sections keyed by places rather than residents, and the argument population takes their keys by: grid's
 * `grid` names buildings (by the region tree), its `gridVisits` the households visited.
 */
export const PLACE_SECTIONS: Readonly<Record<string, PlaceKind>> = { grid: 'buildings', gridVisits: 'households' };

/** Population's internal operation that groups a cohort's residents by household (`cohortHouseholds`). */
export const HOUSEHOLDS_OF = 'populationCohortHouseholds';
