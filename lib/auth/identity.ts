import { GraphQLError } from 'graphql';
import { ErrorCode, isId } from '../errors';

/**
 * The departments an identity can belong to; ANALYTICS is the statistics office (no data of its own); RESIDENT is not a
 * department but the data subject (a resident asking for their own records, lib/auth/resident.ts), whose scope is one
 * register entry rather than regions.
 */
export const ORGANIZATIONS = [
  'POPULATION',
  'CIVIL_AFFAIRS',
  'PUBLIC_SECURITY',
  'GRID',
  'ANALYTICS',
  'RESIDENT',
] as const;
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
  RESIDENT: ['RESIDENT'],
};

/**
 * Who a RESIDENT caller is on the register. The token names them (`resident`: a resident id, or `id_number`, which the
 * gateway turns into `idNumberHash` before anything else sees it); the gateway then asks population once and signs what
 * it found (`id`, `householdId`), which is all a department trusts.
 */
export interface ResidentClaim {
  id?: string;
  /** HMAC-SHA256 of the ID number under the hub's key (lib/auth/resident-token.ts); never the number itself */
  idNumberHash?: string;
  /** the resident's household on the register, as population told the gateway; null without one */
  householdId?: string | null;
  /** set by the gateway once population has confirmed the register entry */
  confirmed?: boolean;
}

/** Who is asking: verified at the gateway from the caller's JWT. */
export interface Identity {
  subject: string;
  name: string;
  department: Organization;
  role: string;
  /** region ids (grid's Region keys); a region covers all its descendants */
  scope: string[];
  /** RESIDENT callers only: whose records these are */
  resident?: ResidentClaim;
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
}

/** Reads and checks the identity claims of a verified token. */
export function identityFromClaims(claims: Record<string, unknown>): Identity {
  const { sub, name, department, role, scope, resident } = claims;
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
  const who: Identity = {
    subject: sub,
    name: typeof name === 'string' ? name : sub,
    department: department as Organization,
    role,
    scope: scope as string[],
  };
  if (department !== 'RESIDENT') return who;
  if (scope.length)
    throw unauthenticated('a resident’s token names the resident, not regions: its scope must be empty');
  return { ...who, resident: residentClaim(resident) };
}

/** A resident token's `resident` claim: a register id (as minted), or what the gateway signed after asking population. */
function residentClaim(value: unknown): ResidentClaim {
  const given = (typeof value === 'string' ? { id: value } : (value ?? {})) as Record<string, unknown>;
  const id = typeof given.id === 'string' && isId(given.id) ? given.id.toLowerCase() : undefined;
  const idNumberHash = typeof given.idNumberHash === 'string' ? given.idNumberHash : undefined;
  if (!id && !idNumberHash)
    throw unauthenticated('a resident’s token must name the resident: a `resident` id or an `id_number`');
  const householdId =
    typeof given.householdId === 'string' && isId(given.householdId) ? given.householdId.toLowerCase() : null;
  return { id, idNumberHash, householdId, confirmed: given.confirmed === true };
}
