/**
 * The grid worker's phone page (/worker, issue 22 item 7) in headless Chromium at a phone's width: the development
 * sign-in narrowed to one grid, today's round per building, a visit (kept on the phone until delivered, resent with
 * the same key), reporting an event — and, once recordVisit carries what was collected, the visit for several
 * departments with the answer per part.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { addDays, today } from '../../lib/calendar';
import { defaults } from '../../lib/config/settings';
import { workerOfGrid } from '../../subgraphs/grid/seed';
import { staffRows } from '../../subgraphs/grid/seed.staff';
import { as, caseworker, type Caller, gridWorkerOf, registrar } from '../support/callers';
import { dispatcher, gridSql, move, nthGrid } from '../support/grid';
import { hub, ownerSql } from '../support/hub';
import { ROOT } from '../support/launch';
import { onRegister, testWorld } from '../support/world';
import { type Browser, chineseGlyphs, openBrowser, PHONE_PAGE_HOLDS, phonePageHolds } from './shared/browser';
import { pageOperations } from './shared/operations';

const world = testWorld();
const { staff, links } = staffRows(world);
const origin = () => new URL(hub().gatewayUrl).origin;
const { operation, unregistered } = pageOperations('worker');
/** The last general grids of the test district: no other file visits their households. */
const generalGrids = world.regions.filter((r) => r.level === 'GRID' && r.gridType === 'GENERAL').length;
const PHONE = { width: 375, height: 740 };

/** A page at a phone's width, signed in with the development login as a grid worker of `gridId`. */
async function signInAsWorker(browser: Browser, gridId: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize(PHONE);
  await page.goto(`${origin()}/worker/`);
  await page.click('#dev-sign-in');
  await page.locator('#grid-choice').waitFor();
  await page.selectOption('#grid-choice', gridId);
  await page.click('#use-grid');
  await page.locator('#buildings[data-day="today"]').waitFor({ state: 'attached' });
  return page;
}

/** The round as the page shows it: per building, its households not visited and its residents due. */
const shownRound = (page: Page) =>
  page.locator('#buildings .building').evaluateAll((cards) =>
    cards.map((card: any) => ({
      id: card.dataset.buildingId as string,
      address: card.querySelector('h3').textContent as string,
      households: [...card.querySelectorAll('.households button')].map((b: any) => b.dataset.householdId as string),
      due: [...card.querySelectorAll('.due li')].map((li: any) => li.dataset.residentId as string),
    })),
  );

/** The round the same grid worker gets from the graph: the first page of buildings, each with its residents due. */
async function roundFromGraph(worker: Caller, gridId: string, day?: string) {
  const { region } = await as(worker).data(operation('worker-round'), { grid: gridId, month: day?.slice(0, 7) });
  return Promise.all(
    region.buildings.nodes.map(async (b: any) => ({
      id: b.id,
      address: b.address,
      households: b.householdsNotVisited.map((h: any) => h.id),
      due: (
        await as(worker).data(operation('worker-due'), { building: b.id, asOf: day })
      ).residentsDueForReverification.nodes.map((r: any) => r.id),
    })),
  );
}

/** Fails the page's next `operationName` request: before it reaches the hub, or after (the answer is lost). */
async function failNext(page: Page, operationName: string, when: 'before' | 'after') {
  let armed = true;
  await page.route('**/graphql', async (route: Route) => {
    if (!armed || !route.request().postData()?.includes(`${operationName}(`)) return route.fallback();
    armed = false;
    if (when === 'after') await route.fetch();
    await route.abort('connectionreset');
  });
}

const outbox = (page: Page) =>
  page.evaluate(() => JSON.parse((globalThis as any).localStorage['worker-outbox'] ?? '[]'));
const answerLines = (page: Page, where: string) =>
  page.locator(`${where} .outcome li`).evaluateAll((lines) => lines.map((l: any) => l.textContent as string));
const visitsOf = async (householdId: string) =>
  (await gridSql(`select count(*)::int as n from visit where household_id = $1`, [householdId]))[0].n as number;

it('asks only operations registered as trusted documents (gateway/trusted-documents.json), each by its exact text', () => {
  expect(unregistered()).toEqual({ count: 8, missing: [] });
});

