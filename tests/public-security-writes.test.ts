import { randomUUID } from 'node:crypto';
/**
 * Public security writes its own records (issue 21, item 6): residence permits issued, renewed and cancelled with their
 * history; key-person supervision started and ended with reasons (public security's officers only); incidents with
 * their parties and steps; rentals registered; grid police assigned to grids. Each is scoped, audited, kept in the
 * record's history, and made once per idempotency key.
 */
import { gridPoliceOf as gridPoliceRows } from '../runner/synthetic/world';
import { addDays, addYears } from '../subgraphs/public-security/seed.dates';
import { as, type Caller, caseworker, districtId, gridLeader, officer } from './support/callers';
import { ownerSql } from './support/hub';
import { busiestPermitGrid, codes, gridPoliceOf, publicSecurityData, today } from './support/public-security';
import { onRegister, testWorld, whereLives } from './support/world';

const world = testWorld();
const { permits, keyPersons } = publicSecurityData();
const busiest = busiestPermitGrid();
const grids = world.regions.filter((r) => r.level === 'GRID');
const grid = grids.filter((g) => g.id !== busiest.id).at(-1)!;
const police = { ...gridPoliceOf(grid.id), subject: `writes-police-${process.pid}` };
const station: Caller = { ...officer, subject: `writes-officer-${process.pid}` };
const livesHere = world.residents.filter((r) => onRegister(r) && whereLives(r).grid.id === grid.id);
const floating = livesHere.filter(
  (r) => r.residenceStatus === 'FLOATING' && !permits.some((p) => p.residentId === r.id),
);
const otherGrid = grids.find((g) => g.id !== grid.id && g.id !== busiest.id)!;
const stranger = world.residents.find((r) => onRegister(r) && whereLives(r).grid.id === otherGrid.id)!;
const psSql = <T = any>(sql: string, params: unknown[] = []) => ownerSql<T>('public-security', sql, params);
const history = (rows: { action: string; reason?: string | null; validUntil?: string | null }[]) =>
  rows.map((r) => ({ effectiveOn: expect.any(String), actor: expect.any(String), ...r }));

const PERMIT = 'id residentId: resident { id } status issuedOn expiresOn reason employer';
const ISSUE = `mutation($input: IssueResidencePermitInput!) { issueResidencePermit(input: $input) { ${PERMIT} } }`;
const RENEW = `mutation($id: ID!) { renewResidencePermit(id: $id) { ${PERMIT} history { action validUntil reason } } }`;
const CANCEL = `mutation($id: ID!, $reason: String!) { cancelResidencePermit(id: $id, reason: $reason) { status history { action validUntil reason actor effectiveOn } } }`;

