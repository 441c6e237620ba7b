import {
  defaultFieldResolver,
  type GraphQLError,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  isObjectType,
} from 'graphql';
import type { AuditCollector } from '../audit/collector';
import { dataSubjectsOf } from './subjects';
import type { ForwardedIdentity } from './forwarded';
import { forbidden, type Organization } from './identity';
import { maskIdNumber, maskPhone } from '../codes/id-number';
import { type FieldRule, type PersonalDataOptions, matchesGrant, SHARING_TERMS } from './rules';
import { inScope, type Location } from './scope';
import { isId, NotVisible, notVisible } from '../errors';
import { askedByResidentDesk, emptyValue, HOUSEHOLD_TYPES, isResident, ownEntry, PERSON_TYPES } from './resident';

/** What the access middleware needs from a request's context. */
export interface AccessContext {
  identity: ForwardedIdentity;
  audit: AuditCollector;
  /** scope decisions already taken in this request, per record object */
  scopeDecisions: WeakMap<object, boolean>;
}

export interface AccessIndex {
  owner: Organization;
  fields: Map<string, FieldRule>;
  personal: Map<string, PersonalDataOptions>;
}

export const UNCONDITIONAL: FieldRule = { sharing: 'UNCONDITIONAL' };

/** Reads the @Shared and @PersonalData declarations off a type-graphql schema (before it becomes a subgraph). */
export function indexAccessRules(schema: GraphQLSchema, owner: Organization): AccessIndex {
  const index: AccessIndex = { owner, fields: new Map(), personal: new Map() };
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const personal = type.extensions?.personal as PersonalDataOptions | undefined;
    if (personal) index.personal.set(type.name, personal);
    const typeRule = type.extensions?.sharing as FieldRule | undefined;
    for (const field of Object.values(type.getFields())) {
      const rule = (field.extensions?.sharing as FieldRule | undefined) ?? (field.name === 'id' ? undefined : typeRule);
      if (rule) index.fields.set(`${type.name}.${field.name}`, rule);
    }
  }
  return index;
}

/** Why `identity` may not read a field under `rule`, or null when it may. */
export function denialReason(
  rule: FieldRule,
  owner: Organization,
  identity: ForwardedIdentity,
  where: string,
): string | null {
  if (rule.residentDesk && askedByResidentDesk(identity)) return null;
  if (rule.personal && identity.department === 'ANALYTICS')
    return `${where} is a person's data; the statistics office (ANALYTICS) gets figures only`;
  if (rule.personal && isResident(identity)) return `${where} is another person's data`;
  const own = identity.department === owner && (!rule.ownerRoles || rule.ownerRoles.includes(identity.role));
  if (own || rule.sharing === 'UNCONDITIONAL') return null;
  if (rule.sharing === 'CONDITIONAL' && matchesGrant(rule.grantedTo, identity.department, identity.role)) {
    return identity.purpose
      ? null
      : `${where} is conditionally shared (${SHARING_TERMS.CONDITIONAL}): state the purpose of the request in the X-Purpose header`;
  }
  return `${where} is ${rule.sharing === 'NOT_SHARED' ? `not shared outside ${owner} (${SHARING_TERMS.NOT_SHARED})` : `shared only with ${rule.grantedTo?.join(', ') || owner} (${SHARING_TERMS.CONDITIONAL})`}; ${identity.department}:${identity.role} may not read it`;
}

/** Is this personal record inside the caller's data scope? (cached per record object for the request) */
export async function recordInScope(
  index: AccessIndex,
  typeName: string,
  record: object,
  ctx: AccessContext & Record<string, any>,
): Promise<boolean> {
  const options = index.personal.get(typeName);
  if (!options) return true;
  const known = ctx.scopeDecisions.get(record);
  if (known !== undefined) return known;
  const { identity } = ctx;
  let allowed: boolean;
  // a resident's scope is their own register entry and household, and what is reached from them (lib/auth/resident.ts)
  if (isResident(identity)) allowed = !options.withheld && (ownEntry(identity, typeName, record) ?? false);
  // a record whose place is unknown is its own department's, and then only for a district-wide scope
  else if (!options.location) allowed = identity.department === index.owner && identity.resolvedScope.all;
  else allowed = inScope(identity.resolvedScope, await options.location(record, ctx));
  ctx.scopeDecisions.set(record, allowed);
  return allowed;
}