describe('the grid worker’s page in a real browser at a phone’s width', () => {
  const { grid } = nthGrid(generalGrids - 1);
  const worker = gridWorkerOf(grid.id);
  const workerId = workerOfGrid(staff, links).get(grid.id)!;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await openBrowser();
    page = await signInAsWorker(browser, grid.id);
  });
  afterAll(() => browser?.close());

  it('shows today’s round per building — households not visited this month, residents due for re-verification — offline, in Chinese, 375 px wide', async () => {
    const expected = await roundFromGraph(worker, grid.id);
    expect(await shownRound(page)).toEqual(expected);
    expect(expected.flatMap((b) => b.households).length).toBeGreaterThan(0);
    expect({
      grid: await page.textContent('#grid-name'),
      visitor: await page.inputValue('#staff'),
      glyphs: await chineseGlyphs(page, 'h1'),
      ...(await phonePageHolds(page, browser, origin())),
    }).toEqual({
      grid: grid.name,
      visitor: workerId,
      glyphs: { text: '网格走访', glyphs: 'real' },
      ...PHONE_PAGE_HOLDS,
    });

    // a later day plans ahead: its month's households, and the residents whose facts will be due by then
    const later = addDays(today(), defaults().HUB_REVERIFY_DAYS + 1);
    await page.fill('#round-day', later);
    await page.locator(`#buildings[data-day="${later}"]`).waitFor({ state: 'attached' });
    const ahead = await roundFromGraph(worker, grid.id, later);
    expect(await shownRound(page)).toEqual(ahead);
    expect(ahead.flatMap((b) => b.due).length).toBeGreaterThan(0);
    await page.fill('#round-day', '');
    // back to today: the round drawn again, as before
    await page.locator('#buildings[data-day="today"]').waitFor({ state: 'attached' });
    expect(await shownRound(page)).toEqual(expected);
  });

  it('records a visit that did not get through once it is resent — the page closed meanwhile — and a lost answer resent applies nothing twice', async () => {
    const householdId = (await shownRound(page)).flatMap((b) => b.households)[0];
    const before = await visitsOf(householdId);
    await page.click(`button[data-household-id="${householdId}"]`);
    await page.selectOption('#visit-form [name="kind"]', 'CARE');
    await page.fill('#visit-form [name="findings"]', '独居老人身体尚可，提醒注意用电安全');
    await page.check('#visit-form [name="followUpNeeded"]');

    // the network fails before the hub hears of it: the form stays on the phone under its key
    await failNext(page, 'WorkerRecordVisit', 'before');
    await page.click('#submit-visit');
    await page.locator('#answer .resend').waitFor();
    const [kept] = await outbox(page);
    expect(kept).toEqual({
      operation: 'record-visit',
      label: expect.stringMatching(/走访$/),
      input: {
        idempotencyKey: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
        householdId,
        staffId: workerId,
        kind: 'CARE',
        findings: '独居老人身体尚可，提醒注意用电安全',
        followUpNeeded: true,
      },
    });
    expect(await visitsOf(householdId)).toBe(before);

    // the page is closed and opened again: the form is there to resend; this time the hub applies it but the answer
    // is lost, so it stays; resent once more, the hub answers the visit it made and makes no other
    await page.reload();
    await page.locator('#outbox .resend').waitFor();
    expect(await outbox(page)).toEqual([kept]);
    await failNext(page, 'WorkerRecordVisit', 'after');
    await page.click('#outbox .resend');
    await page.locator('#outbox-list .outcome li.not-delivered').waitFor();
    expect({ visits: await visitsOf(householdId), kept: await outbox(page) }).toEqual({
      visits: before + 1,
      kept: [kept],
    });
    await page.click('#outbox-list .resend');
    await page.locator('#outbox-list .outcome li.applied').waitFor();
    expect({
      lines: await answerLines(page, '#outbox-list'),
      visits: await visitsOf(householdId),
      kept: await outbox(page),
    }).toEqual({
      lines: [expect.stringMatching(/^走访已记录（\d{4}-\d\d-\d\d \d\d:\d\d）$/)],
      visits: before + 1,
      kept: [],
    });
    const { household } = await as(worker).data(
      `query ($id: ID!) { household(id: $id) { lastVisit { kind findings followUpNeeded staff { id } } } }`,
      { id: householdId },
    );
    expect(household.lastVisit).toEqual({
      kind: 'CARE',
      findings: '独居老人身体尚可，提醒注意用电安全',
      followUpNeeded: true,
      staff: { id: workerId },
    });

    // back on the round, the household is visited this month
    await page.reload();
    await page.locator('#buildings[data-day="today"]').waitFor({ state: 'attached' });
    expect((await shownRound(page)).flatMap((b) => b.households)).not.toContain(householdId);
    expect(await page.isHidden('#outbox')).toBe(true);
  });

  it('puts into recordVisit’s `collected` only the sections filled, each as lib/collection/inputs.ts has it', async () => {
    // what the page sends is read off its outbox: the request is stopped before the hub, which cannot take
    // `collected` until the merged recordVisit
    const householdId = (await shownRound(page)).flatMap((b) => b.households)[0];
    await page.click(`button[data-household-id="${householdId}"]`);
    await page.locator('#visit').waitFor();
    const members = await page.$$eval('#visit-form [name="tenant.residentId"] option', (o) =>
      o.map((x: any) => x.value as string).filter(Boolean),
    );
    expect(members.length).toBeGreaterThan(0);
    const [first, second = first] = members;
    await page.fill('#visit-form [name="findings"]', '入户核实；电话变更；发现出租；代办高龄津贴');
    await page.check('#visit-form [name="confirmFacts"]');
    await page.click('#add-fact');
    await page.click('#add-fact');
    await page.click('#add-fact');
    const fact = (n: number, what: string) => `#facts .fact:nth-child(${n}) [data-name="${what}"]`;
    await page.selectOption(fact(1, 'residentId'), first);
    await page.fill(fact(1, 'value'), '13900001111');
    await page.selectOption(fact(2, 'residentId'), second);
    await page.selectOption(fact(2, 'field'), 'selfCareAbility');
    await page.selectOption(fact(2, 'value'), 'PARTIAL');
    // a row left empty is not sent
    await page.selectOption(fact(3, 'field'), 'phone');
    await page.selectOption('#rental-choice', 'new');
    await page.fill('#visit-form [name="rental.landlordId"]', first);
    await page.selectOption('#visit-form [name="tenant.residentId"]', second);
    await page.fill('#visit-form [name="tenant.movedInOn"]', '2026-11-20');
    await page.selectOption('#visit-form [name="application.residentId"]', first);
    await page.selectOption('#visit-form [name="application.consent"]', 'GUARDIAN');
    await page.fill('#visit-form [name="application.witness"]', '女儿张丽');
    await failNext(page, 'WorkerRecordVisitCollected', 'before');
    await page.click('#submit-visit');
    await page.locator('#answer .resend').waitFor();
    const [kept] = await outbox(page);
    const room = await page.inputValue('#visit-form [name="rental.room"]');
    expect({ operation: kept.operation, collected: kept.input.collected, raiseEvent: kept.input.raiseEvent }).toEqual({
      operation: 'record-visit-collected',
      collected: {
        population: {
          facts: [
            { residentId: first, field: 'phone', value: '13900001111' },
            { residentId: second, field: 'selfCareAbility', value: 'PARTIAL' },
          ],
          confirmFacts: true,
        },
        publicSecurity: {
          rental: { room, landlordId: first },
          tenants: [{ residentId: second, movedInOn: '2026-11-20' }],
        },
        civilAffairs: {
          applications: [
            { residentId: first, kind: 'ELDERLY_ALLOWANCE', consent: { method: 'GUARDIAN', witness: '女儿张丽' } },
          ],
        },
      },
      raiseEvent: undefined,
    });
    expect(room).not.toBe('');
    // the form is dropped from the phone (nothing of it reached the hub), and the round drawn again
    await page.evaluate(() => (globalThis as any).localStorage.removeItem('worker-outbox'));
    await page.reload();
    await page.locator('#buildings[data-day="today"]').waitFor({ state: 'attached' });
  });

  it('reports an event (上报事件) at a building of the round', async () => {
    const [building] = await shownRound(page);
    const title = `楼道堵塞-${Date.now()}`;
    await page.click('#tab-report');
    // a refusal a resend cannot change is shown, and nothing is kept to resend
    await page.fill('#report-form [name="title"]', '长'.repeat(201));
    await page.fill('#report-form [name="description"]', '标题过长');
    await page.click('#submit-report');
    await page.locator('#report-answer .outcome li.refused').waitFor();
    expect({
      lines: await answerLines(page, '#report-answer'),
      resend: await page.locator('#report-answer .resend').count(),
      kept: await outbox(page),
    }).toEqual({ lines: [expect.stringMatching(/^未提交：.*200/)], resend: 0, kept: [] });
    await page.selectOption('#report-building', building.id);
    await page.selectOption('#report-form [name="category"]', 'SAFETY_HAZARD');
    await page.fill('#report-form [name="title"]', title);
    await page.fill('#report-form [name="description"]', '一单元楼道堆放电动车电池');
    await page.click('#submit-report');
    await page.locator('#report-answer .outcome li').waitFor();
    expect(await answerLines(page, '#report-answer')).toEqual([`已上报事件：${title}（已上报，待受理）`]);
    const { events } = await as(worker).data(
      `query ($grid: ID!) { events(filter: { regionId: $grid }, first: 5) { nodes { id version title status source category building { id } } } }`,
      { grid: grid.id },
    );
    const reported = events.nodes.filter((e: any) => e.title === title);
    expect(reported.map(({ id, version, ...rest }: any) => rest)).toEqual([
      {
        title,
        status: 'REPORTED',
        source: 'GRID_WORKER',
        category: 'SAFETY_HAZARD',
        building: { id: building.id },
      },
    ]);
    expect(await outbox(page)).toEqual([]);
    // 不予立案 at once, so no open-event count another file computes from the seed moves
    expect((await move(dispatcher, reported[0], 'REJECT', { comment: '测试上报，不予立案' })).errors).toBeUndefined();
  });
});

