import type { EntityManager } from '@mikro-orm/postgresql';
import type { ForwardedIdentity } from '../../lib/auth/forwarded';
import type { FieldRule } from '../../lib/auth/rules';
import { ConsentMethod, type ConsentInput } from '../../lib/collection/inputs';
import { badInput } from '../../lib/errors';
import { FiledOnBehalf, type FiledRecordType } from './entities/on-behalf';

/**
 * 代办 (issue 22 item 5): grid staff file service and assistance applications on a resident's behalf, inside their
 * data scope and with the resident's consent recorded; civil affairs decides them as any other.
 */
const FILERS = ['GRID:GRID_WORKER', 'GRID:GRID_LEADER'];

/**
 * Filing an application (and a visit's applications, fileOnBehalf): civil affairs' caseworkers and reviewers (the
 * community cadres), and grid staff on a resident's behalf (代办).
 */
export const APPLICATION_FILERS: FieldRule = {
  sharing: 'CONDITIONAL',
  ownerRoles: ['CASEWORKER', 'REVIEWER'],
  grantedTo: FILERS,
  note: 'grid staff file on a resident’s behalf (代办), inside their scope, with the consent recorded',
};

/** The receipt of an application filed on a resident's behalf: answered to who filed it (the resolver checks). */
export const FILED_RECEIPT: FieldRule = {
  sharing: 'CONDITIONAL',
  grantedTo: FILERS,
  note: 'the tracking code, to who filed the application on the resident’s behalf only',
};

export const isGridStaff = (identity: ForwardedIdentity) => FILERS.includes(`${identity.department}:${identity.role}`);

const METHOD_TERMS: Record<ConsentMethod, string> = {
  SIGNED_FORM: '本人签字委托书',
  VERBAL_WITNESSED: '本人口头同意',
  GUARDIAN: '监护人同意',
};

const MAX_WITNESS = 100;

export interface Consent {
  method: ConsentMethod;
  witness: string | null;
}

/** The consent as recorded, or why it is incomplete: a witness (or guardian) is named unless the form is signed. */
export function readConsent(consent: ConsentInput | null | undefined): Consent | string {
  if (!consent)
    return 'the resident’s consent is required when grid staff file on their behalf (代办授权): send onBehalf { method witness }';
  const witness = consent.witness?.trim() || null;
  if (consent.method !== ConsentMethod.SIGNED_FORM && !witness)
    return `consent given as ${consent.method} (${METHOD_TERMS[consent.method]}) needs the witness or guardian named: witness is required unless SIGNED_FORM`;
  if (witness && witness.length > MAX_WITNESS) return `witness must be at most ${MAX_WITNESS} characters`;
  return { method: consent.method, witness };
}

/**
 * The consent a mutation's `onBehalf` records: required from grid staff (BAD_USER_INPUT when missing or incomplete),
 * optional for civil affairs' own officials (a community cadre filing for a resident records it too); null when the
 * application is not filed on anyone's behalf.
 */
export function onBehalfOf(identity: ForwardedIdentity, consent: ConsentInput | null | undefined): Consent | null {
  if (!consent && !isGridStaff(identity)) return null;
  const read = readConsent(consent);
  if (typeof read === 'string') throw badInput(read, 'onBehalf');
  return read;
}

/** What the application's timeline says of it (代办), before the filer's own note. */
export function onBehalfNote(identity: ForwardedIdentity, consent: Consent, note: string | null): string {
  const how = `${METHOD_TERMS[consent.method]}${consent.witness ? `，见证人 ${consent.witness}` : ''}`;
  return `代办：${identity.department}:${identity.role} ${identity.subject} 代为提交（${how}）${note ? `；${note}` : ''}`;
}

/** Records, in the application's transaction, who filed it on whose behalf and how the resident agreed. */
export function recordOnBehalf(
  tx: EntityManager,
  identity: ForwardedIdentity,
  filing: { recordId: string; recordType: FiledRecordType; residentId: string; consent: Consent; visitId?: string },
  at: Date,
): FiledOnBehalf {
  return tx.create(FiledOnBehalf, {
    recordId: filing.recordId,
    recordType: filing.recordType,
    residentId: filing.residentId,
    filedBy: identity.subject,
    filedAs: `${identity.department}:${identity.role}`,
    consentMethod: filing.consent.method,
    consentWitness: filing.consent.witness,
    visitId: filing.visitId ?? null,
    filedAt: at,
  });
}
