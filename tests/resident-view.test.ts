import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { PUBLIC_ROOT_FIELDS } from '../lib/auth/public';
import { RESIDENT_ROOT_FIELDS, WITHHELD_NOTICE } from '../lib/auth/resident';
import { assistanceCases } from '../subgraphs/civil-affairs/seed-cases';
import { as, caseworker, gridLeader, officer } from './support/callers';
import { type GraphQLResponse, ownerSql } from './support/hub';
import { asResident } from './support/residents';
import { testWorld } from './support/world';

const ME = `query Me {
  me {
    id householdId notice
    resident {
      id name idNumber phone gender birthDate
      household { id members { id } visits { id } }
      registration { type }
      keyPerson { id active }
      incidents { id }
      assistance { program status monthlyAmount }
      serviceApplications { id }
      volunteer { id }
      disability { type grade }
      elderlyCare { allowance { monthlyAmount } homeCare { id } }
      residencePermit { expiresOn status }
      rentals { id }
      events { id title residents { id } }
    }
  }
}`;

const REGISTRATION_TYPE = { REGISTERED: 'LOCAL', FLOATING: 'NON_LOCAL', OVERSEAS: 'NONE' } as const;

describe('a resident’s own view (issue 23)', () => {
  const world = testWorld();
  const cases = assistanceCases(world);
  const onMinimumLiving = cases.find((c) => c.program === 'MINIMUM_LIVING' && c.status === 'ACTIVE')!;
  const me = world.residents.find((r) => r.id === onMinimumLiving.residentId)!;
  // someone else in the district, not of their household
  const other = world.residents.find((r) => r.householdId !== me.householdId && r.id !== me.id)!;

  it('`me` answers the resident their own records across the departments, unmasked, with the one notice', async () => {
    // what the departments hold on them, as an official with the district sees it (the visits are grid's)
    const official = await as(gridLeader).graphql(
      'query($id: ID!) { resident(id: $id) { household { visits { id } } serviceApplications { id } volunteer { id } events { id title } } }',
      { id: me.id },
    );
    expect(official.errors).toBeUndefined();
    // and what civil affairs and public security hold, as their own officials see it
    const welfare = await as(caseworker).data(
      'query($id: ID!) { resident(id: $id) { disability { type grade } elderlyCare { allowance { monthlyAmount } homeCare { id } } } }',
      { id: me.id },
    );
    const police = await as(officer).data(
      'query($id: ID!) { resident(id: $id) { residencePermit { expiresOn status } rentals { id } } }',
      { id: me.id },
    );
    const res = await asResident(me.id).graphql(ME);
    expect(res).toEqual({
      status: 200,
      data: {
        me: {
          id: me.id,
          householdId: me.householdId,
          notice: WITHHELD_NOTICE,
          resident: {
            id: me.id,
            name: me.name,
            idNumber: me.idNumber,
            phone: me.phone,
            gender: me.gender,
            birthDate: me.birthDate,
            household: {
              id: me.householdId,
              // the household's shared facts; of its members, only themself
              members: [{ id: me.id }],
              visits: official.data.resident.household.visits,
            },
            registration: { type: REGISTRATION_TYPE[me.residenceStatus] },
            keyPerson: null,
            incidents: null,
            assistance: cases
              .filter((c) => c.residentId === me.id)
              .sort((a, b) => a.id.localeCompare(b.id))
              .map((c) => ({ program: c.program, status: c.status, monthlyAmount: c.monthlyAmount })),
            serviceApplications: official.data.resident.serviceApplications,
            volunteer: official.data.resident.volunteer,
            ...welfare.resident,
            ...police.resident,
            // the events that name them, each listing of its residents only them
            events: official.data.resident.events.map((e: { id: string; title: string }) => ({
              ...e,
              residents: [{ id: me.id }],
            })),
          },
        },
      },
    });
  });

  it('answers a supervised and an unsupervised resident alike: no field, count or error differs', async () => {
    const [supervised] = await ownerSql<{ resident_id: string }>(
      'public-security',
      'select resident_id from key_person where active order by resident_id limit 1',
    );
    expect(supervised).toBeDefined();
    const unsupervised = world.residents.find(
      (r) => r.id !== supervised.resident_id && r.householdId !== me.householdId,
    )!;
    const [a, b] = await Promise.all([
      asResident(supervised.resident_id).graphql(ME),
      asResident(unsupervised.id).graphql(ME),
    ]);
    // the officer sees the supervision that the resident is not told of
    const seen = await as(officer).graphql('query($id: ID!) { resident(id: $id) { keyPerson { active } } }', {
      id: supervised.resident_id,
    });
    expect(seen.data.resident.keyPerson).toEqual({ active: true });
    const withheld = (r: GraphQLResponse) => ({
      status: r.status,
      errors: r.errors,
      notice: r.data.me.notice,
      keyPerson: r.data.me.resident.keyPerson,
      incidents: r.data.me.resident.incidents,
      keys: Object.keys(r.data.me.resident).sort(),
    });
    expect(withheld(a)).toEqual(withheld(b));
    expect(withheld(a)).toMatchObject({ status: 200, errors: undefined, keyPerson: null, incidents: null });
  });

  describe('every other path answers a resident like a record that is not there', () => {
    let schema: GraphQLSchema;
    beforeAll(async () => {
      const res = await asResident(me.id).graphql(getIntrospectionQuery());
      expect(res.errors).toBeUndefined();
      schema = buildClientSchema(res.data);
    });

    /** A value of the argument's type that is valid input (naming the other resident wherever an id goes). */
    const sample = (type: GraphQLInputType, name: string): unknown => {
      if (isNonNullType(type)) return sample(type.ofType, name);
      if (isListType(type)) return [sample(type.ofType, name)];
      if (isEnumType(type)) return type.getValues()[0].value;
      if (isInputObjectType(type))
        return Object.fromEntries(
          Object.values(type.getFields())
            .filter((f) => isNonNullType(f.type))
            .map((f) => [f.name, sample(f.type, f.name)]),
        );
      switch (type.name) {
        case 'ID':
          return other.id;
        case 'Int':
          return name === 'first' ? 5 : 1;
        case 'Float':
          return 1;
        case 'Boolean':
          return false;
        case 'LocalDate':
          return '2026-11-01';
        case 'DateTimeISO':
          return '2026-11-01T00:00:00+08:00';
        case 'YearMonth':
          return '2026-11';
        case 'Decimal':
          return '1.00';
        default:
          return name.toLowerCase().includes('code') ? '110108001001' : 'x';
      }
    };

    const operationFor = (kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>) => {
      const required = field.args.filter((a) => isNonNullType(a.type) || a.name === 'first');
      const variables = Object.fromEntries(required.map((a) => [a.name, sample(a.type, a.name)]));
      const params = required.map((a) => `$${a.name}: ${a.type}`).join(', ');
      const args = required.map((a) => `${a.name}: $${a.name}`).join(', ');
      const type = getNamedType(field.type);
      const page = isObjectType(type) && type.getFields().nodes && type.getFields().totalCount;
      const selection = !isObjectType(type)
        ? ''
        : page
          ? '{ __typename totalCount nodes { __typename } }'
          : '{ __typename }';
      return {
        query: `${kind}${params ? `(${params})` : ''} { ${field.name}${args ? `(${args})` : ''} ${selection} }`,
        variables,
      };
    };

    /** Whether an answer holds nothing: null, an empty list, or an empty page. */
    const nothing = (value: unknown): boolean =>
      value === null ||
      (Array.isArray(value) && value.length === 0) ||
      (typeof value === 'object' &&
        (value as { totalCount?: number }).totalCount === 0 &&
        ((value as { nodes?: unknown[] }).nodes ?? []).length === 0);

    it('walks every root field of the supergraph: nothing of anyone else comes back, only NOT_FOUND or empty', async () => {
      const roots = [
        ...Object.values(schema.getQueryType()!.getFields()).map((f) => ['query', f] as const),
        ...Object.values(schema.getMutationType()!.getFields()).map((f) => ['mutation', f] as const),
        // `me`, their own corrections and `myAccessReport`, and the public lookups anyone may make without a token (tested
        // in their own files)
      ].filter(
        ([, f]) =>
          !RESIDENT_ROOT_FIELDS.has(f.name) &&
          f.name !== 'myAccessReport' &&
          !PUBLIC_ROOT_FIELDS.has(f.name) &&
          !f.name.startsWith('_'),
      );
      expect(roots.length).toBeGreaterThan(50);
      const before: Record<string, string> = {};
      for (const department of ['population', 'civil-affairs', 'public-security', 'grid'])
        before[department] = (
          await ownerSql<{ id: string }>(department, 'select coalesce(max(id), 0) as id from audit_log')
        )[0].id;
      const answers: Record<string, unknown> = {};
      for (const [kind, field] of roots) {
        const { query, variables } = operationFor(kind, field);
        const res = await asResident(me.id).graphql(query, variables);
        const value = res.data?.[field.name] ?? null;
        const codes = [...new Set((res.errors ?? []).map((e) => e.extensions?.code))];
        answers[field.name] =
          nothing(value) && codes.every((c) => c === 'NOT_FOUND') ? 'nothing' : { value, errors: res.errors };
      }
      expect(answers).toEqual(Object.fromEntries(roots.map(([, f]) => [f.name, 'nothing'])));
      // and each department wrote down the refusals it answered
      const denied = await Promise.all(
        ['population', 'civil-affairs', 'public-security', 'grid'].map(
          async (department) =>
            (
              await ownerSql<{ n: number }>(
                department,
                `select count(*)::int as n from audit_log where actor = $1 and outcome = 'DENIED' and id > $2`,
                [`resident-${me.id}`, before[department]],
              )
            )[0].n > 0,
        ),
      );
      expect(denied).toEqual([true, true, true, true]);
    }, 300_000);

    it('answers resident(id) of someone else exactly like an id nobody issued, and audits both refusals', async () => {
      const nobody = '00000000-0000-4000-8000-00000000e023';
      const ask = (id: string) =>
        asResident(me.id).graphql('query($id: ID!) { resident(id: $id) { id name } }', { id });
      const [last] = await ownerSql<{ id: string }>('population', 'select coalesce(max(id), 0) as id from audit_log');
      const [someone, noone] = [await ask(other.id), await ask(nobody)];
      const shape = (r: GraphQLResponse, id: string) =>
        JSON.parse(JSON.stringify(r).replaceAll(id, '<id>')) as GraphQLResponse;
      expect(shape(someone, other.id)).toEqual(shape(noone, nobody));
      expect(someone).toEqual({
        status: 200,
        data: { resident: null },
        errors: [
          {
            message: `Resident ${other.id} does not exist or is outside your data scope`,
            path: ['resident'],
            extensions: { code: 'NOT_FOUND', id: other.id, serviceName: 'population' },
          },
        ],
      });
      const rows = await ownerSql<{ record_ids: string[]; outcome: string; department: string; role: string }>(
        'population',
        `select record_ids, outcome, department, role, fields from audit_log
          where actor = $1 and kind = 'READ' and id > $2 order by id`,
        [`resident-${me.id}`, last.id],
      );
      const refused = (id: string) => ({
        record_ids: [id],
        outcome: 'DENIED',
        department: 'RESIDENT',
        role: 'RESIDENT',
        fields: ['resident'],
      });
      expect(rows).toEqual([refused(other.id), refused(nobody)]);
    });

    it('gives a household’s other members and another person’s record nowhere inside `me`', async () => {
      const res = await asResident(me.id).graphql(
        '{ me { resident { household { members { id name idNumber } building { id } } } } }',
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.me.resident.household.members).toEqual([{ id: me.id, name: me.name, idNumber: me.idNumber }]);
    });
  });
});
