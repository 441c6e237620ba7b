import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, Kind, type OperationDefinitionNode } from 'graphql';
import type { ForwardedIdentity } from './forwarded';
import { PUBLIC_CALLER, unauthenticated } from './identity';
import { NO_SCOPE } from './scope';

/**
 * Root fields anyone may ask without a token: the public service-progress lookup (civil affairs, 办事进度查询) and a
 * grid's public contact card (grid, 公开网格范围以及网格长、网格民警等人员信息). The
 * gateway lets a tokenless operation through only if it asks for these (and `__typename`), and each subgraph checks
 * the same again for the anonymous identity the gateway forwards.
 */
export const PUBLIC_ROOT_FIELDS = new Set(['serviceProgress', 'gridContactCard']);

/**
 * Entities a public root field reaches in another department, whose every field is public: grid's `Grid`, to which
 * public security adds the officers the contact card names. A subgraph answers an anonymous entity fetch only for these.
 */
export const PUBLIC_ENTITY_TYPES = new Set(['Grid']);

/** Whether an operation is the gateway's fetch of public entities only (`_entities` on PUBLIC_ENTITY_TYPES). */
export function publicEntityFetch(
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): boolean {
  const roots = operation.selectionSet.selections;
  const [root] = roots;
  if (operation.operation !== 'query' || roots.length !== 1 || root.kind !== Kind.FIELD) return false;
  if (root.name.value !== '_entities') return false;
  const onPublicTypes = (root.selectionSet?.selections ?? []).every(
    (s) =>
      (s.kind === Kind.FIELD && s.name.value === '__typename') ||
      (s.kind === Kind.INLINE_FRAGMENT && PUBLIC_ENTITY_TYPES.has(s.typeCondition?.name.value ?? '')),
  );
  const representations = Object.values(variables ?? {}).find(Array.isArray) as { __typename?: unknown }[] | undefined;
  return (
    onPublicTypes &&
    !!representations?.length &&
    representations.every((r) => PUBLIC_ENTITY_TYPES.has(String(r?.__typename)))
  );
}

/** The caller of a tokenless request, as the gateway signs and forwards it: no department, no role, no scope. */
export function anonymousIdentity(requestId: string, operationName: string | null): ForwardedIdentity {
  return {
    subject: 'anonymous',
    name: 'anonymous',
    department: PUBLIC_CALLER,
    role: 'ANONYMOUS',
    scope: [],
    resolvedScope: NO_SCOPE,
    purpose: null,
    requestId,
    operationName,
  };
}

export const isAnonymous = (identity: { department: string } | null | undefined) =>
  identity?.department === PUBLIC_CALLER;

/** The names of an operation's root fields, through fragments. */
export function rootFields(document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const fragments = new Map(
    document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const names: string[] = [];
  const walk = (selections: OperationDefinitionNode['selectionSet']['selections']) => {
    for (const s of selections) {
      if (s.kind === Kind.FIELD) names.push(s.name.value);
      else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet.selections);
      else walk(fragments.get(s.name.value)?.selectionSet.selections ?? []);
    }
  };
  walk(operation.selectionSet.selections);
  return names;
}

/** Root fields of `operation` that a caller without a token may not ask (empty when it asks public ones only). */
export function closedToAnonymous(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  also: (name: string) => boolean = () => false,
): string[] {
  const open = (name: string) =>
    name === '__typename' || (operation.operation === 'query' && PUBLIC_ROOT_FIELDS.has(name)) || also(name);
  return rootFields(document, operation).filter((name) => !open(name));
}

/**
 * Subgraph side: the anonymous identity reaches the public root fields only, and the gateway's fetch of public entities
 * (no other entity fetch, no mutation, no other query); anything else is UNAUTHENTICATED, exactly as a request without
 * an identity.
 */
export function anonymousOnlyPublicPlugin(): ApolloServerPlugin<{ identity: ForwardedIdentity }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operation, request }) {
          if (!isAnonymous(contextValue.identity)) return;
          if (operation && publicEntityFetch(operation, request.variables)) return;
          if (!operation || closedToAnonymous(document, operation).length)
            throw unauthenticated('this service answers only requests forwarded by the gateway');
        },
      };
    },
  };
}
