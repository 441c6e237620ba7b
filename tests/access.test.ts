import { generateKeyPair, SignJWT } from 'jose';
import { Client } from 'pg';
import { mintUserToken } from '../lib/auth/user-token';
import { maskIdNumber, maskPhone } from '../lib/codes/id-number';
import { assistanceCases } from '../subgraphs/civil-affairs/seed-cases';
import { keyPersonRows } from '../subgraphs/public-security/seed.key-persons';
import { analyst, as, auditorOf, caseworker, gridLeader, gridWorkerOf, officer, registrar } from './support/callers';
import { graphql, hub } from './support/hub';
import { onRegister, testWorld, whereLives } from './support/world';

const RESIDENT_360 = `query Resident360($id: ID!) {
  resident(id: $id) {
    id name idNumber phone
    household { id building { id address grid { id name } } }
    registration { type }
    keyPerson { category riskLevel supervisingOfficer }
  }
}`;

const world = testWorld();
const buildingOfHousehold = new Map(
  world.households.map((h) => [h.id, world.buildings.find((b) => b.id === h.buildingId)!]),
);
const keyPersonRecord = keyPersonRows(world, buildingOfHousehold).find((k) => k.active)!;
const keyPerson = world.residents.find((r) => r.id === keyPersonRecord.residentId)!;
const home = whereLives(keyPerson);
const otherGrid = world.regions.find((r) => r.level === 'GRID' && r.id !== home.grid.id)!;
const codes = (res: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  (res.errors ?? []).map((e) => e.extensions?.code);
const errorAt = (
  res: { errors?: { path?: (string | number)[]; extensions?: Record<string, unknown> }[] },
  path: string,
) => res.errors?.find((e) => e.path?.join('.') === path);

describe('data scope', () => {
  it('gives a grid worker of another grid no personal data: the answer a missing resident gets', async () => {
    const res = await as(gridWorkerOf(otherGrid.id)).graphql(RESIDENT_360, { id: keyPerson.id });
    expect(res.data).toEqual({ resident: null });
    expect(errorAt(res, 'resident')).toMatchObject({
      message: `Resident ${keyPerson.id} does not exist or is outside your data scope`,
      extensions: { code: 'NOT_FOUND' },
    });
    expect(JSON.stringify(res)).not.toContain(keyPerson.name);
  });

  it('gives a grid worker of the right grid the resident with the ID number masked and no key-person data', async () => {
    const res = await as(gridWorkerOf(home.grid.id)).graphql(RESIDENT_360, { id: keyPerson.id });
    expect(res.data).toEqual({
      resident: {
        id: keyPerson.id,
        name: keyPerson.name,
        idNumber: maskIdNumber(keyPerson.idNumber),
        phone: keyPerson.phone,
        household: {
          id: home.household.id,
          building: {
            id: home.building.id,
            address: home.building.address,
            grid: { id: home.grid.id, name: home.grid.name },
          },
        },
        registration: { type: expect.any(String) },
        keyPerson: null,
      },
    });
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(errorAt(res, 'resident.keyPerson')?.extensions?.serviceName).toBe('public-security');
  });

  it('lists only the residents inside a grid worker’s grid, and counts only those', async () => {
    // the list is of the active register: the grid's residents who died or moved out are not on it
    const inGrid = world.residents.filter((r) => whereLives(r).grid.id === home.grid.id && onRegister(r)).length;
    const { residents } = await as(gridWorkerOf(home.grid.id)).data(
      '{ residents(first: 100) { totalCount nodes { id } } }',
    );
    expect(residents.totalCount).toBe(inGrid);
    const ids = new Set(world.residents.filter((r) => whereLives(r).grid.id === home.grid.id).map((r) => r.id));
    for (const node of residents.nodes) expect(ids.has(node.id)).toBe(true);
  });
});

describe('key-person data (重点人员)', () => {
  it('is visible to public security', async () => {
    const res = await as(officer).graphql(RESIDENT_360, { id: keyPerson.id });
    expect(res.errors).toBeUndefined();
    expect(res.data.resident).toMatchObject({
      idNumber: keyPerson.idNumber, // an officer sees the ID number whole
      keyPerson: {
        category: keyPersonRecord.category,
        riskLevel: keyPersonRecord.riskLevel,
        supervisingOfficer: keyPersonRecord.supervisingOfficer,
      },
    });
  });

  it.each([
    ['a district grid leader', gridLeader],
    ['a population registrar', registrar],
    ['a civil-affairs caseworker', caseworker],
    ['an auditor of public security’s neighbours', auditorOf('GRID')],
  ])('is never shown to %s', async (_who, caller) => {
    const res = await as(caller).graphql(RESIDENT_360, { id: keyPerson.id });
    expect(res.data.resident.keyPerson).toBeNull();
    expect(errorAt(res, 'resident.keyPerson')?.extensions?.code).toBe('FORBIDDEN');
    const direct = await as(caller).graphql('query($id: ID!) { keyPerson(id: $id) { category } }', {
      id: keyPersonRecord.id,
    });
    expect(direct.data).toEqual({ keyPerson: null });
    expect(codes(direct)).toEqual(['FORBIDDEN']);
  });
});

describe('masking', () => {
  it('shows a civil-affairs caseworker ID and phone numbers masked, and an analyst no resident at all', async () => {
    const { resident } = await as(caseworker).data('query($id: ID!) { resident(id: $id) { idNumber phone } }', {
      id: keyPerson.id,
    });
    expect(resident).toEqual({
      idNumber: maskIdNumber(keyPerson.idNumber),
      phone: keyPerson.phone && maskPhone(keyPerson.phone),
    });
    const seen = await as(analyst).graphql('query($id: ID!) { resident(id: $id) { idNumber phone } }', {
      id: keyPerson.id,
    });
    expect(seen.data).toEqual({ resident: null });
    expect(codes(seen)).toEqual(['NOT_FOUND']);
  });

  it('shows a population registrar the ID number whole', async () => {
    const { resident } = await as(registrar).data('query($id: ID!) { resident(id: $id) { idNumber } }', {
      id: keyPerson.id,
    });
    expect(resident.idNumber).toBe(keyPerson.idNumber);
  });
});

describe('conditionally shared fields (有条件共享)', () => {
  const onMinimumLiving = assistanceCases(world).find((c) => c.program === 'MINIMUM_LIVING' && c.status === 'ACTIVE')!;
  const Q = 'query($id: ID!) { resident(id: $id) { assistance { program monthlyAmount } } }';

  it('are refused without a stated purpose, and the rest of the answer still comes back', async () => {
    const res = await as({ ...gridLeader, purpose: undefined }).graphql(Q, { id: onMinimumLiving.residentId });
    expect(res.data).toEqual({ resident: { assistance: [{ program: 'MINIMUM_LIVING', monthlyAmount: null }] } });
    expect(res.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('X-Purpose'),
        extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
      }),
    ]);
  });

  it('are answered to a granted role that states its purpose', async () => {
    const res = await as(gridLeader).graphql(Q, { id: onMinimumLiving.residentId });
    expect(res).toEqual({
      status: 200,
      data: { resident: { assistance: [{ program: 'MINIMUM_LIVING', monthlyAmount: onMinimumLiving.monthlyAmount }] } },
    });
  });
});

