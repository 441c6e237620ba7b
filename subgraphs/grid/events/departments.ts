/**
 * The departments the dispatch desk sends events to (派遣对象): the hub's own departments, whose staff sign for and
 * handle events with their own tokens, and departments outside the hub, whose answers the dispatch desk records.
 * A configurable list: add a line here to dispatch to another department.
 */
export interface DispatchDepartment {
  code: string;
  name: string;
  /** a department of the hub, answering with its own tokens (else the dispatch desk records its answers) */
  inHub: boolean;
}

export const DISPATCH_DEPARTMENTS: readonly DispatchDepartment[] = [
  { code: 'CIVIL_AFFAIRS', name: '民政', inHub: true },
  { code: 'PUBLIC_SECURITY', name: '公安', inHub: true },
  { code: 'POPULATION', name: '人口', inHub: true },
  { code: 'HOUSING', name: '住房和城乡建设', inHub: false },
  { code: 'URBAN_MANAGEMENT', name: '城市管理', inHub: false },
  { code: 'MARKET_SUPERVISION', name: '市场监督管理', inHub: false },
  { code: 'ECOLOGY_ENVIRONMENT', name: '生态环境', inHub: false },
  { code: 'EMERGENCY_MANAGEMENT', name: '应急管理', inHub: false },
  { code: 'HUMAN_RESOURCES', name: '人力资源和社会保障', inHub: false },
  { code: 'STREET_OFFICE', name: '街道办事处', inHub: false },
];

export const dispatchDepartment = (code: string): DispatchDepartment | undefined =>
  DISPATCH_DEPARTMENTS.find((d) => d.code === code);
