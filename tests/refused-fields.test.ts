import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  type GraphQLSchema,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import type { AccessIndex } from '../lib/auth/enforce';
import { departments } from '../scripts/registry';
import { ROOT } from './support/launch';

/**
 * A refused field answers null with a FORBIDDEN error, and the rest of the record comes back: so every field a
 * department checks — one with a sharing rule, and one that returns personal records (checked against the caller's
 * scope) — must be nullable in the composed schema, or GraphQL would blank the record holding it (or the whole answer).
 */
/** Types whose every field but the id has one rule: the record is refused as a whole, where a field leads to it. */
function recordRules(schema: GraphQLSchema, access: AccessIndex): Set<string> {
  const whole = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const rules = Object.keys(type.getFields())
      .filter((f) => f !== 'id')
      .map((f) => access.fields.get(`${type.name}.${f}`));
    if (rules.length > 1 && rules[0] && rules.every((r) => r === rules[0])) whole.add(type.name);
  }
  return whole;
}

describe('every access-checked field is nullable in the supergraph', () => {
  it('so a refusal never blanks the record around it (or the whole answer)', async () => {
    const supergraph: GraphQLSchema = buildSchema(readFileSync(join(ROOT, 'schema', 'supergraph.graphql'), 'utf8'), {
      assumeValidSDL: true,
    });
    const checked: string[] = [];
    const nonNull: string[] = [];
    for (const department of Object.values(departments)) {
      const { schema, access } = await department.buildSchema();
      const wholeRecords = recordRules(schema, access);
      for (const type of Object.values(schema.getTypeMap())) {
        if (
          !isObjectType(type) ||
          type.name.startsWith('__') ||
          type === schema.getMutationType() ||
          type.name.endsWith('Connection') ||
          type.name.endsWith('Edge')
        )
          continue;
        for (const field of Object.values(type.getFields())) {
          const where = `${type.name}.${field.name}`;
          const returned = getNamedType(field.type).name;
          const checks =
            // a rule of its own (a field of a record refused as a whole is reached through a nullable field)
            (access.fields.has(where) && !wholeRecords.has(type.name)) ||
            // a record refused as a whole, or one personal record (answered null outside the scope; a list leaves it out)
            wholeRecords.has(returned) ||
            (access.personal.has(returned) && !isListType(getNullableType(field.type)));
          if (!checks) continue;
          const composed = supergraph.getType(type.name);
          const composedField = isObjectType(composed) ? composed.getFields()[field.name] : undefined;
          // internal fields (@inaccessible) are never in a client's answer
          if (!composedField || composedField.astNode?.directives?.some((d) => d.name.value === 'inaccessible'))
            continue;
          checked.push(where);
          if (isNonNullType(composedField.type)) nonNull.push(`${where}: ${String(composedField.type)}`);
        }
      }
    }
    expect(checked).toEqual(
      expect.arrayContaining([
        'Resident.elderlyCare',
        'Household.visits',
        'Building.householdsNotVisited',
        'Organization.contactName',
        'ServiceApplication.trackingCode',
      ]),
    );
    expect(nonNull).toEqual([]);
  });
});
