import { DEPARTMENTS, type Department, OWNER } from './departments';

const camel = (name: string) => name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
const pascal = (name: string) => camel(name).replace(/^\w/, (c) => c.toUpperCase());

/** The root fields each department's correction requests are reached by, named per department so the supergraph composes. */
export const correctionFields = (department: Department) => ({
  /** the resident files a correction of their own record (only the confirmed resident) */
  file: `${camel(department)}FileCorrection`,
  /** the resident's own correction requests at the department */
  own: `${camel(department)}Corrections`,
  /** the department's officials' worklist, in their scope */
  worklist: `${camel(department)}CorrectionWorklist`,
  /** an official of the department accepts (applies) or rejects */
  decide: `decide${pascal(department)}Correction`,
  /** the facts the department lets a person correct */
  facts: `${camel(department)}CorrectableFacts`,
});

/** The fields a resident asks about their own corrections (lib/auth/resident.ts lets them through). */
export const RESIDENT_CORRECTION_FIELDS: readonly string[] = DEPARTMENTS.flatMap((d) => {
  const { file, own, facts } = correctionFields(d);
  return [file, own, facts];
});

/** The department a hub department name (POPULATION, CIVIL_AFFAIRS…) names, or undefined. */
export const departmentNamed = (name: string): Department | undefined =>
  DEPARTMENTS.find((d) => OWNER[d] === name.trim().toUpperCase());

/** The departments that take corrections (each declares its facts to buildSubgraph); the resident desk asks these. */
export const CORRECTING_DEPARTMENTS: readonly Department[] = ['population', 'civil-affairs', 'public-security'];