/**
 * NEEDS THE MERGED API (issue 22 item 2): recordVisit's `collected` (lib/collection/inputs.ts) and `Visit.parts`
 * (lib/collection/outcome.ts). Skipped while the committed supergraph lacks them; it runs by itself once `npm run
 * compose` has written them into schema/supergraph.graphql.
 */
const merged = /input RecordVisitInput[^}]*\bcollected:/.test(
  readFileSync(join(ROOT, 'schema', 'supergraph.graphql'), 'utf8'),
);
(merged ? describe : describe.skip)(
  'the visit for several departments, per part (needs the merged recordVisit)',
  () => {
    const { grid, buildings, residentsOf } = nthGrid(generalGrids - 2);
    const worker = gridWorkerOf(grid.id);
    const PARTS = `query ($id: ID!) { household(id: $id) { lastVisit { id parts { department part outcome reason worklistItemId recordId } } } }`;
    let browser: Browser;
    beforeAll(async () => {
      browser = await openBrowser();
    });
    afterAll(() => browser?.close());

    it('a fact change, a new tenant and a 高龄津贴 application made on the page: an answer per part, each owner sees its part, a retried submit applies nothing twice', async () => {
      const page = await signInAsWorker(browser, grid.id);
      // a household of the round with an elder of 80 or more (高龄) and someone else to be the tenant
      const round = (await shownRound(page)).flatMap((b) => b.households);
      const today = new Date().toISOString().slice(0, 10);
      const ageOf = (birthDate: string) => Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4)) - 1;
      // an elder with no 高龄津贴 application open already (civil affairs would refuse a second one)
      const open = new Set(
        (
          await ownerSql<{ id: string }>(
            'civil-affairs',
            `select resident_id as id from service_application where kind = 'ELDERLY_ALLOWANCE' and status not in ('COMPLETED', 'REJECTED')`,
          )
        ).map((r) => r.id),
      );
      const householdId = round.find((id) => {
        const members = residentsOf(id).filter(onRegister);
        return members.length >= 2 && members.some((r) => ageOf(r.birthDate) >= 80 && !open.has(r.id));
      })!;
      expect(householdId).toBeDefined();
      const members = residentsOf(householdId).filter(onRegister);
      const elder = members.find((r) => ageOf(r.birthDate) >= 80 && !open.has(r.id))!;
      const tenant = members.find((r) => r.id !== elder.id)!;
      const landlord = world.residents.find(
        (r) =>
          buildings.some((b) => b.id === world.households.find((h) => h.id === r.householdId)?.buildingId) &&
          r.householdId !== householdId &&
          onRegister(r),
      )!;
      const phone = `139${String(Date.now()).slice(-8)}`;
      const applications = async () =>
        (
          await as(caseworker).data(`query ($id: ID!) { resident(id: $id) { serviceApplications { id kind } } }`, {
            id: elder.id,
          })
        ).resident.serviceApplications.filter((a: any) => a.kind === 'ELDERLY_ALLOWANCE').length;
      const allowancesBefore = await applications();
      const visitsBefore = await visitsOf(householdId);

      await page.click(`button[data-household-id="${householdId}"]`);
      await page.locator('#visit').waitFor();
      await page.fill('#visit-form [name="findings"]', '老人电话变更；二室出租，租客已入住；代办高龄津贴');
      await page.click('#add-fact');
      await page.selectOption('#facts .fact [data-name="residentId"]', elder.id);
      await page.selectOption('#facts .fact [data-name="field"]', 'phone');
      await page.fill('#facts .fact [data-name="value"]', phone);
      await page.selectOption('#rental-choice', 'new');
      await page.fill('#visit-form [name="rental.landlordId"]', landlord.id);
      await page.fill('#visit-form [name="rental.note"]', '二室出租');
      await page.selectOption('#visit-form [name="tenant.residentId"]', tenant.id);
      await page.fill('#visit-form [name="tenant.movedInOn"]', today);
      await page.selectOption('#visit-form [name="application.residentId"]', elder.id);
      await page.selectOption('#visit-form [name="application.kind"]', 'ELDERLY_ALLOWANCE');
      await page.selectOption('#visit-form [name="application.consent"]', 'VERBAL_WITNESSED');
      await page.fill('#visit-form [name="application.witness"]', '社区干部王芳');

      // the hub applies the visit but the answer is lost: the page keeps the form and resends it with the same key
      await failNext(page, 'WorkerRecordVisitCollected', 'after');
      await page.click('#submit-visit');
      await page.locator('#answer .resend').waitFor();
      const [kept] = await outbox(page);
      expect(kept.input.collected).toEqual({
        population: { facts: [{ residentId: elder.id, field: 'phone', value: phone }] },
        publicSecurity: {
          rental: { room: expect.any(String), landlordId: landlord.id, note: '二室出租' },
          tenants: [{ residentId: tenant.id, movedInOn: today }],
        },
        civilAffairs: {
          applications: [
            {
              residentId: elder.id,
              kind: 'ELDERLY_ALLOWANCE',
              consent: { method: 'VERBAL_WITNESSED', witness: '社区干部王芳' },
            },
          ],
        },
      });
      await page.click('#answer .resend');
      await page.locator('#answer .outcome li.part').first().waitFor();

      // the answer per part, as the page shows it, is the visit's parts as the graph keeps them
      const { household } = await as(worker).data(PARTS, { id: householdId });
      const parts = household.lastVisit.parts;
      const LABEL: Record<string, string> = {
        APPLIED: '已更新',
        PENDING_VERIFICATION: '待核实',
        REFUSED: '未采纳',
        NOT_DELIVERED: '未送达',
      };
      const DEPARTMENT: Record<string, string> = { POPULATION: '人口', PUBLIC_SECURITY: '公安', CIVIL_AFFAIRS: '民政' };
      expect(
        await page.locator('#answer .outcome li.part').evaluateAll((l) => l.map((x: any) => x.textContent)),
      ).toEqual(
        parts.map(
          (p: any) =>
            `${DEPARTMENT[p.department]} · ${p.part}：${LABEL[p.outcome]}` +
            (p.worklistItemId ? `（待办事项 ${p.worklistItemId}）` : '') +
            (p.reason ? `（${p.reason}）` : ''),
        ),
      );
      const byDepartment = (d: string) => parts.filter((p: any) => p.department === d);
      expect({
        population: byDepartment('POPULATION').map((p: any) => [p.part, p.outcome]),
        publicSecurity: byDepartment('PUBLIC_SECURITY').every(
          (p: any) => p.outcome === 'PENDING_VERIFICATION' && p.worklistItemId,
        ),
        civilAffairs: byDepartment('CIVIL_AFFAIRS').map((p: any) => [p.part, p.outcome]),
        kept: await outbox(page),
      }).toEqual({
        population: [['facts[0] phone', 'APPLIED']],
        publicSecurity: true,
        civilAffairs: [['applications[0]', 'APPLIED']],
        kept: [],
      });
      expect(byDepartment('PUBLIC_SECURITY').length).toBeGreaterThan(0);

      // each owner sees its part through the graph, once, although the form reached the hub twice
      const { resident } = await as(registrar).data(
        `query ($id: ID!) { resident(id: $id) { phone history { field toValue } } }`,
        { id: elder.id },
      );
      expect({
        phone: resident.phone,
        changes: resident.history.filter((c: any) => c.field === 'phone' && c.toValue === phone).length,
        allowances: (await applications()) - allowancesBefore,
        visits: (await visitsOf(householdId)) - visitsBefore,
      }).toEqual({ phone, changes: 1, allowances: 1, visits: 1 });
    });
  },
);