describe('identity', () => {
  it('refuses a request without a token, except __typename', async () => {
    const res = await graphql('{ residents(first: 1) { totalCount } }');
    expect(res).toEqual({
      status: 401,
      errors: [expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })],
    });
    expect(await graphql('{ __typename }')).toEqual({ status: 200, data: { __typename: 'Query' } });
  });

  it('refuses an expired token and one signed with another secret', async () => {
    const identity = { subject: 'x', name: 'x', department: 'GRID' as const, role: 'GRID_LEADER', scope: [] };
    const expired = await mintUserToken(
      identity,
      JSON.parse(require('node:fs').readFileSync(hub().secretsFile, 'utf8')).jwtSecret,
      { ttlSeconds: -60 },
    );
    const forged = await mintUserToken(identity, 'not-the-hub-secret-not-the-hub-secret');
    for (const [token, message] of [
      [expired, /expired/],
      [forged, /not valid/],
    ] as const) {
      const res = await graphql('{ __typename }', {}, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(401);
      expect(res.errors).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(message),
          extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }),
        }),
      ]);
    }
  });

  describe('a request sent straight to a subgraph port', () => {
    const query = '{ residents(first: 5) { nodes { name idNumber } } }';
    const direct = (headers: Record<string, string>) =>
      graphql(query, {}, { url: hub().subgraphUrls.population, headers });

    it('gets nothing without the gateway’s signed identity', async () => {
      const res = await direct({});
      expect(res.data).toBeUndefined();
      expect(codes(res)).toEqual(['UNAUTHENTICATED']);
    });

    it('gets nothing with an identity signed by anyone else', async () => {
      const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
      const forged = await new SignJWT({
        department: 'PUBLIC_SECURITY',
        role: 'OFFICER',
        scope: [],
        resolvedScope: { all: true, codePrefixes: [], buildingIds: [] },
      })
        .setProtectedHeader({ alg: 'EdDSA' })
        .setSubject('mallory')
        .setIssuer('grid-hub-gateway')
        .setAudience('grid-hub-subgraphs')
        .setExpirationTime('1m')
        .sign(privateKey);
      const userToken = await mintUserToken(
        { subject: 'm', name: 'm', department: 'PUBLIC_SECURITY', role: 'OFFICER', scope: [] },
        'x'.repeat(32),
      );
      for (const header of [forged, userToken, 'officer']) {
        const res = await direct({ 'x-hub-identity': header });
        expect(res.data).toBeUndefined();
        expect(codes(res)).toEqual(['UNAUTHENTICATED']);
      }
    });
  });
});

