import {
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLOutputType,
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import type { AuditCollector } from '../audit/collector';
import { isId, notVisible } from '../errors';
import type { ForwardedIdentity } from './forwarded';
import type { Identity } from './identity';
import type { FieldRule } from './rules';
import { RESIDENT_CORRECTION_FIELDS } from '../correction-fields';
import { PUBLIC_ROOT_FIELDS } from './public';

/**
 * The resident as a caller (the data subject, PIPL art. 44–45). Their scope is one register entry, not regions: every
 * way into a department's records is decided here and in lib/auth/enforce.ts, not by each resolver.
 * - Root fields: only RESIDENT_ROOT_FIELDS (`me`); every other is answered as if nothing were there (an empty list or
 *   page, or the NOT_FOUND a missing record gets) and audited as a refusal.
 * - Records: their own Resident entry and their own Household (ids the gateway signed), and what is reached from those;
 *   another person's Resident record is refused like one outside the scope wherever it appears.
 * - Withheld by law (PIPL art. 18, 35): types declared `withheld` (key-person supervision, incidents) are answered
 *   null or empty to every resident alike, without being looked up, so no answer, count, error or time differs.
 */
export const RESIDENT = 'RESIDENT';

export const isResident = (identity: Pick<Identity, 'department'> | null | undefined) =>
  identity?.department === RESIDENT;

/**
 * The resident desk (居民服务台): the hub operator's subgraph in the gateway's process that answers a resident's
 * `myAccessReport` by asking each department's access entries for them, signing the resident's identity with `via`.
 */
export const RESIDENT_DESK = 'resident-desk';

/** The resident desk asking on behalf of the resident the gateway confirmed (the only way a `via` gets signed). */
export const askedByResidentDesk = (
  identity: Pick<Identity, 'department' | 'resident'> & Pick<ForwardedIdentity, 'via'>,
) => isResident(identity) && identity.via === RESIDENT_DESK && !!identity.resident?.confirmed && !!identity.resident.id;

/**
 * The root fields a resident may ask; each answers only the caller's own records: `me`, and their corrections at each
 * department (lib/corrections) and on the resident desk.
 */
export const RESIDENT_ROOT_FIELDS = new Set([
  'me',
  ...RESIDENT_CORRECTION_FIELDS,
  'correctableFacts',
  'myCorrections',
  'requestCorrection',
]);

/** The one notice every resident's `me` carries, supervised or not. */
export const WITHHELD_NOTICE =
  '依法不予告知：部分公安机关记录（如重点人员管控、涉警事件当事人信息）属于告知将妨碍国家机关履行法定职责的情形，不在本页显示（《个人信息保护法》第十八条、第三十五条）。Some public-security records are not disclosed by law (PIPL art. 18 and 35).';

/** The person-record types: a resident reaches only their own (the id the gateway signed), never another person's. */
export const PERSON_TYPES = new Set(['Resident']);
export const HOUSEHOLD_TYPES = new Set(['Household']);

/** Whether `record` of `typeName` is the resident's own register entry or household; undefined for other types. */
export function ownEntry(identity: Identity, typeName: string, record: { id?: unknown }): boolean | undefined {
  const own = identity.resident;
  const id = typeof record?.id === 'string' ? record.id.toLowerCase() : undefined;
  if (PERSON_TYPES.has(typeName)) return !!own?.confirmed && !!id && id === own.id;
  if (HOUSEHOLD_TYPES.has(typeName)) return !!own?.confirmed && !!id && id === own.householdId;
  return undefined;
}

/** What a field answers when there is nothing: an empty list, null, or (for a page) an empty page. */
export function emptyValue(type: GraphQLOutputType): unknown {
  if (!isNonNullType(type)) return null;
  const inner = type.ofType;
  if (isListType(inner)) return [];
  if (isScalarType(inner)) return { Int: 0, Float: 0, Boolean: false }[inner.name] ?? '';
  if (isObjectType(inner))
    return Object.fromEntries(Object.values(inner.getFields()).map((f) => [f.name, emptyValue(f.type)]));
  return null;
}

/** A root field's answer to a resident when the field is not theirs to ask: a list or page comes back empty. */
const answersEmpty = (type: GraphQLOutputType) => {
  const bare = isNonNullType(type) ? type.ofType : type;
  return isListType(bare) || getNamedType(type).name.endsWith('Connection');
};

/** The record keys in a root field's arguments (what the refusal's audit row names). */
function firstId(value: unknown): string | undefined {
  if (isId(value)) return value.toLowerCase();
  if (Array.isArray(value)) return value.map(firstId).find(Boolean);
  if (value && typeof value === 'object') return Object.values(value).map(firstId).find(Boolean);
  return undefined;
}

/**
 * Wraps a root field so that a resident asking it gets what a caller asking for a record that is not there gets, and
 * the refusal is audited; everyone else goes on to `resolve`. `me` and the other resident fields are not wrapped.
 */
export function residentRootGate(
  field: GraphQLField<unknown, unknown>,
  resolve: GraphQLFieldResolver<any, any>,
  isMutation: boolean,
):
  | GraphQLFieldResolver<any, { identity: Identity & Pick<ForwardedIdentity, 'via'>; audit: AuditCollector }>
  | undefined {
  // what anyone may ask without a token (lib/auth/public.ts) a resident may ask with theirs
  if (RESIDENT_ROOT_FIELDS.has(field.name) || PUBLIC_ROOT_FIELDS.has(field.name) || field.name.startsWith('_'))
    return undefined;
  const recordType = getNamedType(field.type).name.replace(/Connection$/, '');
  const empty = !isMutation && answersEmpty(field.type);
  // a field the resident desk asks for them (its resolver answers only about the signed resident)
  const forDesk = !!(field.extensions?.sharing as FieldRule | undefined)?.residentDesk;
  return (root, args, context, info) => {
    if (!isResident(context.identity) || (forDesk && askedByResidentDesk(context.identity)))
      return resolve(root, args, context, info);
    const id = firstId(args);
    context.audit.note(isMutation ? 'WRITE' : 'READ', recordType, id ? [id] : [], field.name, 'DENIED');
    if (empty) return emptyValue(field.type);
    return Promise.reject(notVisible(recordType, id ?? ''));
  };
}

/** The `withheld` reason of the public-security types a resident is not told about (lib/auth/rules.ts). */
export const WITHHELD_BY_LAW = 'not disclosed to the data subject by law (PIPL art. 18, 35)';
