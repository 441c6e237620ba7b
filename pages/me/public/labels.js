// Words a resident reads, Chinese first: departments, roles, and the values of the graph's enums (from the schema).

/** The hub's department names (POPULATION, or a subgraph's name such as public-security) in Chinese. */
export const DEPARTMENTS = { POPULATION: '人口', CIVIL_AFFAIRS: '民政', PUBLIC_SECURITY: '公安', GRID: '网格' };
export const departmentName = (department) => {
  const key = String(department ?? '')
    .toUpperCase()
    .replace(/-/g, '_');
  return DEPARTMENTS[key] ?? department;
};

export const ROLES = {
  REGISTRAR: '户籍登记员',
  CLERK: '办事员',
  AUDITOR: '审计员',
  CASEWORKER: '民政专干',
  REVIEWER: '审核员',
  OFFICER: '民警',
  GRID_POLICE: '网格民警',
  GRID_WORKER: '网格员',
  GRID_LEADER: '网格长',
  DISPATCHER: '调度员',
  ANALYST: '统计分析员',
  RESIDENT: '本人',
};

/** A correction's status (a String in the contract, not an enum of the schema). */
const CORRECTION_STATUS = { PENDING: '待处理', ACCEPTED: '已更正', REJECTED: '未采纳' };

/** The schema's words for its enum values (labels.json, from each value's description), loaded once. */
let terms = { CorrectionStatus: CORRECTION_STATUS };
export async function loadLabels() {
  const res = await fetch(new URL('labels.json', import.meta.url));
  if (res.ok) terms = { ...(await res.json()), CorrectionStatus: CORRECTION_STATUS };
}

/** An enum's value in words; a value with no word is shown as it came. */
export const label = (type, value) => (value == null ? '' : (terms[type]?.[value] ?? value));

/** An instant in Beijing time (the district's), e.g. 2026-12-03 21:05. */
export const beijing = (instant) =>
  new Date(Date.parse(instant) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