describe('residence permits (居住证)', () => {
  const [holder, renewer] = floating;
  const input = {
    idempotencyKey: randomUUID(),
    residentId: holder.id,
    reason: 'WORK',
    employer: '  某某科技有限公司 ',
  };

  it('issues a permit once per key, even to a burst of the same form, and refuses a second while it is valid', async () => {
    const burst = await Promise.all(Array.from({ length: 5 }, () => as(police).graphql(ISSUE, { input })));
    const ids = new Set(burst.map((r) => r.data?.issueResidencePermit?.id));
    expect(ids.size).toBe(1);
    expect(burst[0]).toEqual({
      status: 200,
      data: {
        issueResidencePermit: {
          id: expect.any(String),
          residentId: { id: holder.id },
          status: 'ISSUED',
          issuedOn: today(),
          expiresOn: addYears(today(), 1),
          reason: 'WORK',
          employer: '某某科技有限公司',
        },
      },
    });
    expect(await psSql('select count(*)::int as n from residence_permit where resident_id = $1', [holder.id])).toEqual([
      { n: 1 },
    ]);
    const again = await as(police).graphql(ISSUE, { input: { ...input, idempotencyKey: randomUUID() } });
    expect(codes(again)).toEqual(['CONFLICT']);
  });

  it('issues one permit to a resident sent several forms at the same moment (other keys), refusing the rest', async () => {
    expect(floating.length).toBeGreaterThan(3);
    const racer = floating.at(-1)!;
    const forms = Array.from({ length: 10 }, () => ({
      input: { idempotencyKey: randomUUID(), residentId: racer.id, reason: 'WORK' },
    }));
    const answers = await Promise.all(forms.map((variables) => as(police).graphql(ISSUE, variables)));
    expect(answers.flatMap(codes).sort()).toEqual(Array.from({ length: 9 }, () => 'CONFLICT'));
    expect(await psSql('select count(*)::int as n from residence_permit where resident_id = $1', [racer.id])).toEqual([
      { n: 1 },
    ]);
  });

  it('refuses a renewal before the window opens and a cancellation by grid police; cancels with the reason once', async () => {
    const [{ id }] = await psSql<{ id: string }>('select id from residence_permit where resident_id = $1', [holder.id]);
    const early = await as(police).graphql(RENEW, { id });
    expect(early.errors).toEqual([
      expect.objectContaining({
        message: `residence permit ${id} is ISSUED: it is valid until ${addYears(today(), 1)}; renewal opens on ${addDays(addYears(today(), 1), -30)} (possible from ISSUED: CANCEL)`,
        extensions: expect.objectContaining({ code: 'INVALID_TRANSITION', status: 'ISSUED', action: 'RENEW' }),
      }),
    ]);
    expect(codes(await as(police).graphql(CANCEL, { id, reason: '已离京' }))).toEqual(['FORBIDDEN']);
    const holdersToday = async () => {
      const { regionStats } = await as(station).data(
        'query ($id: ID!) { regionStats(regionId: $id) { figures { regionId publicSecurity { permitHolders } } } }',
        { id: districtId() },
      );
      return regionStats.figures.find((f: { regionId: string }) => f.regionId === districtId()).publicSecurity
        .permitHolders as number;
    };
    const holdersBefore = await holdersToday();
    const { cancelResidencePermit } = await as(station).data(CANCEL, { id, reason: ' 已离京 ' });
    // a cancelled permit (居住证注销) holds nothing from its day on: the holder leaves today's figure
    expect(await holdersToday()).toBe(holdersBefore - 1);
    expect(cancelResidencePermit).toEqual({
      status: 'CANCELLED',
      history: [
        {
          action: 'PERMIT_ISSUED',
          validUntil: addYears(today(), 1),
          reason: null,
          actor: police.subject,
          effectiveOn: today(),
        },
        {
          action: 'PERMIT_CANCELLED',
          validUntil: addYears(today(), 1),
          reason: '已离京',
          actor: station.subject,
          effectiveOn: today(),
        },
      ],
    });
    const twice = await as(station).graphql(CANCEL, { id, reason: '重复' });
    expect(twice.errors?.[0]).toEqual(
      expect.objectContaining({
        message: `residence permit ${id} is CANCELLED: CANCEL is possible only from ISSUED or RENEWED (CANCELLED is final)`,
        extensions: expect.objectContaining({ code: 'INVALID_TRANSITION' }),
      }),
    );
  });

  it('renews a permit in its last 30 days for another year, keeping each renewal in its history', async () => {
    const issuedOn = addDays(addYears(today(), -1), 20);
    const { issueResidencePermit: permit } = await as(police).data(ISSUE, {
      input: { idempotencyKey: randomUUID(), residentId: renewer.id, reason: 'FAMILY', issuedOn },
    });
    const { renewResidencePermit } = await as(police).data(RENEW, { id: permit.id });
    expect(renewResidencePermit).toEqual({
      id: permit.id,
      residentId: { id: renewer.id },
      status: 'RENEWED',
      issuedOn,
      expiresOn: addYears(addYears(issuedOn, 1), 1),
      reason: 'FAMILY',
      employer: null,
      history: [
        { action: 'PERMIT_ISSUED', validUntil: addYears(issuedOn, 1), reason: null },
        { action: 'PERMIT_RENEWED', validUntil: addYears(addYears(issuedOn, 1), 1), reason: null },
      ],
    });
    // a retried renewal finds it no longer due: never renewed twice
    expect(codes(await as(police).graphql(RENEW, { id: permit.id }))).toEqual(['INVALID_TRANSITION']);
  });

  it('refuses a resident outside the officer’s scope like a missing one, writes nothing and audits it', async () => {
    const res = await as(police).graphql(ISSUE, {
      input: { idempotencyKey: randomUUID(), residentId: stranger.id, reason: 'WORK' },
    });
    expect(res.errors).toEqual([
      expect.objectContaining({
        message: `Resident ${stranger.id} does not exist or is outside your data scope`,
        extensions: expect.objectContaining({ code: 'NOT_FOUND' }),
      }),
    ]);
    expect(
      await psSql(
        `select count(*)::int as n from audit_log where actor = $1 and record_type = 'Resident' and outcome = 'DENIED' and $2 = any(record_ids)`,
        [police.subject, stranger.id],
      ),
    ).toEqual([{ n: 1 }]);
  });
});