const MASKS = { ID_NUMBER: maskIdNumber, PHONE: maskPhone };

/** The value as this identity may see it: whole for the roles granted it, masked for everyone else. */
export function maskFor(rule: FieldRule, identity: ForwardedIdentity, value: unknown): unknown {
  if (!rule.mask || typeof value !== 'string') return value;
  const whole = identity.department !== 'ANALYTICS' && matchesGrant(rule.wholeFor, identity.department, identity.role);
  return whole ? value : MASKS[rule.mask](value);
}

const recordId = (options: PersonalDataOptions | undefined, record: any): string | undefined =>
  options?.id ? options.id(record) : record?.id;

/** The record keys an operation's arguments name (for the audit row of a refused root field). */
function idsIn(value: unknown, found: string[] = []): string[] {
  if (isId(value)) found.push(value.toLowerCase());
  else if (Array.isArray(value)) for (const v of value) idsIn(v, found);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) idsIn(v, found);
  return found;
}

type Resolve = GraphQLFieldResolver<any, AccessContext & Record<string, any>>;

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as PromiseLike<unknown> | null)?.then === 'function';

/**
 * The field's resolver with the declarations enforced, or undefined when the field has nothing to check (no sharing
 * rule, not on or returning a personal record, not a mutation). Checks the field's sharing class, and, for personal
 * records, the caller's data scope (on each record a field returns, a mutation's included). Notes personal reads and
 * changes in the audit log, and every refusal, at the root as well as nested.
 *
 * Decided once per field when the schema is built; a field whose answer needs no masking or scope check is resolved
 * synchronously, so a page of hundreds of records does not pay a promise per field.
 */
export function guardField(
  index: AccessIndex,
  schema: GraphQLSchema,
  parentType: GraphQLObjectType,
  field: GraphQLField<any, any>,
): Resolve | undefined {
  const parent = parentType.name;
  const where = `${parent}.${field.name}`;
  const rule = index.fields.get(where);
  const personalParent = index.personal.get(parent);
  const isMutation = parentType === schema.getMutationType();
  const isRoot = isMutation || parentType === schema.getQueryType();
  const returned = getNamedType(field.type).name;
  const returnsPersonal = index.personal.has(returned);
  if (!rule && !personalParent && !isMutation && !returnsPersonal) return undefined;
  // a page of records is audited as the records it holds
  const recordType = returned.replace(/Connection$/, '');
  const resolve: Resolve = field.resolve ?? defaultFieldResolver;
  /** a field read of a personal record: the row names the record and the residents it is about */
  const noteParent = (root: unknown, context: AccessContext, outcome: 'ALLOWED' | 'DENIED') =>
    context.audit.note(
      'READ',
      parent,
      recordId(personalParent, root),
      field.name,
      outcome,
      dataSubjectsOf(parent, personalParent, root, context),
    );

  const withheld = index.personal.get(returned)?.withheld;
  const answer = (root: any, args: any, context: AccessContext, result: unknown): unknown => {
    if (rule?.mask) return ownedByResident(context, root) ? result : maskFor(rule, context.identity, result);
    if (!returnsPersonal) return result;
    // records reached through a record already in scope (a resident's cases) inherit its decision
    if (personalParent && context.scopeDecisions.get(root as object) === true) {
      if (!isResident(context.identity)) return result;
      // the data subject's own records pass on to what hangs from them, except another person's record
      inheritOwn(context, returned, result);
    }
    return filterInScope(index, returned, result, context, isRoot ? { id: args.id } : undefined);
  };

  return (root, args, context, info) => {
    if (withheld && isResident(context.identity)) {
      // withheld from the data subject by law: the same answer for everyone, without looking (no count or time differs)
      context.audit.note('READ', returned, [], field.name, 'DENIED');
      return emptyValue(field.type);
    }
    const reason =
      rule && !ownedByResident(context, root) ? denialReason(rule, index.owner, context.identity, where) : null;
    if (reason) {
      if (personalParent) noteParent(root, context, 'DENIED');
      else if (isRoot) context.audit.note(isMutation ? 'WRITE' : 'READ', recordType, idsIn(args), field.name, 'DENIED');
      throw forbidden(reason);
    }
    if (personalParent) noteParent(root, context, 'ALLOWED');
    else if (rule?.personal) context.audit.note('READ', parent, root?.id, field.name);
    if (isMutation) {
      return (async () => {
        let result: unknown;
        try {
          result = await resolve(root, args, context, info);
        } catch (error) {
          context.audit.note('WRITE', recordType, idsIn(args), field.name, 'FAILED');
          // a record that does not exist is refused like one outside the scope, with the same row (no timing oracle)
          if (error instanceof NotVisible)
            context.audit.note('WRITE', error.recordType, error.recordId, 'scope', 'DENIED');
          throw error;
        }
        const written = index.personal.get(returned);
        const subjects = dataSubjectsOf(returned, written, result, context);
        context.audit.note('WRITE', returned, recordId(written, result), field.name, 'ALLOWED', subjects);
        return answer(root, args, context, result);
      })();
    }
    const result = resolve(root, args, context, info);
    if (!rule?.mask && !returnsPersonal) return result;
    return isPromiseLike(result)
      ? Promise.resolve(result).then((r) => answer(root, args, context, r))
      : answer(root, args, context, result);
  };
}

