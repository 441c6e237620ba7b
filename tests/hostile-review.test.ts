import { randomUUID } from 'node:crypto';
/**
 * The attacks of the hostile review (the security issue), each reproduced as described and shown to fail: through the
 * real gateway, straight at a subgraph with what a listener on the network captured, or as the department itself.
 */
import { createHash } from 'node:crypto';
import { idNumberCheckChar, maskPhone } from '../lib/codes/id-number';
import { APPLICANT_PLACE } from '../subgraphs/civil-affairs/resolvers/applicant-place';
import { assistanceCases } from '../subgraphs/civil-affairs/seed-cases';
import { keyPersonRows } from '../subgraphs/public-security/seed.key-persons';
import trustedDocuments from '../gateway/trusted-documents.json';
import { as, auditorOf, type Caller, gridLeader, gridWorkerOf, registrar, tokenFor } from './support/callers';
import { startExtraGateway } from './support/gateway';
import { graphql, hub } from './support/hub';
import { startRecorder } from './support/recorder';
import { testWorld, whereLives } from './support/world';

const world = testWorld();
const cases = assistanceCases(world);
const byId = new Map(world.residents.map((r) => [r.id, r]));
// the grid of a 低保 family, so its caseworker has cases to list; a stranger from another grid
const home = whereLives(byId.get(cases.find((c) => c.program === 'MINIMUM_LIVING')!.residentId)!).grid;
const livesIn = (gridId: string) => world.residents.filter((r) => whereLives(r).grid.id === gridId);
const [resident, neighbour] = livesIn(home.id);
const stranger = world.residents.find((r) => whereLives(r).grid.id !== home.id)!;
const unknownId = '00000000-0000-4000-8000-00000000beef';
const codes = (res: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  (res.errors ?? []).map((e) => e.extensions?.code);
const uniq = (what: string) => `${what}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;

const TRAIL = (field: string) =>
  `query($subject: String!) { ${field}(first: 50, filter: { subject: $subject }) { nodes { kind recordType recordIds fields outcome operation } } }`;
async function auditRows(department: 'POPULATION' | 'CIVIL_AFFAIRS' | 'PUBLIC_SECURITY' | 'GRID', subject: string) {
  const field = {
    POPULATION: 'populationAuditTrail',
    CIVIL_AFFAIRS: 'civilAffairsAuditTrail',
    PUBLIC_SECURITY: 'publicSecurityAuditTrail',
    GRID: 'gridAuditTrail',
  }[department];
  return (await as(auditorOf(department)).data(TRAIL(field), { subject }))[field].nodes as Record<string, any>[];
}

describe('1. masked numbers cannot be rebuilt from shared fields', () => {
  it('leaves hundreds of ID numbers consistent with everything a masked role may read about a resident', async () => {
    const { resident: seen } = await as({ department: 'CIVIL_AFFAIRS', role: 'CASEWORKER' }).data(
      `query($id: ID!) { resident(id: $id) { id name idNumber gender birthDate age ethnicityCode phone residenceStatus household { id room building { id address communityCode } } } }`,
      { id: resident.id },
    );
    expect(seen.idNumber).toBe(`${resident.idNumber.slice(0, 6)}${'*'.repeat(12)}`);
    // every number that agrees with the shown prefix, the birth date and the gender: the mask hides digits 15–18
    const prefix = seen.idNumber.slice(0, 6) + seen.birthDate.replace(/-/g, '');
    const candidates: string[] = [];
    for (let sequence = 0; sequence < 1000; sequence++) {
      if ((sequence % 2 === 1) !== (seen.gender === 'MALE')) continue;
      const first17 = prefix + String(sequence).padStart(3, '0');
      candidates.push(first17 + idNumberCheckChar(first17));
    }
    expect(candidates).toContain(resident.idNumber);
    expect(candidates.length).toBeGreaterThanOrEqual(500);
    // nothing else in the answer carries the hidden digits
    expect(JSON.stringify(seen)).not.toContain(resident.idNumber.slice(14));
    expect(seen.phone).toBe(resident.phone && maskPhone(resident.phone));
  });

  it('lets only a registrar (who reads numbers whole) register, so CONFLICT confirms nothing to anyone else, and audits both', async () => {
    const REGISTER = `mutation($input: RegisterResidentInput!) { registerResident(input: $input) { id } }`;
    const input = {
      name: '试探',
      idNumber: resident.idNumber,
      gender: resident.gender,
      birthDate: resident.birthDate,
      ethnicityCode: '01',
      residenceStatus: 'REGISTERED',
      collectedBy: 'probe',
      idempotencyKey: randomUUID(),
    };
    const clerk: Caller = { department: 'POPULATION', role: 'CLERK', subject: uniq('clerk') };
    const refused = await as(clerk).graphql(REGISTER, { input });
    expect(refused.data).toBeNull();
    expect(codes(refused)).toEqual(['FORBIDDEN']);

    const registrarProbe = { ...registrar, subject: uniq('registrar') };
    const conflict = await as(registrarProbe).graphql(REGISTER, { input });
    expect(codes(conflict)).toEqual(['CONFLICT']);
    expect(JSON.stringify(conflict)).not.toContain(resident.idNumber);

    expect(await auditRows('POPULATION', clerk.subject!)).toEqual([
      expect.objectContaining({
        kind: 'WRITE',
        recordType: 'Resident',
        outcome: 'DENIED',
        fields: ['registerResident'],
      }),
    ]);
    expect(await auditRows('POPULATION', registrarProbe.subject)).toEqual([
      expect.objectContaining({
        kind: 'WRITE',
        recordType: 'Resident',
        outcome: 'FAILED',
        fields: ['registerResident'],
      }),
    ]);
  });
});

describe('2. changes stay inside the data scope', () => {
  const clerk: Caller = { department: 'POPULATION', role: 'CLERK', scope: [home.id], subject: uniq('clerk-of-home') };
  const READ = `query($id: ID!) { resident(id: $id) { name status household { id } } }`;
  const UPDATE = `mutation($id: ID!, $input: UpdateResidentInput!) { updateResident(id: $id, input: $input) { id name idNumber } }`;

  it('refuses to update or move out a resident of another grid, as if there were no such resident, and changes nothing', async () => {
    const before = (await as(registrar).data(READ, { id: stranger.id })).resident;
    for (const [query, variables] of [
      [UPDATE, { id: stranger.id, input: { name: '改名' } }],
      [`mutation($id: ID!) { moveOutResident(id: $id) { id } }`, { id: stranger.id }],
    ] as const) {
      const outside = await as(clerk).graphql(query, variables);
      const missing = await as(clerk).graphql(query, { ...variables, id: unknownId });
      expect(outside.data).toEqual(missing.data);
      expect(outside.errors).toEqual([
        expect.objectContaining({
          message: `Resident ${stranger.id} does not exist or is outside your data scope`,
          extensions: expect.objectContaining({ code: 'NOT_FOUND', id: stranger.id }),
        }),
      ]);
      expect(codes(missing)).toEqual(['NOT_FOUND']);
    }
    expect((await as(registrar).data(READ, { id: stranger.id })).resident).toEqual(before);
  });

  it('refuses to move a resident of its own grid into another grid’s household, and to register anyone there', async () => {
    const target = whereLives(stranger).household.id;
    const moved = await as(clerk).graphql(UPDATE, { id: resident.id, input: { householdId: target } });
    expect(moved.errors).toEqual([
      expect.objectContaining({
        message: `householdId ${target} is not a household on the register in your data scope`,
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    ]);
    expect((await as(registrar).data(READ, { id: resident.id })).resident.household.id).toBe(
      whereLives(resident).household.id,
    );

    const scopedRegistrar: Caller = { ...registrar, scope: [home.id], subject: uniq('registrar-of-home') };
    const input = {
      name: '新人',
      idNumber: '110105199001011230',
      gender: 'MALE',
      birthDate: '1990-01-01',
      ethnicityCode: '01',
      residenceStatus: 'REGISTERED',
      collectedBy: 't',
      householdId: target,
      idempotencyKey: randomUUID(),
    };
    input.idNumber = input.idNumber.slice(0, 17) + idNumberCheckChar(input.idNumber.slice(0, 17));
    expect(
      codes(
        await as(scopedRegistrar).graphql(
          `mutation($input: RegisterResidentInput!) { registerResident(input: $input) { id } }`,
          { input },
        ),
      ),
    ).toEqual(['BAD_USER_INPUT']);
  });

  it('changes a resident of its own grid and answers with the record as a query would (ID number masked)', async () => {
    const { updateResident } = await as(clerk).data(UPDATE, { id: neighbour.id, input: { name: neighbour.name } });
    expect(updateResident).toEqual({
      id: neighbour.id,
      name: neighbour.name,
      idNumber: `${neighbour.idNumber.slice(0, 6)}${'*'.repeat(12)}`,
    });
  });

  describe('civil affairs’ own records are scoped by the place of the resident they concern', () => {
    const caseworker: Caller = {
      department: 'CIVIL_AFFAIRS',
      role: 'CASEWORKER',
      scope: [home.id],
      subject: uniq('caseworker-of-home'),
    };
    const homeResidents = new Set(livesIn(home.id).map((r) => r.id));
    const awayCase = cases.find((c) => !homeResidents.has(c.residentId))!;

    it('lists and counts only the cases of its grid', async () => {
      const { assistanceCases: page } = await as(caseworker).data(
        '{ assistanceCases(first: 100) { totalCount nodes { id residentId } } }',
      );
      const mine = cases.filter((c) => homeResidents.has(c.residentId));
      expect(mine.length).toBeGreaterThan(0);
      expect(page.totalCount).toBe(mine.length);
      expect(page.nodes.map((n: any) => n.id).sort()).toEqual(mine.map((c) => c.id).sort());
    });

    it('answers a case of another grid like a case that does not exist, and cannot decide it', async () => {
      const outside = await as(caseworker).graphql('query($id: ID!) { assistanceCase(id: $id) { id } }', {
        id: awayCase.id,
      });
      expect(outside).toMatchObject({
        data: { assistanceCase: null },
        errors: [
          {
            message: `AssistanceCase ${awayCase.id} does not exist or is outside your data scope`,
            extensions: { code: 'NOT_FOUND' },
          },
        ],
      });
      const decided = await as(caseworker).graphql(
        'mutation($id: ID!) { decideAssistanceCase(id: $id, input: { approve: false }) { id } }',
        { id: awayCase.id },
      );
      expect(decided.errors).toEqual([
        expect.objectContaining({
          message: `AssistanceCase ${awayCase.id} does not exist or is outside your data scope`,
        }),
      ]);
    });

    it('applies for assistance only for residents of its grid (asking population through the graph, as the caseworker)', async () => {
      const APPLY = `mutation($input: ApplyForAssistanceInput!) { applyForAssistance(input: $input) { id status resident { id name } } }`;
      const count = async () =>
        (
          await as({ department: 'CIVIL_AFFAIRS', role: 'CASEWORKER' }).data(
            '{ assistanceCases(first: 1) { totalCount } }',
          )
        ).assistanceCases.totalCount;
      const before = await count();
      const outside = await as(caseworker).graphql(APPLY, {
        input: { idempotencyKey: randomUUID(), residentId: stranger.id, program: 'TEMPORARY' },
      });
      expect(outside.errors).toEqual([
        expect.objectContaining({
          message: `Resident ${stranger.id} does not exist or is outside your data scope`,
          extensions: expect.objectContaining({ code: 'NOT_FOUND' }),
        }),
      ]);
      expect(await count()).toBe(before);

      const applicant = livesIn(home.id).find((r) => !cases.some((c) => c.residentId === r.id))!;
      const { applyForAssistance } = await as(caseworker).data(APPLY, {
        input: { idempotencyKey: randomUUID(), residentId: applicant.id, program: 'TEMPORARY' },
      });
      expect(applyForAssistance).toEqual({
        id: expect.any(String),
        status: 'APPLIED',
        resident: { id: applicant.id, name: applicant.name },
      });
      expect(await count()).toBe(before + 1);
      // population audited the look-up under the caseworker's name, in the caseworker's request
      expect(await auditRows('POPULATION', caseworker.subject!)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            kind: 'READ',
            recordType: 'Resident',
            recordIds: [applicant.id],
            operation: 'ApplicantPlace',
            outcome: 'ALLOWED',
          }),
        ]),
      );
    });

    it('so are public security’s key-person records: a grid police officer reads those of the grid only', async () => {
      const rows = keyPersonRows(
        world,
        new Map(world.households.map((h) => [h.id, world.buildings.find((b) => b.id === h.buildingId)!])),
      );
      const gridOf = (k: (typeof rows)[number]) => whereLives(byId.get(k.residentId)!).grid.id;
      const mine = rows.find((k) => k.active)!;
      const theirs = rows.find((k) => gridOf(k) !== gridOf(mine))!;
      const police: Caller = { department: 'PUBLIC_SECURITY', role: 'GRID_POLICE', scope: [gridOf(mine)] };
      const Q = 'query($id: ID!) { keyPerson(id: $id) { category } }';
      expect(await as(police).data(Q, { id: mine.id })).toEqual({ keyPerson: { category: mine.category } });
      expect((await as(police).graphql(Q, { id: theirs.id })).errors).toEqual([
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) }),
      ]);
    });

    it('uses a look-up document the gateway has registered', () => {
      expect(trustedDocuments.documents).toHaveProperty(
        createHash('sha256').update(APPLICANT_PLACE).digest('hex'),
        APPLICANT_PLACE,
      );
    });
  });
});

describe('3 and 4. a captured forwarded identity is worth nothing', () => {
  const RESIDENT_360 = `query($id: ID!) { resident(id: $id) { name phone assistance { program } registration { type } } }`;
  const withRecorders = async (
    holdBack: string | null,
    run: (
      gatewayUrl: string,
      recorded: Record<string, { headers: Record<string, any>; body: string }[]>,
    ) => Promise<void>,
  ) => {
    const recorders = Object.fromEntries(
      await Promise.all(
        Object.entries(hub().subgraphUrls).map(
          async ([name, url]) => [name, await startRecorder(url, { forward: name !== holdBack })] as const,
        ),
      ),
    );
    const env = Object.fromEntries(
      Object.entries(recorders).map(([name, r]) => [`SUBGRAPH_URL_${name.toUpperCase().replace(/-/g, '_')}`, r.url]),
    );
    const gateway = await startExtraGateway(env);
    try {
      await run(
        gateway.url,
        Object.fromEntries(Object.entries(recorders).map(([name, r]) => [name, r.requests as any])),
      );
    } finally {
      gateway.stop();
      await Promise.all(Object.values(recorders).map((r) => r.stop()));
    }
  };
  const replay = (url: string, headers: Record<string, any>, body: string) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-identity': headers['x-hub-identity'], connection: 'close' },
      body,
    }).then(async (r) => ({
      status: r.status,
      ...((await r.json()) as { errors?: { message: string; extensions?: Record<string, unknown> }[] }),
    }));

  it('cannot be replayed, used for another query, sent to another department, or carry a forged location', async () => {
    await withRecorders(null, async (gatewayUrl, recorded) => {
      const token = await tokenFor(gridLeader);
      const res = await graphql(
        RESIDENT_360,
        { id: resident.id },
        { url: gatewayUrl, headers: { authorization: `Bearer ${token}`, 'x-purpose': 'x' } },
      );
      expect(res.data.resident.name).toBe(resident.name);

      const [population] = recorded.population.filter((r) => r.body.includes('resident('));
      const [civil] = recorded['civil-affairs'];
      // the same request again
      expect(codes(await replay(hub().subgraphUrls.population, population.headers, population.body))).toEqual([
        'UNAUTHENTICATED',
      ]);
      // another query with the captured identity
      const other = JSON.stringify({ query: '{ residents(first: 100) { nodes { name phone } } }' });
      expect(await replay(hub().subgraphUrls.population, population.headers, other)).toMatchObject({
        errors: [{ message: 'the forwarded identity was signed for another request' }],
      });
      // another department
      expect(codes(await replay(hub().subgraphUrls['public-security'], civil.headers, civil.body))).toEqual([
        'UNAUTHENTICATED',
      ]);
      // the same department, with the representation's location moved into the caller's grid
      const forged = civil.body
        .replace(/"communityCode":"\d{12}"/g, `"communityCode":"${whereLives(stranger).community.code}"`)
        .replace(resident.id, stranger.id);
      expect(codes(await replay(hub().subgraphUrls['civil-affairs'], civil.headers, forged))).toEqual([
        'UNAUTHENTICATED',
      ]);
    });
  });

  it('lets a department ask the graph back only once, only with a registered document, and only at the gateway', async () => {
    // civil affairs never receives the request, so the capability it would have used is still fresh
    await withRecorders('civil-affairs', async (gatewayUrl, recorded) => {
      const token = await tokenFor({ department: 'CIVIL_AFFAIRS', role: 'CASEWORKER' });
      await graphql(
        `mutation($input: ApplyForAssistanceInput!) { applyForAssistance(input: $input) { id } }`,
        { input: { idempotencyKey: randomUUID(), residentId: resident.id, program: 'TEMPORARY' } },
        {
          url: gatewayUrl,
          headers: { authorization: `Bearer ${token}` },
        },
      );
      const [held] = recorded['civil-affairs'];
      const callback = held.headers['x-hub-callback'];
      expect(callback).toEqual(expect.any(String));
      const ask = (body: object) =>
        fetch(hub().gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-hub-callback': callback, connection: 'close' },
          body: JSON.stringify(body),
        }).then((r) => r.json());
      expect(await ask({ query: '{ residents(first: 100) { nodes { name phone } } }' })).toMatchObject({
        errors: [{ message: expect.stringMatching(/for another document/), extensions: { code: 'UNAUTHENTICATED' } }],
      });
      expect(await ask({ query: APPLICANT_PLACE, variables: { id: resident.id } })).toMatchObject({
        errors: [{ message: 'the call back has been used already', extensions: { code: 'UNAUTHENTICATED' } }],
      });
      expect(codes(await replay(hub().subgraphUrls.population, { 'x-hub-identity': callback }, held.body))).toEqual([
        'UNAUTHENTICATED',
      ]);
    });
  });
});

describe('5. every refusal at the root is audited', () => {
  it.each([
    ['keyPerson(id)', 'PUBLIC_SECURITY', 'query($id: ID!) { keyPerson(id: $id) { category } }', 'KeyPerson'],
    [
      'assistanceCases',
      'CIVIL_AFFAIRS',
      'query($id: ID) { assistanceCases(first: 5, filter: { residentId: $id }) { totalCount } }',
      'AssistanceCase',
    ],
    [
      'an audit trail',
      'POPULATION',
      'query($id: String) { populationAuditTrail(first: 1, filter: { recordId: $id }) { totalCount } }',
      'AuditEntry',
    ],
    [
      'a mutation',
      'CIVIL_AFFAIRS',
      'mutation($id: ID!) { decideAssistanceCase(id: $id, input: { approve: false }) { id } }',
      'AssistanceCase',
    ],
  ] as const)(
    '%s refused to a grid leader leaves a DENIED row in its department',
    async (_what, department, query, recordType) => {
      const leader = { ...gridLeader, subject: uniq('leader') };
      const id = keyPersonRows(
        world,
        new Map(world.households.map((h) => [h.id, world.buildings.find((b) => b.id === h.buildingId)!])),
      )[0].id;
      const res = await as(leader).graphql(query, { id });
      expect(codes(res)).toEqual(['FORBIDDEN']);
      expect(await auditRows(department, leader.subject)).toEqual([
        expect.objectContaining({
          kind: query.startsWith('mutation') ? 'WRITE' : 'READ',
          recordType,
          recordIds: [id],
          outcome: 'DENIED',
        }),
      ]);
    },
  );
});

describe('8. no existence oracle', () => {
  it('answers an existing resident outside the scope exactly like an id nobody issued, and audits the refusal', async () => {
    const worker = { ...gridWorkerOf(home.id), subject: uniq('worker') };
    const ask = (id: string) => as(worker).graphql('query($id: ID!) { resident(id: $id) { name } }', { id });
    const outside = await ask(stranger.id);
    const missing = await ask(unknownId);
    expect(JSON.stringify(outside).replaceAll(stranger.id, '?')).toBe(
      JSON.stringify(missing).replaceAll(unknownId, '?'),
    );
    // both refused alike, each with its DENIED row naming the id asked for (item 4: no timing oracle either)
    const rows = await auditRows('POPULATION', worker.subject);
    expect(
      rows
        .map((r) => ({ recordType: r.recordType, recordIds: r.recordIds, outcome: r.outcome, fields: r.fields }))
        .sort((a, b) => a.recordIds[0].localeCompare(b.recordIds[0])),
    ).toEqual(
      [stranger.id, unknownId]
        .sort()
        .map((id) => ({ recordType: 'Resident', recordIds: [id], outcome: 'DENIED', fields: ['scope'] })),
    );
  });
});