describe('key-person supervision (重点人员列管)', () => {
  const person = livesHere.find(
    (r) => !keyPersons.some((k) => k.residentId === r.id) && !floating.slice(0, 2).includes(r),
  )!;
  const START = `mutation($input: KeyPersonSupervisionInput!) { startKeyPersonSupervision(input: $input) { id category riskLevel since until active supervisingOfficer resident { id } history { action effectiveOn reason actor } } }`;
  const END = `mutation($id: ID!, $on: LocalDate!, $reason: String!) { endKeyPersonSupervision(id: $id, endedOn: $on, reason: $reason) { active until history { action effectiveOn reason actor } } }`;
  const since = addDays(today(), -10);
  const input = {
    idempotencyKey: randomUUID(),
    residentId: person.id,
    category: 'COMMUNITY_CORRECTION',
    riskLevel: 'MEDIUM',
    since,
    reason: '法院社区矫正决定书',
  };
  const outsiders: [string, Caller][] = [
    ['a grid leader', { ...gridLeader, subject: `writes-leader-${process.pid}` }],
    ['a civil-affairs caseworker', { ...caseworker, subject: `writes-caseworker-${process.pid}` }],
    ['public security’s grid police', police],
  ];

  it.each(outsiders)('is refused to %s, which writes nothing and is audited', async (_who, caller) => {
    expect(codes(await as(caller).graphql(START, { input }))).toEqual(['FORBIDDEN']);
    expect(await psSql('select count(*)::int as n from key_person where resident_id = $1', [person.id])).toEqual([
      { n: 0 },
    ]);
    expect(
      await psSql(
        `select count(*)::int as n from audit_log where actor = $1 and kind = 'WRITE' and outcome = 'DENIED' and $2 = any(record_ids)`,
        [caller.subject, person.id],
      ),
    ).toEqual([{ n: 1 }]);
  });

  it('is started by a station officer with its reason, once per key, and ended with its reason once', async () => {
    const first = await as(station).data(START, { input });
    const expected = {
      id: expect.any(String),
      category: 'COMMUNITY_CORRECTION',
      riskLevel: 'MEDIUM',
      since,
      until: null,
      active: true,
      supervisingOfficer: station.subject,
      resident: { id: person.id },
      history: [
        { action: 'SUPERVISION_STARTED', effectiveOn: since, reason: '法院社区矫正决定书', actor: station.subject },
      ],
    };
    expect(first.startKeyPersonSupervision).toEqual(expected);
    const retry = await as(station).data(START, { input });
    expect(retry.startKeyPersonSupervision).toEqual({ ...expected, id: first.startKeyPersonSupervision.id });
    const id = first.startKeyPersonSupervision.id;
    expect(
      await psSql(
        `select kind, record_type as "recordType", fields, outcome from audit_log where actor = $1 and $2 = any(record_ids) and kind = 'WRITE' order by id`,
        [station.subject, id],
      ),
    ).toEqual(
      // the start and its retry, each audited (the retry answers the record the first made)
      [1, 2].map(() => ({
        kind: 'WRITE',
        recordType: 'KeyPerson',
        fields: ['startKeyPersonSupervision'],
        outcome: 'ALLOWED',
      })),
    );

    const READ = 'query($id: ID!) { keyPerson(id: $id) { id history { reason } } }';
    for (const [, caller] of outsiders)
      expect(codes(await as(caller).graphql(END, { id, on: today(), reason: '矫正期满' }))).toEqual(['FORBIDDEN']);
    // outside public security the record cannot be read at all; its grid police read it (and its reasons)
    for (const [, caller] of outsiders.slice(0, 2)) {
      const read = await as(caller).graphql(READ, { id });
      expect({ data: read.data, codes: codes(read) }).toEqual({ data: { keyPerson: null }, codes: ['FORBIDDEN'] });
    }
    expect((await as(police).data(READ, { id })).keyPerson).toEqual({
      id,
      history: [{ reason: '法院社区矫正决定书' }],
    });
    const { endKeyPersonSupervision } = await as(station).data(END, { id, on: today(), reason: '矫正期满' });
    expect(endKeyPersonSupervision).toEqual({
      active: false,
      until: today(),
      history: [
        expected.history[0],
        { action: 'SUPERVISION_ENDED', effectiveOn: today(), reason: '矫正期满', actor: station.subject },
      ],
    });
    const again = await as(station).graphql(END, { id, on: today(), reason: '矫正期满' });
    expect(again.errors?.[0]).toEqual(
      expect.objectContaining({
        message: `key-person supervision ${id} is ENDED: END is possible only from ACTIVE (ENDED is final)`,
        extensions: expect.objectContaining({ code: 'INVALID_TRANSITION' }),
      }),
    );
  });
});

