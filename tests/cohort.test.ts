/**
 * Cohort search (DESIGN.md 4.3) through the real gateway: the planner asks each department for its section and joins
 * the keys. The oracle: every resident's facts fetched through the gateway as ordinary queries, filtered in memory,
 * independently of the planner (a household's last visit included), for hundreds of generated filters.
 */
import { addDays, addMonthsToMonth, formatInstant, monthOf, startOfDay, today } from '../lib/calendar';
import { Rng } from '../runner/synthetic/random';
import { analyst, as, auditorOf, type Caller, gridLeader, gridWorkerOf, officer, registrar } from './support/callers';
import { hub, sqlAt, sqlStatementsDuring } from './support/hub';
import { testWorld } from './support/world';

const world = testWorld();

interface Fact {
  id: string;
  name: string;
  age: number;
  gender: string;
  ethnicityCode: string;
  residenceStatus: string;
  livingArrangement: string;
  selfCareAbility: string;
  education: string | null;
  employmentStatus: string | null;
  maritalStatus: string | null;
  politicalStatus: string | null;
  healthInsurance: boolean;
  pensionInsurance: boolean;
  unemploymentInsurance: boolean;
  lastVerifiedAt: string;
  household: {
    id: string;
    building: { id: string; microGrid: { id: string } | null };
    lastVisit: { visitedAt: string } | null;
  };
  assistance: { program: string; status: string }[];
  registration: { type: string } | null;
  keyPerson?: { category: string; riskLevel: string } | null;
}

type Filter = Record<string, any>;

/** Every active resident's facts, page by page, as a grid leader (population, civil affairs, grid) and an officer (key persons). */
async function residentFacts(): Promise<Fact[]> {
  const pages = async (caller: Caller, fields: string) => {
    const nodes: any[] = [];
    let after: string | null = null;
    do {
      const { residents }: any = await as(caller).data(
        `query($after: String) { residents(first: 50, after: $after) { pageInfo { hasNextPage endCursor } nodes { id ${fields} } } }`,
        { after },
      );
      nodes.push(...residents.nodes);
      after = residents.pageInfo.hasNextPage ? residents.pageInfo.endCursor : null;
    } while (after);
    return nodes;
  };
  const facts = await pages(
    gridLeader,
    `name age gender ethnicityCode residenceStatus livingArrangement selfCareAbility education employmentStatus maritalStatus politicalStatus
     healthInsurance pensionInsurance unemploymentInsurance lastVerifiedAt household { id building { id microGrid { id } } lastVisit { visitedAt } } assistance { program status } registration { type }`,
  );
  const keyPersons = new Map(
    (await pages(officer, 'keyPerson { category riskLevel }')).map((r) => [r.id, r.keyPerson]),
  );
  return facts.map((f) => ({ ...f, keyPerson: keyPersons.get(f.id) ?? null }));
}

const parentOf = new Map(world.regions.map((r) => [r.id, r.parentId]));
const within = (regionId: string, ancestorId: string): boolean => {
  for (let at: string | null | undefined = regionId; at; at = parentOf.get(at)) if (at === ancestorId) return true;
  return false;
};

/** The filter's meaning, written out plainly over one resident's facts. */
function matches(f: Fact, filter: Filter, householdSize: Map<string, number>): boolean {
  const section = (name: string, test: (s: any) => boolean) => {
    const s = filter[name];
    return s == null || test(s) !== !!s.not;
  };
  return (
    section(
      'population',
      (s) =>
        (s.minAge == null || f.age >= s.minAge) &&
        (s.maxAge == null || f.age <= s.maxAge) &&
        [
          'gender',
          'ethnicityCode',
          'residenceStatus',
          'livingArrangement',
          'selfCareAbility',
          'education',
          'employmentStatus',
          'maritalStatus',
          'politicalStatus',
          'healthInsurance',
          'pensionInsurance',
          'unemploymentInsurance',
        ].every((k) => s[k] == null || (f as any)[k] === s[k]) &&
        (s.minHouseholdSize == null || householdSize.get(f.household.id)! >= s.minHouseholdSize) &&
        (s.maxHouseholdSize == null || householdSize.get(f.household.id)! <= s.maxHouseholdSize) &&
        (s.buildingId == null || f.household.building.id === s.buildingId) &&
        (s.verifiedBefore == null || new Date(f.lastVerifiedAt) < startOfDay(s.verifiedBefore)),
    ) &&
    section('civilAffairs', (s) =>
      f.assistance.some((c) => c.status === (s.status ?? 'ACTIVE') && (s.program == null || c.program === s.program)),
    ) &&
    section(
      'publicSecurity',
      (s) =>
        (s.registrationType == null || f.registration?.type === s.registrationType) &&
        (s.keyPerson == null ||
          (!!f.keyPerson &&
            (s.keyPerson.category == null || f.keyPerson.category === s.keyPerson.category) &&
            (s.keyPerson.riskLevel == null || f.keyPerson.riskLevel === s.keyPerson.riskLevel))),
    ) &&
    section('grid', (s) => {
      const micro = f.household.building.microGrid?.id;
      return (
        !!micro &&
        (s.regionId == null || within(micro, s.regionId)) &&
        (s.microGridId == null || micro === s.microGridId)
      );
    }) &&
    section(
      'gridVisits',
      (s) => !!f.household.lastVisit && new Date(f.household.lastVisit.visitedAt) >= new Date(s.visitedSince),
    ) &&
    (filter.anyOf == null || filter.anyOf.some((branch: Filter) => matches(f, branch, householdSize)))
  );
}

