import { EventCategory as C } from './time-limits';

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
  /**
   * the event categories it handles (受理范围): the demo dispatches an event only to one of these. The desk may still
   * send an event elsewhere by judgement (a hazard in a frail elder's flat to civil affairs), so dispatch does not refuse it.
   */
  handles: readonly C[];
}

export const DISPATCH_DEPARTMENTS: readonly DispatchDepartment[] = [
  { code: 'CIVIL_AFFAIRS', name: '民政', inHub: true, handles: [C.SERVICE_REQUEST] },
  { code: 'PUBLIC_SECURITY', name: '公安', inHub: true, handles: [C.PUBLIC_ORDER, C.DISPUTE] },
  // the register corrects its records when the desk sends it one; no category of event is the register's to handle
  { code: 'POPULATION', name: '人口', inHub: true, handles: [] },
  { code: 'HOUSING', name: '住房和城乡建设', inHub: false, handles: [C.PROPERTY, C.SAFETY_HAZARD] },
  { code: 'URBAN_MANAGEMENT', name: '城市管理', inHub: false, handles: [C.ENVIRONMENT] },
  { code: 'MARKET_SUPERVISION', name: '市场监督管理', inHub: false, handles: [C.PROPERTY] },
  { code: 'ECOLOGY_ENVIRONMENT', name: '生态环境', inHub: false, handles: [C.ENVIRONMENT] },
  { code: 'EMERGENCY_MANAGEMENT', name: '应急管理', inHub: false, handles: [C.SAFETY_HAZARD] },
  { code: 'HUMAN_RESOURCES', name: '人力资源和社会保障', inHub: false, handles: [C.SERVICE_REQUEST] },
  // 社情民意 (a bus route, fitness equipment) is gathered by the street office, which takes it up with whoever decides
  { code: 'STREET_OFFICE', name: '街道办事处', inHub: false, handles: [C.PUBLIC_OPINION, C.DISPUTE] },
];

export const dispatchDepartment = (code: string): DispatchDepartment | undefined =>
  DISPATCH_DEPARTMENTS.find((d) => d.code === code);

/** The departments that handle events of `category` (受理范围), in the order of DISPATCH_DEPARTMENTS. */
export const handlersOf = (category: C): DispatchDepartment[] =>
  DISPATCH_DEPARTMENTS.filter((d) => d.handles.includes(category));