describe('incidents (警情) with their parties', () => {
  const building = whereLives(livesHere[0]).building;
  const [victim, witness] = livesHere.filter((r) => whereLives(r).building.id === building.id);
  const RECORD = `mutation($input: RecordIncidentInput!) { recordIncident(input: $input) { id type status occurredAt summary building { id } communityCode parties { role resident { id } } } }`;
  const CHANGE = `mutation($id: ID!, $action: IncidentAction!, $note: String) { changeIncident(id: $id, action: $action, note: $note) { status history { action reason } } }`;
  const occurredAt = '2024-05-01T10:30:00.000Z';
  const input = (parties: { residentId: string; role: string }[]) => ({
    idempotencyKey: randomUUID(),
    occurredAt,
    type: 'THEFT',
    buildingId: building.id,
    summary: '电动车被盗',
    parties,
  });

  it('records an incident with its parties, walks it to closed with its history, and refuses a step out of order', async () => {
    const parties = [
      { residentId: victim.id, role: 'VICTIM' },
      ...(witness ? [{ residentId: witness.id, role: 'WITNESS' }] : []),
    ];
    const { recordIncident } = await as(police).data(RECORD, { input: input(parties) });
    expect(recordIncident).toEqual({
      id: expect.any(String),
      type: 'THEFT',
      status: 'REPORTED',
      occurredAt: '2024-05-01T18:30:00.000+08:00', // the same instant, told in the district's time
      summary: '电动车被盗',
      building: { id: building.id },
      communityCode: building.communityCode,
      parties: expect.arrayContaining(parties.map((p) => ({ role: p.role, resident: { id: p.residentId } }))),
    });
    const id = recordIncident.id;
    const early = await as(police).graphql(CHANGE, { id, action: 'CLOSE', note: '结案' });
    expect(early.errors?.[0].message).toBe(
      `incident ${id} is REPORTED: CLOSE is possible only from HANDLED (possible from REPORTED: DISPATCH)`,
    );
    await as(police).data(CHANGE, { id, action: 'DISPATCH' });
    await as(police).data(CHANGE, { id, action: 'HANDLE' });
    expect(codes(await as(police).graphql(CHANGE, { id, action: 'CLOSE' }))).toEqual(['BAD_USER_INPUT']);
    const { changeIncident } = await as(police).data(CHANGE, { id, action: 'CLOSE', note: '已追回' });
    expect(changeIncident).toEqual({
      status: 'CLOSED',
      history: history([
        { action: 'INCIDENT_RECORDED', reason: null },
        { action: 'INCIDENT_DISPATCHED', reason: null },
        { action: 'INCIDENT_HANDLED', reason: null },
        { action: 'INCIDENT_CLOSED', reason: '已追回' },
      ]).map(({ action, reason }) => ({ action, reason })),
    });
    // the parties are as strict to read as ever: a grid leader sees the incident, never who was involved
    const leader = await as(gridLeader).graphql('query($id: ID!) { incident(id: $id) { type parties { role } } }', {
      id,
    });
    expect(leader.data).toEqual({ incident: { type: 'THEFT', parties: null } });
    expect(codes(leader)).toEqual(['FORBIDDEN']);
  });

  it('refuses a party outside the officer’s scope like a missing record, and writes nothing', async () => {
    const res = await as(police).graphql(RECORD, { input: input([{ residentId: stranger.id, role: 'SUSPECT' }]) });
    expect(res.errors?.[0]).toEqual(
      expect.objectContaining({
        message: `Resident ${stranger.id} does not exist or is outside your data scope`,
        extensions: expect.objectContaining({ code: 'NOT_FOUND' }),
      }),
    );
    expect(await psSql('select count(*)::int as n from incident_party where resident_id = $1', [stranger.id])).toEqual([
      { n: publicSecurityData().parties.filter((p) => p.residentId === stranger.id).length },
    ]);
    expect(codes(await as(police).graphql(RECORD, { input: { ...input([]), buildingId: undefined } }))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });
});

describe('rentals (出租房屋登记)', () => {
  const landlord = livesHere[1];
  const building = whereLives(landlord).building;
  const REGISTER = `mutation($input: RegisterRentalInput!) { registerRental(input: $input) { room riskLevel registeredOn landlord { id } building { id } history { action effectiveOn } } }`;

  it('registers a room once, and refuses the same room again (CONFLICT)', async () => {
    const input = {
      idempotencyKey: randomUUID(),
      buildingId: building.id,
      room: `测试${process.pid}室`,
      landlordId: landlord.id,
      riskLevel: 'LOW',
    };
    const { registerRental } = await as(police).data(REGISTER, { input });
    expect(registerRental).toEqual({
      room: input.room,
      riskLevel: 'LOW',
      registeredOn: today(),
      landlord: { id: landlord.id },
      building: { id: building.id },
      history: [{ action: 'RENTAL_REGISTERED', effectiveOn: today() }],
    });
    expect((await as(police).data(REGISTER, { input })).registerRental).toEqual(registerRental);
    const again = await as(police).graphql(REGISTER, { input: { ...input, idempotencyKey: randomUUID() } });
    expect(codes(again)).toEqual(['CONFLICT']);
  });
});

describe('grid police assignments (网格民警)', () => {
  const own = gridPoliceRows(world).find((p) => p.gridId === grid.id)!;
  const visiting = gridPoliceRows(world).find((p) => p.gridId === otherGrid.id)!;
  const ASSIGN = `mutation($input: AssignGridPoliceInput!) { assignGridPolice(input: $input) { id name policeStation stationPhone since until grid { id } staff { id } } }`;
  const CARD = `query($id: ID!) { region(id: $id) { policeOfficers { name policeStation stationPhone } } }`;
  const input = {
    idempotencyKey: randomUUID(),
    gridId: grid.id,
    staffId: visiting.id,
    name: visiting.name,
    badgeNumber: visiting.badgeNumber,
    policeStation: visiting.policeStation,
    stationPhone: '010-65551234',
    since: today(),
  };

  it('is the station’s to make: grid police may not assign', async () => {
    expect(codes(await as(police).graphql(ASSIGN, { input }))).toEqual(['FORBIDDEN']);
  });

  it('adds an officer to a grid, shows both on the grid with their station, and ends the assignment with a reason', async () => {
    const { assignGridPolice } = await as(station).data(ASSIGN, { input });
    expect(assignGridPolice).toEqual({
      id: expect.any(String),
      name: visiting.name,
      policeStation: visiting.policeStation,
      stationPhone: '010-65551234',
      since: today(),
      until: null,
      grid: { id: grid.id },
      staff: { id: visiting.id },
    });
    const { region } = await as(gridLeader).data(CARD, { id: grid.id });
    expect(region.policeOfficers).toEqual([
      { name: visiting.name, policeStation: visiting.policeStation, stationPhone: '010-65551234' },
      { name: own.name, policeStation: own.policeStation, stationPhone: expect.stringMatching(/^010-8\d{7}$/) },
    ]);
    const { gridPoliceAssignments } = await as(gridLeader).data(
      'query($s: ID!) { gridPoliceAssignments(staffId: $s, current: true) { grid { id } } }',
      { s: visiting.id },
    );
    expect(gridPoliceAssignments).toEqual([{ grid: { id: grid.id } }, { grid: { id: otherGrid.id } }]);
    const END = `mutation($id: ID!, $until: LocalDate!) { endGridPoliceAssignment(id: $id, until: $until, reason: "调岗") { until history { action effectiveOn validUntil reason } } }`;
    const { endGridPoliceAssignment } = await as(station).data(END, { id: assignGridPolice.id, until: today() });
    expect(endGridPoliceAssignment).toEqual({
      until: today(),
      history: [
        { action: 'POLICE_ASSIGNED', effectiveOn: today(), validUntil: null, reason: null },
        { action: 'POLICE_UNASSIGNED', effectiveOn: today(), validUntil: today(), reason: '调岗' },
      ],
    });
    expect((await as(gridLeader).data(CARD, { id: grid.id })).region.policeOfficers).toEqual([
      { name: own.name, policeStation: own.policeStation, stationPhone: expect.stringMatching(/^010-8\d{7}$/) },
    ]);
    expect(codes(await as(station).graphql(END, { id: assignGridPolice.id, until: today() }))).toEqual(['CONFLICT']);
  });
});

describe('bad input to a public-security write', () => {
  const local = livesHere.find((r) => r.residenceStatus === 'REGISTERED')!;
  const community = world.regions.find((r) => r.id === grid.parentId)!;
  const nobody = randomUUID();
  const expectError = async (
    caller: Caller,
    query: string,
    variables: Record<string, unknown>,
    { message, ...extensions }: { message: string },
  ) => {
    const res = await as(caller).graphql(query, variables);
    expect(res.errors).toEqual([expect.objectContaining({ message, extensions: expect.objectContaining(extensions) })]);
  };
  const bad = (message: string, field: string) => ({ message, code: 'BAD_USER_INPUT', field });

  it('says what is wrong and writes nothing', async () => {
    const before = await psSql('select count(*)::int as n from change_history');
    const ASSIGN = 'mutation($input: AssignGridPoliceInput!) { assignGridPolice(input: $input) { id } }';
    const assign = (extra: object) => ({
      input: {
        idempotencyKey: randomUUID(),
        gridId: grid.id,
        staffId: gridPoliceRows(world)[0].id,
        name: '张伟',
        badgeNumber: '012345',
        policeStation: '测试派出所',
        stationPhone: '010-65551234',
        since: today(),
        ...extra,
      },
    });
    const cases: [Caller, string, Record<string, unknown>, { message: string; code?: string; field?: string }][] = [
      [
        police,
        ISSUE,
        { input: { idempotencyKey: randomUUID(), residentId: floating[2].id, reason: 'WORK', issuedOn: '2999-01-01' } },
        bad('issuedOn 2999-01-01 is in the future', 'issuedOn'),
      ],
      [
        police,
        ISSUE,
        { input: { idempotencyKey: randomUUID(), residentId: local.id, reason: 'WORK' } },
        bad(`resident ${local.id} has a local hukou (本地户籍) and needs no residence permit`, 'residentId'),
      ],
      [
        station,
        ISSUE,
        { input: { idempotencyKey: randomUUID(), residentId: nobody, reason: 'WORK' } },
        { message: `Resident ${nobody} does not exist or is outside your data scope`, code: 'NOT_FOUND' },
      ],
      [
        station,
        ASSIGN,
        assign({ gridId: community.id }),
        bad(`region ${community.id} is a COMMUNITY; grid police are assigned to grids`, 'gridId'),
      ],
      [station, ASSIGN, assign({ badgeNumber: '12' }), bad('badgeNumber "12" must be 6 digits', 'badgeNumber')],
      [
        police,
        'mutation($input: RecordIncidentInput!) { recordIncident(input: $input) { id } }',
        {
          input: {
            idempotencyKey: randomUUID(),
            occurredAt: '2999-01-01T00:00:00.000Z',
            type: 'FIRE',
            communityCode: community.code,
            summary: '火警',
            parties: [],
          },
        },
        bad('occurredAt 2999-01-01T00:00:00.000Z is in the future', 'occurredAt'),
      ],
      [
        police,
        'mutation($input: RecordIncidentInput!) { recordIncident(input: $input) { id } }',
        {
          input: {
            idempotencyKey: randomUUID(),
            occurredAt: '2024-01-01T00:00:00.000Z',
            type: 'FIRE',
            communityCode: '1101',
            summary: '火警',
            parties: [],
          },
        },
        bad(`communityCode "1101" must be a community's 12-digit division code`, 'communityCode'),
      ],
    ];
    for (const [caller, query, variables, error] of cases) await expectError(caller, query, variables, error);
    expect(await psSql('select count(*)::int as n from change_history')).toEqual(before);
  });
});
