import { addDays, today } from '../lib/calendar';
import { randomUUID } from 'node:crypto';
/**
 * Key-person data (重点人员) never reaches an identity outside public security: not through the gateway, not straight at
 * the subgraph with an identity the gateway signed, not nested under another department's type, not by filtering or
 * counting. Public security's own roles see it inside their scope, and every read is audited.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, type InputObjectTypeDefinitionNode, type NamedTypeNode, visit } from 'graphql';
import { as, auditorOf, type Caller, caseworker, gridLeader, officer, registrar } from './support/callers';
import { buildingsIn, codes, keyPersonsOverdue, publicSecurityData, straightTo } from './support/public-security';
import { testWorld, whereLives } from './support/world';

const world = testWorld();
const { keyPersons, contacts, rentals } = publicSecurityData();
const overdue = keyPersonsOverdue(new Set(world.buildings.map((b) => b.id)));
const person = overdue[0];
const resident = world.residents.find((r) => r.id === person.residentId)!;
const home = whereLives(resident);
const rental = rentals[0];
const errorAt = (
  res: { errors?: { path?: (string | number)[]; extensions?: Record<string, unknown> }[] },
  path: string,
) => res.errors?.find((e) => e.path?.join('.') === path);

const OUTSIDERS: [string, Caller][] = [
  ['a district grid leader', gridLeader],
  ['a population registrar', registrar],
  ['a civil-affairs caseworker', caseworker],
  ['grid’s auditor', auditorOf('GRID')],
  // an analyst reads no resident at all (tests/disclosure-attack.test.ts)
];

describe('public security’s own roles', () => {
  it('see the overdue contacts of the district with the contact log, by id', async () => {
    expect(overdue.length).toBeGreaterThan(0);
    const { overdueKeyPersonContacts } = await as(officer).data(
      `{ overdueKeyPersonContacts(first: 100) { totalCount nodes { id category riskLevel supervisingOfficer lastContactOn contacts { contactedOn method } resident { id name } } } }`,
    );
    expect(overdueKeyPersonContacts).toEqual({
      totalCount: overdue.length,
      nodes: overdue.map((k) => {
        const log = contacts
          .filter((c) => c.keyPersonId === k.id)
          .sort((a, b) => (a.contactedOn < b.contactedOn ? 1 : -1));
        return {
          id: k.id,
          category: k.category,
          riskLevel: k.riskLevel,
          supervisingOfficer: k.supervisingOfficer,
          lastContactOn: log[0]?.contactedOn ?? null,
          contacts: log.map((c) => ({ contactedOn: c.contactedOn, method: c.method })),
          resident: { id: k.residentId, name: world.residents.find((r) => r.id === k.residentId)!.name },
        };
      }),
    });
  });

  it('see only their own grid’s key persons when scoped to a grid, and every read is in the audit log', async () => {
    const police: Caller = {
      department: 'PUBLIC_SECURITY',
      role: 'GRID_POLICE',
      scope: [home.grid.id],
      subject: `key-person-police-${Date.now()}`,
    };
    const mine = keyPersonsOverdue(buildingsIn(home.grid.id));
    const { overdueKeyPersonContacts } = await as(police).data(
      `{ overdueKeyPersonContacts { totalCount nodes { id nextContactDue } } }`,
    );
    expect(overdueKeyPersonContacts.nodes.map((n: { id: string }) => n.id)).toEqual(mine.map((k) => k.id));
    const trail = await as(auditorOf('PUBLIC_SECURITY')).data(
      `query($s: String!) { publicSecurityAuditTrail(first: 50, filter: { subject: $s }) { nodes { kind recordType recordIds outcome } } }`,
      { s: police.subject },
    );
    expect(trail.publicSecurityAuditTrail.nodes).toEqual(
      expect.arrayContaining([
        { kind: 'READ', recordType: 'KeyPerson', recordIds: mine.map((k) => k.id), outcome: 'ALLOWED' },
      ]),
    );
  });
});

describe.each(OUTSIDERS)('to %s, key-person data', (_who, caller) => {
  it('is refused through the gateway: on a resident, by id, and as the overdue list or its count', async () => {
    const res = await as(caller).graphql(
      `query($id: ID!) { resident(id: $id) { name keyPerson { category lastContactOn contacts { contactedOn } } } }`,
      { id: resident.id },
    );
    expect(res.data.resident.keyPerson).toBeNull();
    expect(errorAt(res, 'resident.keyPerson')?.extensions?.code).toBe('FORBIDDEN');
    const byId = await as(caller).graphql('query($id: ID!) { keyPerson(id: $id) { category } }', { id: person.id });
    expect(byId.data).toEqual({ keyPerson: null });
    expect(codes(byId)).toEqual(['FORBIDDEN']);
    const count = await as(caller).graphql('{ overdueKeyPersonContacts { totalCount } }');
    expect(count.data).toEqual({ overdueKeyPersonContacts: null });
    expect(codes(count)).toEqual(['FORBIDDEN']);
  });

  it('is refused nested under population’s household and building and public security’s rentals', async () => {
    const household = await as(caller).graphql(
      `query($id: ID!) { household(id: $id) { members { id keyPerson { category } } } }`,
      { id: home.household.id },
    );
    expect(household.data.household.members).toEqual(expect.arrayContaining([{ id: resident.id, keyPerson: null }]));
    expect(codes(household).every((c) => c === 'FORBIDDEN') && codes(household).length).toBeTruthy();
    const building = await as(caller).graphql(
      `query($id: ID!) { building(id: $id) { rentals { landlord { keyPerson { category } } tenants { resident { keyPerson { riskLevel } } } } } }`,
      { id: rental.buildingId },
    );
    expect(JSON.stringify(building.data)).not.toMatch(/category|riskLevel":"/);
    expect(codes(building)).toContain('FORBIDDEN');
  });

  it('is refused as a cohort condition, alone, negated or inside anyOf, so nothing is counted by it', async () => {
    for (const where of [
      { publicSecurity: { keyPerson: {} } },
      { publicSecurity: { keyPerson: { riskLevel: 'HIGH' }, not: true } },
      { anyOf: [{ population: { minAge: 18 } }, { publicSecurity: { keyPerson: { category: person.category } } }] },
    ]) {
      const res = await as(caller).graphql(`query($where: CohortFilter!) { cohort(where: $where) { totalCount } }`, {
        where,
      });
      expect(res.data).toBeNull();
      expect(codes(res)).toEqual(['FORBIDDEN']);
    }
  });
});

describe('a refusal', () => {
  it('is written to public security’s audit log like a read', async () => {
    const outsider: Caller = { ...gridLeader, subject: `key-person-probe-${Date.now()}` };
    await as(outsider).graphql('{ overdueKeyPersonContacts { totalCount } }');
    await as(outsider).graphql('query($id: ID!) { resident(id: $id) { keyPerson { category } } }', { id: resident.id });
    const trail = await as(auditorOf('PUBLIC_SECURITY')).data(
      `query($s: String!) { publicSecurityAuditTrail(first: 50, filter: { subject: $s }) { nodes { kind recordType recordIds fields outcome } } }`,
      { s: outsider.subject },
    );
    expect(trail.publicSecurityAuditTrail.nodes).toEqual(
      expect.arrayContaining([
        {
          kind: 'READ',
          recordType: 'KeyPerson',
          recordIds: [],
          fields: ['overdueKeyPersonContacts'],
          outcome: 'DENIED',
        },
        { kind: 'READ', recordType: 'Resident', recordIds: [resident.id], fields: ['keyPerson'], outcome: 'DENIED' },
      ]),
    );
  });
});

describe('straight at public security with an identity the gateway signed for an outsider', () => {
  const representation = {
    __typename: 'Resident',
    id: resident.id,
    household: { building: { id: home.building.id, communityCode: home.building.communityCode } },
  };

  it.each([
    ['GRID', 'GRID_LEADER'],
    ['ANALYTICS', 'ANALYST'],
    ['POPULATION', 'REGISTRAR'],
  ] as const)(
    'refuses %s:%s by id, as an entity field, as a list and as a cohort condition',
    async (department, role) => {
      const who = { department, role };
      const byId = await straightTo('public-security', who, 'query($id: ID!) { keyPerson(id: $id) { category } }', {
        id: person.id,
      });
      expect(byId).toMatchObject({ data: { keyPerson: null } });
      expect(codes(byId)).toEqual(['FORBIDDEN']);
      const entity = await straightTo(
        'public-security',
        who,
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { keyPerson { category } } } }',
        { r: [representation] },
      );
      if (department === 'ANALYTICS') {
        // the statistics office has no resident at all: the representation resolves to nothing, before any field
        expect(entity).toMatchObject({ data: { _entities: [null] } });
      } else {
        expect(entity).toMatchObject({ data: { _entities: [{ keyPerson: null }] } });
        expect(codes(entity)).toEqual(['FORBIDDEN']);
      }
      const list = await straightTo('public-security', who, '{ overdueKeyPersonContacts { totalCount } }');
      expect(list.data).toEqual({ overdueKeyPersonContacts: null });
      expect(codes(list)).toEqual(['FORBIDDEN']);
      const match = await straightTo(
        'public-security',
        who,
        '{ publicSecurityCohortMatch(where: { keyPerson: {} }) { count keys } }',
      );
      expect(match.data).toBeNull();
      expect(codes(match)).toEqual(['FORBIDDEN']);
    },
  );

  it('answers public security’s own officer on the same path', async () => {
    const entity = await straightTo(
      'public-security',
      { department: 'PUBLIC_SECURITY', role: 'OFFICER' },
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { keyPerson { id category } } } }',
      { r: [representation] },
    );
    expect(entity).toEqual({
      status: 200,
      data: { _entities: [{ keyPerson: { id: person.id, category: person.category } }] },
    });
  });
});

describe('no other way in', () => {
  it('has no argument anywhere in the graph that filters or sorts by key-person data but the cohort section, which is refused above', () => {
    const supergraph = parse(readFileSync(join(__dirname, '..', 'schema', 'supergraph.graphql'), 'utf8'));
    const usedBy: string[] = [];
    visit(supergraph, {
      InputObjectTypeDefinition(node: InputObjectTypeDefinitionNode) {
        if (node.name.value.startsWith('KeyPerson')) return;
        for (const field of node.fields ?? []) {
          let type = field.type;
          while (type.kind !== Kind.NAMED_TYPE) type = type.type;
          if (/KeyPerson/.test((type as NamedTypeNode).name.value))
            usedBy.push(`${node.name.value}.${field.name.value}`);
        }
      },
    });
    expect(usedBy).toEqual(['PublicSecurityCohort.keyPerson']);
    expect(keyPersons.some((k) => k.active)).toBe(true);
  });
});

describe('the contact log (见面记录)', () => {
  const RECORD = `mutation($input: KeyPersonContactInput!) { recordKeyPersonContact(input: $input) { id lastContactOn nextContactDue contacts { contactedOn method notes } } }`;
  const input = (contactedOn: string) => ({
    idempotencyKey: randomUUID(),
    keyPersonId: person.id,
    contactedOn,
    method: 'VISIT',
    notes: '情况稳定',
  });

  it('is written by public security only, not for a future day, and takes the person off the overdue list', async () => {
    expect(codes(await as(gridLeader).graphql(RECORD, { input: input('2026-11-20') }))).toEqual(['FORBIDDEN']);
    const future = await as(officer).graphql(RECORD, { input: input('2999-01-01') });
    expect(future.errors).toEqual([
      expect.objectContaining({
        message: 'contactedOn 2999-01-01 is in the future',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    ]);
    const day = today();
    const { recordKeyPersonContact } = await as(officer).data(RECORD, { input: input(day) });
    const interval = { HIGH: 7, MEDIUM: 30, LOW: 90 }[person.riskLevel];
    expect(recordKeyPersonContact).toMatchObject({
      id: person.id,
      lastContactOn: day,
      nextContactDue: addDays(day, interval),
      contacts: expect.arrayContaining([{ contactedOn: day, method: 'VISIT', notes: '情况稳定' }]),
    });
    const { overdueKeyPersonContacts } = await as(officer).data(
      `{ overdueKeyPersonContacts(first: 100) { totalCount nodes { id } } }`,
    );
    expect(overdueKeyPersonContacts.totalCount).toBe(overdue.length - 1);
    expect(overdueKeyPersonContacts.nodes).not.toContainEqual({ id: person.id });
  });
});
