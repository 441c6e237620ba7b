import { type GraphQLSchema, getNamedType, isEnumType, isNonNullType, isObjectType, type GraphQLField } from 'graphql';
import { isDay, today } from '../../../lib/calendar';
import { parseIdNumber } from '../../../lib/codes/id-number';
import { ETHNICITIES } from '../../../lib/codes/tables';
import { getMetadataStorage } from 'type-graphql';
import type { CollectionRule } from '../../../lib/auth/collect';
import { Resident } from '../entities/resident';
import { ResidentResolver } from '../resolvers/resident.resolver';
import { checkPhone } from '../resolvers/resident.validate';

/** A fact as the register will take it: the columns to set, or why it cannot be taken. */
export type ReadFact = { ok: true; rule: CollectionRule; set: Partial<Resident> } | { ok: false; reason: string };

const refused = (reason: string): ReadFact => ({ ok: false, reason });

/** The message of a validator's BAD_USER_INPUT, as a part's reason. */
function reasonOf(check: () => void): string | null {
  try {
    check();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

let rules: Map<string, CollectionRule> | undefined;

/** The `Collect` declarations beside Resident's fields (entity properties and field resolvers), as type-graphql keeps them. */
export function residentRules(): Map<string, CollectionRule> {
  rules ??= new Map(
    getMetadataStorage()
      .fieldExtensions.filter(
        (e) => (e.target === Resident || e.target === ResidentResolver) && e.extensions.collection,
      )
      .map((e) => [e.fieldName, e.extensions.collection as CollectionRule]),
  );
  return rules;
}

/**
 * Reads one collected fact of a resident against the `Collect` declaration beside the field of Resident and the field's
 * type in population's schema: a value of the field's enum by name, "true"/"false", a day, or text checked like a
 * registration's. The declaration is the one `npm run compose` lists, so the table and what is applied cannot differ;
 * `schema` is population's served schema, which has the field types.
 */
export function readFact(schema: GraphQLSchema, resident: Resident, field: string, value: string | null): ReadFact {
  const type = schema.getType('Resident');
  const definition: GraphQLField<unknown, unknown> | undefined = isObjectType(type)
    ? type.getFields()[field]
    : undefined;
  const rule = residentRules().get(field);
  if (!definition || !rule)
    return refused(
      `"${field}" is not a fact grid staff collect; the collection rules (docs/collection-rules.md) list the fields of Resident that are`,
    );
  if (rule.collect === 'NONE')
    return refused(`${field} is not collected on visits (不可采集)${rule.note ? `: ${rule.note}` : ''}`);
  if (value === null || value.trim() === '') {
    if (isNonNullType(definition.type)) return refused(`${field} cannot be cleared; give its value`);
    return { ok: true, rule, set: { [field]: null } as Partial<Resident> };
  }
  const text = value.trim();
  const named = getNamedType(definition.type);
  if (isEnumType(named)) {
    const names = named.getValues().map((v) => v.name);
    if (!names.includes(text)) return refused(`${field} "${text}" is not one of ${names.join(', ')}`);
    if (field === 'gender') {
      const { gender } = parsedId(resident.idNumber);
      if (gender && gender !== text)
        return refused(
          `gender ${text} does not agree with the registered ID number (${gender}); collect an idNumber correction instead`,
        );
    }
    return { ok: true, rule, set: { [field]: text } as Partial<Resident> };
  }
  if (named.name === 'Boolean') {
    if (text !== 'true' && text !== 'false') return refused(`${field} takes "true" or "false", not "${text}"`);
    return { ok: true, rule, set: { [field]: text === 'true' } as Partial<Resident> };
  }
  if (named.name === 'LocalDate') {
    if (!isDay(text)) return refused(`${field} "${text}" is not a date YYYY-MM-DD`);
    if (text > today()) return refused(`${field} ${text} is in the future`);
    if (field === 'birthDate') {
      const { birthDate } = parsedId(resident.idNumber);
      if (birthDate && birthDate !== text)
        return refused(
          `birthDate ${text} does not agree with the registered ID number (${birthDate}); collect an idNumber correction instead`,
        );
    }
    return { ok: true, rule, set: { [field]: text } as Partial<Resident> };
  }
  return readText(rule, field, text);
}

function readText(rule: CollectionRule, field: string, text: string): ReadFact {
  switch (field) {
    case 'phone': {
      const reason = reasonOf(() => checkPhone(text, 'phone'));
      return reason ? refused(reason) : { ok: true, rule, set: { phone: text } };
    }
    case 'name':
      return text.length > 50 ? refused('name must be 1 to 50 characters') : { ok: true, rule, set: { name: text } };
    case 'ethnicityCode':
      return ETHNICITIES[text]
        ? { ok: true, rule, set: { ethnicityCode: text } }
        : refused(`ethnicityCode "${text}" is not a GB/T 3304 code ("01" to "56")`);
    case 'idNumber': {
      const parsed = parseIdNumber(text);
      if (!parsed.ok) return refused(`idNumber ${parsed.reason}`);
      // the number carries the birth date and sex: a correction of it corrects them with it
      const { birthDate, gender } = parsed.facts;
      return { ok: true, rule, set: { idNumber: text.toUpperCase(), birthDate, gender } as Partial<Resident> };
    }
    default:
      return refused(`${field} is declared collectable but population has no reader for it: tell the registry`);
  }
}

function parsedId(idNumber: string): { birthDate?: string; gender?: string } {
  const parsed = parseIdNumber(idNumber);
  return parsed.ok ? parsed.facts : {};
}