describe('audit log (审计日志)', () => {
  const TRAILS = {
    population: 'populationAuditTrail',
    'civil-affairs': 'civilAffairsAuditTrail',
    'public-security': 'publicSecurityAuditTrail',
    grid: 'gridAuditTrail',
  };
  const OWNERS = {
    population: 'POPULATION',
    'civil-affairs': 'CIVIL_AFFAIRS',
    'public-security': 'PUBLIC_SECURITY',
    grid: 'GRID',
  } as const;
  const trail = (field: string) =>
    `query($subject: String!) { ${field}(first: 50, filter: { subject: $subject }) { totalCount nodes { requestId subject department role kind recordType recordIds fields purpose outcome } } }`;

  it('holds, in each owning department, a row for each personal read, tied together by the request id', async () => {
    const worker = { ...gridWorkerOf(home.grid.id), subject: `audited-${Date.now()}`, purpose: '入户走访' };
    await as(worker).graphql(
      `query Visit($id: ID!) { resident(id: $id) { name idNumber registration { type } assistance { program } grid { name } } }`,
      { id: keyPerson.id },
    );

    const rows: Record<string, any[]> = {};
    for (const [department, field] of Object.entries(TRAILS)) {
      rows[department] = (
        await as(auditorOf(OWNERS[department as keyof typeof OWNERS])).data(trail(field), { subject: worker.subject })
      )[field].nodes;
    }
    const population = rows.population.find((r) => r.recordType === 'Resident');
    expect(population).toMatchObject({
      subject: worker.subject,
      department: 'GRID',
      role: 'GRID_WORKER',
      kind: 'READ',
      recordIds: [keyPerson.id],
      purpose: '入户走访',
      outcome: 'ALLOWED',
    });
    expect(population.fields).toEqual(expect.arrayContaining(['idNumber', 'name']));
    for (const department of ['civil-affairs', 'public-security', 'grid']) {
      expect(rows[department]).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            kind: 'READ',
            recordType: 'Resident',
            recordIds: [keyPerson.id],
            requestId: population.requestId,
          }),
        ]),
      );
    }
  });

  it('records refused reads too', async () => {
    const outsider = { ...gridWorkerOf(otherGrid.id), subject: `outsider-${Date.now()}` };
    await as(outsider).graphql(RESIDENT_360, { id: keyPerson.id });
    const { populationAuditTrail } = await as(auditorOf('POPULATION')).data(trail('populationAuditTrail'), {
      subject: outsider.subject,
    });
    expect(populationAuditTrail.nodes).toEqual([
      expect.objectContaining({ recordType: 'Resident', recordIds: [keyPerson.id], outcome: 'DENIED' }),
    ]);
  });

  it('is read by the department’s own auditors only', async () => {
    const res = await as(gridLeader).graphql('{ populationAuditTrail(first: 1) { totalCount } }');
    expect(res.data).toEqual({ populationAuditTrail: null });
    expect(codes(res)).toEqual(['FORBIDDEN']);
  });

  it.each(['update audit_log set outcome = $$ALLOWED$$', 'delete from audit_log', 'truncate audit_log'])(
    'refuses even the owner of the database (the trigger; the application role has no such privilege at all): %s',
    async (statement) => {
      const client = new Client({ connectionString: hub().ownerUrls.population });
      await client.connect();
      try {
        const before = (await client.query('select count(*)::int as n from audit_log')).rows[0].n;
        expect(before).toBeGreaterThan(0);
        await expect(client.query(statement)).rejects.toThrow(/audit_log is append-only/);
        expect((await client.query('select count(*)::int as n from audit_log')).rows[0].n).toBe(before);
      } finally {
        await client.end();
      }
    },
  );
});
