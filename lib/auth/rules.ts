import { Extensions } from 'type-graphql';
import type { Organization } from './identity';
import type { Location } from './scope';

/**
 * Sharing classes of the national rules on government data sharing (政务数据共享):
 * - UNCONDITIONAL (无条件共享): any authenticated department, within its data scope;
 * - CONDITIONAL (有条件共享): the owning department, plus the roles named in `grantedTo` with a stated purpose;
 * - NOT_SHARED (不予共享): the owning department only.
 */
export type Sharing = 'UNCONDITIONAL' | 'CONDITIONAL' | 'NOT_SHARED';

export const SHARING_TERMS: Record<Sharing, string> = {
  UNCONDITIONAL: '无条件共享',
  CONDITIONAL: '有条件共享',
  NOT_SHARED: '不予共享',
};

export interface FieldRule {
  sharing: Sharing;
  /** CONDITIONAL: who outside the owner may read it, as 'DEPARTMENT:ROLE' or 'DEPARTMENT:*' */
  grantedTo?: string[];
  /** owner roles that may read it (default: every role of the owning department) */
  ownerRoles?: string[];
  /** shown masked (身份证号 110105************, 手机 138****5678) to everyone but `wholeFor`; ANALYTICS always masked */
  mask?: 'ID_NUMBER' | 'PHONE';
  /** 'DEPARTMENT:ROLE' / 'DEPARTMENT:*' that see the value whole */
  wholeFor?: string[];
  /**
   * the field holds a natural person's data on a type that is not personal itself (an organization's contact person):
   * every read is audited like a personal record's, and the statistics office (ANALYTICS) is refused it
   */
  personal?: boolean;
  /**
   * the resident desk (居民服务台, gateway/resident-desk) may ask it for the signed resident (RESIDENT_DESK); the
   * resolver answers only about that resident
   */
  residentDesk?: boolean;
  /** shown in the rules table */
  note?: string;
}

/**
 * Declares a sharing class next to a field (a property or a field resolver), or on a class as the default of all
 * its fields; enforced by lib/auth/enforce.ts, listed by `npm run compose` in docs/access-rules.md.
 */
export const Shared = (rule: FieldRule) => Extensions({ sharing: rule });

/**
 * Marks an object type as personal data: every field read is checked against the caller's data scope and written
 * to the department's audit log. `location` says where the record is (its building and community code).
 */
export interface PersonalDataOptions<Root = any, Ctx = any> {
  /** the record's key for the audit log (default: root.id) */
  id?: (root: Root) => string;
  /** where the record is; records whose location is unknown are visible to their owning department only */
  location?: (root: Root, ctx: Ctx) => Location | null | Promise<Location | null>;
  /**
   * the residents whose personal data the record holds (its data subjects, named on every audit row about it);
   * default: a `Resident`'s own id, else the record's `residentId` (lib/audit/subjects.ts)
   */
  subjects?: (root: Root, ctx: Ctx) => readonly string[] | Promise<readonly string[]>;
  /**
   * withheld from the data subject by law (PIPL art. 18, 35), e.g. key-person supervision: a resident asking is answered
   * null or empty whether or not a record exists (lib/auth/resident.ts); the reason, for the rules table
   */
  withheld?: string;
}

export const PersonalData = <Root = any, Ctx = any>(options: PersonalDataOptions<Root, Ctx> = {}) =>
  Extensions({ personal: options });

/** Does the identity's department and role match one of 'DEPARTMENT:ROLE' / 'DEPARTMENT:*'? */
export function matchesGrant(grants: string[] | undefined, department: Organization, role: string): boolean {
  return (grants ?? []).some((grant) => {
    const [d, r] = grant.split(':');
    return d === department && (r === '*' || r === role);
  });
}
