import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, Kind, type OperationDefinitionNode } from 'graphql';
import { unauthenticated } from '../lib/auth/identity';
import type { GatewayContext } from './context';

/**
 * Root fields anyone may ask without a token: the public service-progress lookup (none is served yet; civil
 * affairs adds it with service applications) and, in development, introspection.
 */
export const PUBLIC_ROOT_FIELDS = new Set(['serviceProgress', 'gridContactCard']);

function rootFields(document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const fragments = new Map(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
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

/** Without a token, an operation may ask only for public root fields, `__typename` and (development) introspection. */
export function publicFieldsPlugin(development: boolean): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operation }) {
          if (contextValue.identity || !operation) return;
          const allowed = (name: string) => name === '__typename' || PUBLIC_ROOT_FIELDS.has(name) || (development && (name === '__schema' || name === '__type'));
          const closed = rootFields(document, operation).filter((name) => !allowed(name));
          if (closed.length) throw unauthenticated(`sign in first: send Authorization: Bearer <token> to ask for ${closed.join(', ')}`);
        },
      };
    },
  };
}