/** Random filters over values the district really has, so that most match someone and some match nobody. */
function generator(facts: Fact[], seed: number) {
  const rng = new Rng(seed);
  const pick = <T>(list: readonly T[]): T => list[rng.int(list.length)];
  const someone = () => pick(facts);
  const regions = world.regions.filter((r) => r.level !== 'DISTRICT');
  // the seed visits the last two months and this one: before them all, within them, and after (nobody)
  const month = (back: number, day = 1) =>
    formatInstant(startOfDay(`${addMonthsToMonth(monthOf(new Date()), -back).key}-${String(day).padStart(2, '0')}`));
  const visitTimes = [
    month(3),
    month(2, 10),
    month(1),
    month(1, 20),
    month(0),
    new Date(Date.now() + 86_400_000).toISOString(),
  ];
  const sections: Record<string, (keyPersons: boolean) => Filter> = {
    population: () => {
      const s: Filter = {};
      const conditions: (() => void)[] = [
        () => (s.minAge = pick([18, 40, 60, 80])),
        () => (s.maxAge = pick([17, 35, 59, 79])),
        () => (s.gender = someone().gender),
        () => (s.ethnicityCode = someone().ethnicityCode),
        () => (s.residenceStatus = someone().residenceStatus),
        () => (s.livingArrangement = someone().livingArrangement),
        () => (s.selfCareAbility = someone().selfCareAbility),
        () => (s.education = someone().education),
        () => (s.employmentStatus = someone().employmentStatus),
        () => (s.maritalStatus = someone().maritalStatus),
        () => (s.politicalStatus = someone().politicalStatus),
        () => (s.healthInsurance = rng.next() < 0.5),
        () => (s.pensionInsurance = rng.next() < 0.5),
        () => (s.unemploymentInsurance = rng.next() < 0.5),
        () => (s.minHouseholdSize = 1 + rng.int(5)),
        () => (s.maxHouseholdSize = 1 + rng.int(3)),
        () => (s.buildingId = someone().household.building.id),
        () => (s.verifiedBefore = pick([addDays(today(), -60), today(), addDays(today(), 1)])),
      ];
      for (let i = 1 + rng.int(2); i > 0; i--) pick(conditions)();
      return s;
    },
    civilAffairs: () =>
      pick<Filter>([
        {},
        { program: pick(['MINIMUM_LIVING', 'EXTREME_POVERTY', 'TEMPORARY', 'MAJOR_ILLNESS']) },
        { program: 'TEMPORARY', status: pick(['APPLIED', 'APPROVED', 'REJECTED']) },
      ]),
    publicSecurity: (keyPersons) =>
      keyPersons && rng.next() < 0.6
        ? {
            keyPerson: pick<Filter>([
              {},
              { category: pick(['RELEASED_PRISONER', 'SEVERE_MENTAL_DISORDER', 'DRUG_REHABILITATION']) },
              { riskLevel: pick(['LOW', 'MEDIUM', 'HIGH']) },
            ]),
          }
        : { registrationType: pick(['LOCAL', 'NON_LOCAL', 'NONE']) },
    gridVisits: () => ({ visitedSince: pick(visitTimes) }),
    grid: () =>
      rng.next() < 0.8
        ? { regionId: pick(regions).id }
        : { microGridId: pick(regions.filter((r) => r.level === 'MICRO_GRID')).id },
  };
  const filter = (keyPersons: boolean, depth = 0): Filter => {
    const f: Filter = {};
    const names = Object.keys(sections);
    for (let i = 1 + rng.int(depth ? 1 : 3); i > 0; i--) {
      const name = pick(names);
      f[name] = { ...sections[name](keyPersons), ...(rng.next() < 0.3 ? { not: true } : {}) };
    }
    if (!depth && rng.next() < 0.25) f.anyOf = [filter(keyPersons, 1), filter(keyPersons, 1)];
    return f;
  };
  return filter;
}

