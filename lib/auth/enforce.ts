import { type GraphQLSchema, getNamedType, isObjectType } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import type { AuditCollector } from '../audit/collector';
import type { ForwardedIdentity } from './forwarded';
import { forbidden, type Organization } from './identity';
import { maskIdNumber, maskPhone } from '../codes/id-number';
import { type FieldRule, type PersonalDataOptions, matchesGrant, SHARING_TERMS } from './rules';
import { inScope } from './scope';

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
export function denialReason(rule: FieldRule, owner: Organization, identity: ForwardedIdentity, where: string): string | null {
  const own = identity.department === owner && (!rule.ownerRoles || rule.ownerRoles.includes(identity.role));
  if (own || rule.sharing === 'UNCONDITIONAL') return null;
  if (rule.sharing === 'CONDITIONAL' && matchesGrant(rule.grantedTo, identity.department, identity.role)) {
    return identity.purpose ? null : `${where} is conditionally shared (${SHARING_TERMS.CONDITIONAL}): state the purpose of the request in the X-Purpose header`;
  }
  return `${where} is ${rule.sharing === 'NOT_SHARED' ? `not shared outside ${owner} (${SHARING_TERMS.NOT_SHARED})` : `shared only with ${rule.grantedTo?.join(', ') || owner} (${SHARING_TERMS.CONDITIONAL})`}; ${identity.department}:${identity.role} may not read it`;
}

/** Is this personal record inside the caller's data scope? (cached per record object for the request) */
export async function recordInScope(index: AccessIndex, typeName: string, record: object, ctx: AccessContext & Record<string, any>): Promise<boolean> {
  const options = index.personal.get(typeName);
  if (!options) return true;
  const known = ctx.scopeDecisions.get(record);
  if (known !== undefined) return known;
  const { identity } = ctx;
  let allowed: boolean;
  if (identity.resolvedScope.all) allowed = true;
  else if (!options.location) allowed = identity.department === index.owner;
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

const recordId = (options: PersonalDataOptions | undefined, record: any): string | undefined => (options?.id ? options.id(record) : record?.id);

/**
 * Checks every resolved field against the declarations: the field's sharing class, and, for personal records,
 * the caller's data scope (on each record a field returns). Notes personal reads and changes in the audit log.
 */
export function accessMiddleware(index: AccessIndex): MiddlewareFn<AccessContext> {
  return async ({ root, info, context }, next) => {
    const parent = info.parentType.name;
    const where = `${parent}.${info.fieldName}`;
    const rule = index.fields.get(where) ?? UNCONDITIONAL;
    const personalParent = index.personal.get(parent);
    const reason = denialReason(rule, index.owner, context.identity, where);
    if (reason) {
      if (personalParent) context.audit.note('READ', parent, recordId(personalParent, root), info.fieldName, 'DENIED');
      throw forbidden(reason);
    }
    if (personalParent) context.audit.note('READ', parent, recordId(personalParent, root), info.fieldName);

    const isMutation = info.parentType === info.schema.getMutationType();
    let result: unknown;
    try {
      result = await next();
    } catch (error) {
      if (isMutation) context.audit.note('WRITE', getNamedType(info.returnType).name, undefined, info.fieldName, 'FAILED');
      throw error;
    }
    const returned = getNamedType(info.returnType).name;
    if (isMutation) {
      // a mutation is allowed to its owner roles only, and checks what it changes before writing
      context.audit.note('WRITE', returned, recordId(index.personal.get(returned), result), info.fieldName);
      return result;
    }
    if (rule.mask) return maskFor(rule, context.identity, result);
    if (!index.personal.has(returned)) return result;
    // records reached through a record already in scope (a resident's cases) inherit its decision
    const inherited = personalParent && !index.personal.get(returned)!.location && context.scopeDecisions.get(root as object) === true;
    return inherited ? result : filterInScope(index, returned, result, context, where);
  };
}

/** Keeps the records of a field's result that are in scope: a single record out of scope is a FORBIDDEN error. */
export async function filterInScope(index: AccessIndex, typeName: string, result: unknown, ctx: AccessContext, where: string): Promise<unknown> {
  if (result === null || result === undefined) return result;
  if (Array.isArray(result)) {
    const keep = await Promise.all(result.map((r) => (r ? recordInScope(index, typeName, r, ctx) : true)));
    return result.filter((_, i) => keep[i]);
  }
  if (typeof result === 'object' && 'nodes' in (result as object)) return result; // connections filter in their own query
  if (await recordInScope(index, typeName, result as object, ctx)) return result;
  ctx.audit.note('READ', typeName, recordId(index.personal.get(typeName), result), where, 'DENIED');
  throw forbidden(`${typeName} ${recordId(index.personal.get(typeName), result) ?? ''} is outside your data scope`.replace('  ', ' '));
}
