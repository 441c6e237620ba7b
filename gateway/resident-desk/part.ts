import type { GraphQLError } from 'graphql';
import type { ForwardedIdentity } from '../../lib/auth/forwarded';
import type { DepartmentReply } from '../ask-department';

/** What a resident desk resolver has: the resident's identity, a way to ask a department, and errors to add. */
export interface DeskContext {
  identity: ForwardedIdentity;
  /** asks a department as `identity` through the gateway's breaker for it (gateway/ask-department.ts) */
  ask<T>(
    identity: ForwardedIdentity,
    department: string,
    operation: { query: string; variables: Record<string, unknown> },
    unavailable: (reason: string) => Error,
  ): Promise<DepartmentReply<T>>;
  /** errors that go with the answer (a department that did not answer its part), not instead of it */
  errors: GraphQLError[];
}

/** One part of the desk: its SDL (types and its Query fields) and its resolvers. */
export interface DeskPart {
  typeDefs: string;
  resolvers: Record<string, Record<string, unknown>>;
}
