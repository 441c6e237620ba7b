import { GraphQLError } from 'graphql';
import { ErrorCode, isId } from '../errors';

/** The departments an identity can belong to; ANALYTICS is the statistics office (no data of its own). */
export const ORGANIZATIONS = ['POPULATION', 'CIVIL_AFFAIRS', 'PUBLIC_SECURITY', 'GRID', 'ANALYTICS'] as const;
type Department = (typeof ORGANIZATIONS)[number];
/**
 * Not an organization a token can name: the caller of a public lookup without a token, as the gateway forwards it
 * (lib/auth/public.ts); subgraphs answer it the public root fields only.
 */
export const PUBLIC_CALLER = 'PUBLIC';
export type Organization = Department | typeof PUBLIC_CALLER;

/** The roles each department issues. AUDITOR reads its own department's audit trail. */
export const ROLES: Record<Department, readonly string[]> = {
  POPULATION: ['REGISTRAR', 'CLERK', 'AUDITOR'],
  CIVIL_AFFAIRS: ['CASEWORKER', 'REVIEWER', 'AUDITOR'],
  PUBLIC_SECURITY: ['OFFICER', 'GRID_POLICE', 'AUDITOR'],
  GRID: ['GRID_WORKER', 'GRID_LEADER', 'DISPATCHER', 'AUDITOR'],
  ANALYTICS: ['ANALYST'],
};

/** Who is asking: verified at the gateway from the caller's JWT. */
export interface Identity {
  subject: string;
  name: string;
  department: Organization;
  role: string;
  /** region ids (grid's Region keys); a region covers all its descendants */
  scope: string[];
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
}

/** Reads and checks the identity claims of a verified token. */
export function identityFromClaims(claims: Record<string, unknown>): Identity {
  const { sub, name, department, role, scope } = claims;
  if (typeof sub !== 'string' || !sub) throw unauthenticated('the token has no subject (sub)');
  if (typeof department !== 'string' || !(ORGANIZATIONS as readonly string[]).includes(department)) {
    throw unauthenticated(`the token's department must be one of ${ORGANIZATIONS.join(', ')}`);
  }
  if (typeof role !== 'string' || !ROLES[department as Department].includes(role)) {
    throw unauthenticated(
      `the token's role must be one of ${ROLES[department as Department].join(', ')} for ${department}`,
    );
  }
  if (!Array.isArray(scope) || scope.length > 200)
    throw unauthenticated('the token’s scope must be a list of at most 200 region ids');
  const notAnId = scope.find((s) => !isId(s));
  if (notAnId !== undefined)
    throw unauthenticated(
      `the token’s scope must list region ids (UUIDs issued by grid); ${JSON.stringify(notAnId).slice(0, 60)} is not one`,
    );
  return {
    subject: sub,
    name: typeof name === 'string' ? name : sub,
    department: department as Organization,
    role,
    scope: scope as string[],
  };
}