/** Whether the caller is a resident reading a field of their own record (shown to them whole, PIPL art. 45). */
const ownedByResident = (context: AccessContext, root: unknown): boolean =>
  isResident(context.identity) && !!root && typeof root === 'object' && context.scopeDecisions.get(root) === true;

/** Marks the records a resident's own record leads to as theirs; a person's or household's record is decided by its id. */
function inheritOwn(context: AccessContext, typeName: string, result: unknown): void {
  if (PERSON_TYPES.has(typeName) || HOUSEHOLD_TYPES.has(typeName)) return;
  for (const record of Array.isArray(result) ? result : [result])
    if (record && typeof record === 'object' && !('nodes' in record)) context.scopeDecisions.set(record, true);
}

/**
 * Keeps the records of a field's result that are in scope, and notes the others as refused. A record out of scope
 * is answered exactly like a record that does not exist — null, and at the root a NOT_FOUND error that says it may
 * be either — so the answer never tells whether someone is on another grid's register.
 */
export async function filterInScope(
  index: AccessIndex,
  typeName: string,
  result: unknown,
  ctx: AccessContext,
  rootArgs?: { id?: unknown },
): Promise<unknown> {
  const options = index.personal.get(typeName);
  // at the root, a record nobody issued and one outside the scope are answered alike and audited alike: the same DENIED
  // row naming the id asked for, written on the answer's path in both cases, so neither the answer nor its time differs
  const asked = rootArgs?.id === undefined || rootArgs.id === null ? undefined : String(rootArgs.id);
  const missing = (refused?: string) => {
    if (!rootArgs) return null;
    ctx.audit.note('READ', typeName, asked ?? refused, 'scope', 'DENIED');
    return Promise.reject(notVisible(typeName, asked ?? ''));
  };
  if (result === null || result === undefined) return missing();
  if (Array.isArray(result)) {
    const keep = await Promise.all(result.map((r) => (r ? recordInScope(index, typeName, r, ctx) : true)));
    const refused = result
      .filter((_, i) => !keep[i])
      .map((r) => recordId(options, r))
      .filter((id): id is string => !!id);
    if (refused.length) ctx.audit.note('READ', typeName, refused, 'scope', 'DENIED');
    return result.filter((_, i) => keep[i]);
  }
  if (typeof result === 'object' && 'nodes' in (result as object)) return result; // connections filter in their own query
  if (await recordInScope(index, typeName, result as object, ctx)) return result;
  if (!rootArgs)
    ctx.audit.note(
      'READ',
      typeName,
      recordId(options, result),
      'scope',
      'DENIED',
      dataSubjectsOf(typeName, options, result, ctx),
    );
  return missing(recordId(options, result));
}

/**
 * Before a change: the record it changes, or the place it moves something to, must be inside the caller's scope.
 * Outside it, the change is refused (and audited) with `refusal` — the answer a missing record gets.
 */
export function refuseOutsideScope(
  ctx: AccessContext,
  recordType: string,
  id: string,
  location: Location | null,
  refusal: () => GraphQLError,
): void {
  if (inScope(ctx.identity.resolvedScope, location)) return;
  ctx.audit.note('WRITE', recordType, id, 'scope', 'DENIED');
  throw refusal();
}