const usesKeyPersons = (f: Filter): boolean => !!f.publicSecurity?.keyPerson || (f.anyOf ?? []).some(usesKeyPersons);
const COHORT = `query($where: CohortFilter!, $first: Int, $after: String) { cohort(where: $where, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`;

describe('cohort search (条件查询) across departments', () => {
  let facts: Fact[];
  let householdSize: Map<string, number>;
  const expected = (filter: Filter) =>
    facts
      .filter((f) => matches(f, filter, householdSize))
      .map((f) => f.id)
      .sort();

  beforeAll(async () => {
    facts = await residentFacts();
    householdSize = new Map();
    for (const f of facts) householdSize.set(f.household.id, (householdSize.get(f.household.id) ?? 0) + 1);
  });

  it('answers the civil-affairs question: 80 and over, living alone, in one community, on no assistance — with grid and grid staff beside them', async () => {
    const community = world.regions.find((r) => r.level === 'COMMUNITY')!;
    const where = {
      population: { minAge: 80, livingArrangement: 'ALONE' },
      grid: { regionId: community.id },
      civilAffairs: { not: true },
    };
    const want = expected(where);
    expect(want.length).toBeGreaterThan(0);
    const caseworker: Caller = { department: 'CIVIL_AFFAIRS', role: 'CASEWORKER', purpose: '漏保排查 2026-11' };
    const { cohort } = await as(caseworker).data(
      `query($where: CohortFilter!) { cohort(where: $where, first: 100) { totalCount nodes { id name age assistance { program } grid { id name staff { name role } } } } }`,
      { where },
    );
    const byId = new Map(facts.map((f) => [f.id, f]));
    const grids = new Map(world.regions.map((r) => [r.id, r]));
    expect(cohort.totalCount).toBe(want.length);
    expect(cohort.nodes).toEqual(
      want.map((id) => ({
        id,
        name: byId.get(id)!.name,
        age: byId.get(id)!.age,
        assistance: byId.get(id)!.assistance.map((c) => ({ program: c.program })),
        grid: { id: expect.any(String), name: expect.any(String), staff: expect.any(Array) },
      })),
    );
    for (const node of cohort.nodes)
      expect(
        within(byId.get(node.id)!.household.building.microGrid!.id, node.grid.id) &&
          grids.get(node.grid.id)!.level === 'GRID',
      ).toBe(true);
    expect(
      cohort.nodes.flatMap((n: any) => n.grid.staff).some((s: any) => s.role === 'FULL_TIME_WORKER' && s.name),
    ).toBe(true);
  });

  it('answers the seeds’ example on social insurance: on 低保 with health insurance (医保) but no unemployment insurance (失业保险)', async () => {
    const where = {
      civilAffairs: { program: 'MINIMUM_LIVING' },
      population: { minAge: 18, maxAge: 59, healthInsurance: true, unemploymentInsurance: false },
    };
    const insured = { ...where, population: { ...where.population, unemploymentInsurance: true } };
    const [want, wantInsured] = [expected(where), expected(insured)];
    // the district holds both, so the condition is seen to divide
    expect([want.length > 0, wantInsured.length > 0]).toEqual([true, true]);
    const answers = [];
    for (const w of [where, insured]) {
      const { cohort } = await as(gridLeader).data(COHORT, { where: w, first: 100 });
      answers.push({ total: cohort.totalCount, ids: cohort.nodes.map((n: { id: string }) => n.id) });
    }
    expect(answers).toEqual([
      { total: want.length, ids: want.slice(0, 100) },
      { total: wantInsured.length, ids: wantInsured.slice(0, 100) },
    ]);
  });

  it('agrees with the plain in-memory answer on several hundred generated filters (negations, OR, empty answers, every department)', async () => {
    const filter = generator(facts, 2026);
    const counts = { total: 0, empty: 0, negated: 0, anyOf: 0, keyPersons: 0, visits: 0 };
    for (let i = 0; i < 300; i++) {
      const keyPersons = i % 4 === 0;
      const where = filter(keyPersons);
      // visits are shared with public security for a stated purpose
      const caller = usesKeyPersons(where) ? { ...officer, purpose: '治安排查 2026-12' } : gridLeader;
      if (caller === officer && JSON.stringify(where).match(/maritalStatus|politicalStatus/)) continue;
      const want = expected(where);
      const res = await as(caller).graphql(COHORT, { where, first: 100 });
      if (res.errors) throw new Error(`${JSON.stringify(where)}: ${JSON.stringify(res.errors)}`);
      expect({ where, total: res.data.cohort.totalCount, ids: res.data.cohort.nodes.map((n: any) => n.id) }).toEqual({
        where,
        total: want.length,
        ids: want.slice(0, 100),
      });
      counts.total++;
      if (!want.length) counts.empty++;
      if (JSON.stringify(where).includes('"not":true')) counts.negated++;
      if (where.anyOf) counts.anyOf++;
      if (usesKeyPersons(where)) counts.keyPersons++;
      if (JSON.stringify(where).includes('gridVisits')) counts.visits++;
    }
    // the generator covered what it should
    expect(counts.total).toBeGreaterThanOrEqual(250);
    for (const n of [counts.empty, counts.negated, counts.anyOf, counts.keyPersons, counts.visits])
      expect(n).toBeGreaterThan(5);
  });

  it('pages to the last page in a stable order', async () => {
    const filter = generator(facts, 7);
    let paged = 0;
    for (let i = 0; i < 60 && paged < 6; i++) {
      const where = filter(false);
      const want = expected(where);
      if (want.length < 30) continue;
      paged++;
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const { cohort }: any = await as(gridLeader).data(COHORT, { where, first: 29, after });
        expect(cohort.totalCount).toBe(want.length);
        seen.push(...cohort.nodes.map((n: any) => n.id));
        after = cohort.pageInfo.hasNextPage ? cohort.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toEqual(want);
    }
    expect(paged).toBe(6);
  });

  it('keeps a grid worker’s cohort, and its total, inside the grid', async () => {
    const grid = world.regions.find((r) => r.level === 'GRID')!;
    const inGrid = facts
      .filter((f) => f.household.building.microGrid && within(f.household.building.microGrid.id, grid.id))
      .map((f) => f.id)
      .sort();
    const { cohort } = await as(gridWorkerOf(grid.id)).data(COHORT, { where: { population: {} }, first: 100 });
    expect(cohort.totalCount).toBe(inGrid.length);
    expect(cohort.nodes.map((n: any) => n.id)).toEqual(inGrid.slice(0, 100));
  });

  describe('paged to its end: kept from its second page for the pages after it (gateway/cohort/key-sets.ts)', () => {
    const where = { population: { minAge: 60 } };
    const kindOf = (cursor: string) => Buffer.from(cursor, 'base64url').toString('utf8').slice(0, 2);
    const page = async (caller: Caller, after: string | null) =>
      (await as(caller).data(COHORT, { where, first: 10, after })).cohort;
    const idsOf = (p: { nodes: { id: string }[] }) => p.nodes.map((n) => n.id);
    /** the cursor of the second page's last row: the whole answer is kept by then */
    const keptCursor = async (caller: Caller) => {
      const first = await page(caller, null);
      const second = await page(caller, first.pageInfo.endCursor);
      expect([kindOf(first.pageInfo.endCursor), kindOf(second.pageInfo.endCursor)]).toEqual(['k:', 's:']);
      return second.pageInfo.endCursor as string;
    };

    it('reads the third page and every later one from the kept set, asking no department, rows and total as searched', async () => {
      const want = expected(where);
      expect(want.length).toBeGreaterThan(50);
      let after = await keptCursor(gridLeader);
      const statements: Record<string, number>[] = [];
      const later: { ids: string[]; total: number; hasNextPage: boolean }[] = [];
      for (let i = 0; i < 3; i++)
        statements.push(
          await sqlStatementsDuring(async () => {
            const p = await page(gridLeader, after);
            later.push({ ids: idsOf(p), total: p.totalCount, hasNextPage: p.pageInfo.hasNextPage });
            after = p.pageInfo.endCursor;
          }),
        );
      const none = { population: 0, 'civil-affairs': 0, 'public-security': 0, grid: 0 };
      expect(statements).toEqual([none, none, none]);
      expect(later).toEqual(
        [2, 3, 4].map((p) => ({ ids: want.slice(p * 10, p * 10 + 10), total: want.length, hasNextPage: true })),
      );
    });

    it('searches afresh, inside their own scope, for anyone else who presents a kept cursor', async () => {
      const after = await keptCursor(gridLeader);
      const afterKey = Buffer.from(after, 'base64url').toString('utf8').split(':').pop()!;
      const grid = world.regions.find((r) => r.level === 'GRID')!;
      const inGrid = expected(where).filter((id) => {
        const microGrid = facts.find((f) => f.id === id)!.household.building.microGrid;
        return microGrid && within(microGrid.id, grid.id);
      });
      const worker = gridWorkerOf(grid.id);
      let seen: { ids: string[]; total: number } | undefined;
      const statements = await sqlStatementsDuring(async () => {
        const p = await page(worker, after);
        seen = { ids: idsOf(p), total: p.totalCount };
      });
      expect(seen).toEqual({ ids: inGrid.filter((id) => id > afterKey).slice(0, 10), total: inGrid.length });
      expect(statements.population).toBeGreaterThan(0);
    });

    it('pages on by key when its kept set is gone or the cursor names another row of it', async () => {
      const want = expected(where);
      const after = await keptCursor(gridLeader);
      const [, id, index, key] = Buffer.from(after, 'base64url').toString('utf8').split(':');
      const moved = Buffer.from(`s:${id}:${Number(index) + 5}:${key}`, 'utf8').toString('base64url');
      const fromMoved = await page(gridLeader, moved);
      await sqlAt(hub().gatewayDatabaseUrl!, 'delete from hub_cohort_key_sets');
      const fromGone = await page(gridLeader, after);
      expect([idsOf(fromMoved), idsOf(fromGone)]).toEqual([want.slice(20, 30), want.slice(20, 30)]);
      expect([fromMoved.totalCount, fromGone.totalCount]).toEqual([want.length, want.length]);
    });
  });

  it.each([
    ['a grid leader', gridLeader],
    ['a population registrar', registrar],
    ['a civil-affairs caseworker', { department: 'CIVIL_AFFAIRS', role: 'CASEWORKER' } as Caller],
    ['an analyst', analyst],
  ])('refuses a key-person condition to %s, before any keys are sought', async (_who, caller) => {
    const subject = `kp-probe-${Date.now()}-${Math.random()}`;
    const res = await as({ ...caller, subject }).graphql(COHORT, {
      where: { population: { minAge: 18 }, publicSecurity: { keyPerson: {} } },
      first: 10,
    });
    expect(res.data).toBeNull();
    expect(res.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('publicSecurity.keyPerson'),
        extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
      }),
    ]);
    const { populationAuditTrail } = await as(auditorOf('POPULATION')).data(
      `query($s: String!) { populationAuditTrail(first: 10, filter: { subject: $s }) { nodes { fields } } }`,
      { s: subject },
    );
    expect(populationAuditTrail.nodes).toEqual([]);
  });

  it('refuses a conditionally shared condition without the grant, like the field itself', async () => {
    const res = await as(officer).graphql(COHORT, { where: { population: { maritalStatus: 'WIDOWED' } }, first: 10 });
    expect(res.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    ]);
  });

  it('refuses an empty anyOf, at the top or inside another, before asking any department', async () => {
    const refusals = [];
    for (const where of [
      { population: { minAge: 18 }, anyOf: [] },
      { anyOf: [{ population: { minAge: 80 } }, { anyOf: [] }] },
    ])
      refusals.push((await as(gridLeader).graphql(COHORT, { where, first: 10 })).errors);
    const refusal = (at: string) => [
      {
        message: `${at}.anyOf is empty: give at least one filter in it, or leave anyOf out (an empty OR matches no one)`,
        path: ['cohort'],
        extensions: { code: 'BAD_USER_INPUT', field: `${at}.anyOf`, serviceName: 'cohort' },
      },
    ];
    expect(refusals).toEqual([refusal('where'), refusal('where.anyOf[1]')]);
  });

  it('is audited in each department it asked: the conditions and how many matched', async () => {
    const subject = `cohort-audit-${Date.now()}`;
    const where = { population: { minAge: 60 }, civilAffairs: { program: 'MINIMUM_LIVING' } };
    await as({ ...gridLeader, subject }).data(COHORT, { where, first: 5 });
    const trail = async (department: 'POPULATION' | 'CIVIL_AFFAIRS', field: string) =>
      (
        await as(auditorOf(department)).data(
          `query($s: String!) { ${field}(first: 10, filter: { subject: $s }) { nodes { kind fields outcome } } }`,
          { s: subject },
        )
      )[field].nodes;
    expect(await trail('POPULATION', 'populationAuditTrail')).toEqual([
      {
        kind: 'READ',
        outcome: 'ALLOWED',
        fields: expect.arrayContaining(['cohort', 'cohort.minAge', expect.stringMatching(/^cohort\.matched=\d+$/)]),
      },
    ]);
    expect(await trail('CIVIL_AFFAIRS', 'civilAffairsAuditTrail')).toEqual([
      {
        kind: 'READ',
        outcome: 'ALLOWED',
        fields: expect.arrayContaining(['cohort', 'cohort.program', expect.stringMatching(/^cohort\.matched=\d+$/)]),
      },
    ]);
  });
});
