import { type DocumentNode, Kind, type SelectionSetNode, parse } from 'graphql';
import { departmentUnavailable } from '../lib/errors';

/** A department's server could not be reached or did not answer in time (gateway/department-fetch.ts). */
export class DepartmentUnreachable extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Words for an operator for the network errors that mean a department's server is not there. */
const REASONS: Record<string, string> = {
  ECONNREFUSED: 'its server refuses connections',
  ECONNRESET: 'its server dropped the connection',
  EPIPE: 'its server dropped the connection',
  ENOTFOUND: 'its server’s host name is unknown',
  EAI_AGAIN: 'its server’s host name is unknown',
  EHOSTUNREACH: 'its server cannot be reached',
  ENETUNREACH: 'its server cannot be reached',
  ETIMEDOUT: 'its server cannot be reached',
  UND_ERR_SOCKET: 'its server dropped the connection',
};

/**
 * Why a request to a department failed without an answer, when that was the network (Node's HTTP client's errors, and
 * Node's fetch's TypeError, which carries them as its cause): a fixed phrase, or undefined for anything else.
 */
export function networkReason(error: unknown): string | undefined {
  const { code, cause, message } = (error ?? {}) as { code?: string; cause?: { code?: string }; message?: string };
  const reason = REASONS[code ?? ''] ?? REASONS[cause?.code ?? ''];
  if (reason) return reason;
  return /socket hang up|other side closed/.test(message ?? '') ? 'its server dropped the connection' : undefined;
}

/** Why a department's part of a plan failed, when that was an outage (not reached, no answer, 502–504); else undefined. */
export function outageReason(error: unknown): string | undefined {
  if (error instanceof DepartmentUnreachable) return error.reason;
  const response = (
    error as {
      extensions?: { response?: { status?: number; body?: { errors?: { extensions?: { reason?: unknown } }[] } } };
    }
  )?.extensions?.response;
  const status = response?.status;
  // a subgraph that lost its database says so itself (lib/db/unavailable.ts)
  const reason = response?.body?.errors?.[0]?.extensions?.reason;
  if (status === 503 && typeof reason === 'string') return reason;
  if (status === 502 || status === 503 || status === 504) return `its server answered ${status}`;
  return undefined;
}

/** Response names of the fields a selection asks for, through inline fragments, without `__typename`. */
function fieldNames(selectionSet: SelectionSetNode | undefined): string[] {
  const names = new Set<string>();
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD && selection.name.value !== '__typename')
      names.add(selection.alias?.value ?? selection.name.value);
    if (selection.kind === Kind.INLINE_FRAGMENT) for (const name of fieldNames(selection.selectionSet)) names.add(name);
  }
  return [...names];
}

/** The `_entities` field of an entity fetch's operation, if it is one. */
function entitiesField(request: { query?: string }, document: DocumentNode | undefined) {
  const operation = (document ?? parse(request.query ?? '{ __typename }')).definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION,
  );
  const root = operation?.kind === Kind.OPERATION_DEFINITION ? operation.selectionSet : undefined;
  const entities = root?.selections.find((s) => s.kind === Kind.FIELD && s.name.value === '_entities');
  return { root, entities: entities?.kind === Kind.FIELD ? entities : undefined };
}

interface SubgraphAnswer {
  data?: Record<string, unknown> | null;
  errors?: readonly { path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

/**
 * A department that loses its database while resolving an entity fails the entity (`_entities.<i>`), not each field
 * the plan asked of it; the gateway would then place the error on the parent, which another department owns. Such an
 * error is spread onto the fields asked, as for a department that cannot be reached (unavailableAnswer): the same
 * answer whichever way a department goes down.
 */
export function onEntityFields<T extends SubgraphAnswer>(
  answer: T,
  request: { query?: string; variables?: Record<string, unknown> },
  document: DocumentNode | undefined,
): T {
  // on one entity (`_entities.<i>`), or on none (a failure before any entity was resolved: all of them)
  const onEntities = (e: NonNullable<T['errors']>[number]) =>
    e.extensions?.code === 'DEPARTMENT_UNAVAILABLE' &&
    (!e.path?.length || (e.path.length === 2 && e.path[0] === '_entities'));
  if (!answer.errors?.some(onEntities)) return answer;
  const { entities } = entitiesField(request, document);
  const fields = entities ? fieldNames(entities.selectionSet) : [];
  if (!fields.length) return answer;
  const count = (request.variables?.representations as unknown[] | undefined)?.length ?? 0;
  const spread = (e: NonNullable<T['errors']>[number]) => {
    const at = e.path?.length ? [e.path] : Array.from({ length: count }, (_, i) => ['_entities', i]);
    return at.flatMap((path) => fields.map((f) => ({ ...e, path: [...path, f] })));
  };
  return { ...answer, errors: answer.errors.flatMap((e) => (onEntities(e) ? spread(e) : [e])) };
}

/**
 * What the gateway merges into the answer in place of an unreachable department's: nothing, and a
 * DEPARTMENT_UNAVAILABLE error on every field the plan asked of it. For an entity fetch the paths are
 * `_entities.<i>.<field>`, which the gateway maps onto the entities' places in the client's answer.
 */
export function unavailableAnswer(
  department: string,
  request: { query?: string; variables?: Record<string, unknown> },
  document: DocumentNode | undefined,
  reason: string,
) {
  const { root, entities } = entitiesField(request, document);
  const error = (path: (string | number)[]) => departmentUnavailable(department, reason, path).toJSON();
  if (entities) {
    const count = (request.variables?.representations as unknown[] | undefined)?.length ?? 0;
    const fields = fieldNames(entities.selectionSet);
    const paths = Array.from({ length: count }, (_, i) =>
      fields.length ? fields.map((f) => ['_entities', i, f]) : [['_entities', i]],
    ).flat();
    return { data: { _entities: Array.from({ length: count }, () => null) }, errors: paths.map(error) };
  }
  return { data: null, errors: fieldNames(root).map((f) => error([f])) };
}
