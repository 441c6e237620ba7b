/**
 * The resident's own page (/me, issue 23 item 4) in headless Chromium at a phone's width: the development sign-in as a
 * resident of the test's own, 我的信息 by department with the one notice, 谁查看了我的信息 (the reads officials of three
 * departments made earlier in the test, by month and department, a page at a time), and 申请更正 (filed on the page,
 * decided in the owner's worklist, the decision back on the page).
 */
import { randomUUID } from 'node:crypto';
import type { Page, Route } from 'playwright-core';
import { WITHHELD_NOTICE } from '../../lib/auth/resident';
import { today } from '../../lib/calendar';
import { as, type Caller, caseworker, officer, registrar } from '../support/callers';
import { nthGrid } from '../support/grid';
import { graphql, hub } from '../support/hub';
import { registerOwnResident } from '../support/residents';
import { testWorld } from '../support/world';
import { type Browser, chineseGlyphs, openBrowser, PHONE_PAGE_HOLDS, phonePageHolds } from './shared/browser';
import { pageOperations } from './shared/operations';

const origin = () => new URL(hub().gatewayUrl).origin;
const { operation, unregistered } = pageOperations('me');
const PHONE = { width: 375, height: 740 };
const generalGrids = testWorld().regions.filter((r) => r.level === 'GRID' && r.gridType === 'GENERAL').length;
const MOVE_OUT = 'mutation($id: ID!, $input: MoveOutInput) { moveOutResident(id: $id, input: $input) { id } }';
const DEPARTMENT_NAMES: Record<string, string> = {
  POPULATION: '人口',
  CIVIL_AFFAIRS: '民政',
  PUBLIC_SECURITY: '公安',
  GRID: '网格',
};

const devLogin = (body: object) =>
  fetch(new URL('/pages/dev-login', hub().gatewayUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

it('asks only operations registered as trusted documents (gateway/trusted-documents.json), each by its exact text', () => {
  expect(unregistered()).toEqual({ count: 5, missing: [] });
});

describe('the resident’s page in a real browser at a phone’s width', () => {
  // the last household of a general grid no other file writes to; the resident is taken off the register at the end
  const { households } = nthGrid(generalGrids - 3);
  const household = households[households.length - 1];
  const name = `本页测试${randomUUID().slice(0, 4)}`;
  let residentId: string;
  let browser: Browser;
  let page: Page;

  /** The page's own token (the development login's), to ask the graph exactly as the page does. */
  const asPage = async (query: string, variables: Record<string, unknown> = {}) => {
    const token = await page.evaluate(() => (globalThis as any).sessionStorage.getItem('hub-token') as string);
    return graphql(query, variables, { headers: { authorization: `Bearer ${token}` } });
  };

  /** Waits until the section is drawn (`selector`) or the page shows an error; the error ('' when drawn). */
  const shownOrError = async (selector: string) => {
    await page.waitForFunction((drawn) => {
      const { document } = globalThis as any;
      return !!document.querySelector(drawn) || !!document.getElementById('error').textContent;
    }, selector);
    return page.textContent('#error');
  };

  beforeAll(async () => {
    residentId = await registerOwnResident(household.id, {
      name,
      birthDate: '1958-03-09',
      gender: 'FEMALE',
      collectedBy: 'me-page-test',
    });
    browser = await openBrowser();
    page = await browser.context.newPage();
    await page.setViewportSize(PHONE);
    await page.goto(`${origin()}/me/`);
    await page.fill('#dev-resident', residentId);
    await page.click('#dev-sign-in');
    await page.locator('#departments .department').first().waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    if (residentId) await as(registrar).graphql(MOVE_OUT, { id: residentId, input: { movedOutOn: today() } });
  });

  it('the development login mints a resident’s own token for someone on the register, and refuses another id', async () => {
    const token = await page.evaluate(() => (globalThis as any).sessionStorage.getItem('hub-token') as string);
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    const unknown = await devLogin({ department: 'RESIDENT', resident: randomUUID() });
    const malformed = await devLogin({ department: 'RESIDENT', resident: 'x; drop table' });
    expect({
      claims: { department: claims.department, role: claims.role, scope: claims.scope, resident: claims.resident },
      unknown: { status: unknown.status, ...((await unknown.json()) as object) },
      malformed: { status: malformed.status, ...((await malformed.json()) as object) },
    }).toEqual({
      claims: { department: 'RESIDENT', role: 'RESIDENT', scope: [], resident: residentId },
      unknown: { status: 400, error: expect.stringMatching(/is no one on the register/) },
      malformed: { status: 400, error: expect.stringMatching(/resident’s id on the register/) },
    });
  });

  it('shows 我的信息 by department — the `me` answer, unmasked, with the constant notice — offline, in Chinese, 375 px wide', async () => {
    const { data } = await asPage(operation('my-data'));
    const me = data.me;
    const shown = await page.evaluate(() => {
      const { document } = globalThis as any;
      return {
        notice: document.getElementById('notice').textContent as string,
        who: document.getElementById('who').textContent as string,
        departments: [...document.querySelectorAll('#departments .department')].map((card: any) => ({
          dept: card.dataset.dept as string,
          title: card.querySelector('h2').firstChild.textContent as string,
        })),
        population: Object.fromEntries(
          [...document.querySelectorAll('[data-dept="POPULATION"] dd')].map((dd: any) => [
            dd.dataset.field,
            dd.textContent,
          ]),
        ),
        visits: document.querySelectorAll('[data-dept="GRID"] [data-field="visits"] li').length as number,
      };
    });
    expect({
      ...shown,
      glyphs: await chineseGlyphs(page, 'h1'),
      sectionGlyphs: await chineseGlyphs(page, '[data-dept="CIVIL_AFFAIRS"] h2'),
      ...(await phonePageHolds(page, browser, origin())),
    }).toEqual({
      notice: WITHHELD_NOTICE,
      who: name,
      departments: Object.entries(DEPARTMENT_NAMES).map(([dept, title]) => ({ dept, title })),
      population: {
        name,
        idNumber: me.resident.idNumber,
        phone: '无',
        gender: '女',
        birthDate: '1958-03-09',
        ethnicity: me.resident.ethnicity,
        residenceStatus: '户籍人口',
        employmentStatus: me.resident.employmentStatus ? expect.any(String) : '无',
        healthInsurance: me.resident.healthInsurance ? '有' : '无',
        pensionInsurance: me.resident.pensionInsurance ? '有' : '无',
        household: expect.stringContaining(`${me.resident.household.building.address} ${me.resident.household.room}`),
      },
      visits: me.resident.household.visits.length,
      glyphs: { text: '我的信息', glyphs: 'real' },
      sectionGlyphs: { text: '民政', glyphs: 'real' },
      ...PHONE_PAGE_HOLDS,
    });
    // their own, whole: the ID number as registered, not masked
    expect({ id: me.id, idNumber: me.resident.idNumber }).toEqual({
      id: residentId,
      idNumber: expect.stringMatching(/^\d{17}[\dX]$/),
    });
  });

  it('谁查看了我的信息: the reads officials of three departments made earlier in the test, with their purposes, a page at a time, by department, and a department that cannot answer named', async () => {
    // officials read the resident through the gateway, each with a stated purpose, eight times each (more than the
    // page's 20 entries, so 更多 has a next page to show)
    const reads: [Caller, string, string][] = [
      [
        { ...registrar, purpose: `户籍核查-${randomUUID().slice(0, 6)}` },
        'POPULATION',
        'resident(id: $id) { id name }',
      ],
      [
        { ...caseworker, purpose: `低保复核-${randomUUID().slice(0, 6)}` },
        'CIVIL_AFFAIRS',
        'resident(id: $id) { assistance { id } }',
      ],
      [
        { ...officer, purpose: `治安检查-${randomUUID().slice(0, 6)}` },
        'PUBLIC_SECURITY',
        'resident(id: $id) { registration { type } }',
      ],
    ];
    for (const [caller, , fields] of reads)
      for (let i = 0; i < 8; i++) await as(caller).data(`query($id: ID!) { ${fields} }`, { id: residentId });

    /** The whole report as the graph answers the resident, for the month the page shows first, paged to its end. */
    const fromGraph = async (department?: string) => {
      const month = await page.evaluate(() => (globalThis as any).document.getElementById('report-month').value);
      const [y, m] = month.split('-').map(Number);
      const from = new Date(Date.UTC(y, m - 1, 1) - 8 * 3600_000).toISOString();
      const to = new Date(Date.UTC(y, m, 1) - 8 * 3600_000).toISOString();
      const nodes: any[] = [];
      let after: string | null = null;
      let totalCount = 0;
      do {
        const { data, errors } = await asPage(operation('my-access-report'), { from, to, department, first: 7, after });
        expect(errors).toBeUndefined();
        nodes.push(...data.myAccessReport.edges.map((e: any) => e.node));
        totalCount = data.myAccessReport.totalCount;
        after = data.myAccessReport.pageInfo.hasNextPage ? data.myAccessReport.pageInfo.endCursor : null;
      } while (after);
      return { nodes, totalCount };
    };
    const shownEntries = () =>
      page.locator('#report-list li.entry').evaluateAll((items) =>
        items.map((li: any) => ({
          id: li.dataset.id as string,
          actorDepartment: li.dataset.actorDepartment as string,
          recordsOf: li.dataset.recordsOf as string,
          purpose: (li.dataset.purpose ?? null) as string | null,
        })),
      );
    const asShown = (n: any) => ({
      id: n.id,
      actorDepartment: n.actorDepartment,
      recordsOf: n.recordsOf,
      purpose: n.purpose ?? null,
    });

    await page.click('#tab-report');
    expect(await shownOrError('#report-list[data-shown]')).toBe('');
    const all = await fromGraph();
    // the first page, then 更多 to the end: the whole report, in the graph's order
    expect(await page.locator('#report-list li.entry').count()).toBe(20);
    // 更多 until it is gone: at most the pages the total makes (a report that pages for ever is a defect, not a wait)
    for (let pages = 1; await page.isVisible('#report-more'); pages++) {
      expect(pages).toBeLessThan(Math.ceil(all.totalCount / 20));
      const before = await page.locator('#report-list li.entry').count();
      await page.click('#report-more');
      // more entries, or the page's error: a failed page ends the wait with its reason, never a hang
      await page.waitForFunction((n) => {
        const { document } = globalThis as any;
        return (
          document.querySelectorAll('#report-list li.entry').length > n ||
          !!document.getElementById('error').textContent
        );
      }, before);
      expect(await page.textContent('#error')).toBe('');
    }
    expect({
      entries: await shownEntries(),
      total: await page.textContent('#report-total'),
      unavailable: await page.isHidden('#report-unavailable'),
    }).toEqual({
      entries: all.nodes.map(asShown),
      total: `共 ${all.totalCount} 条记录`,
      unavailable: true,
    });
    // each official's reads are there, by their department with their purpose, eight times or more (a read of one
    // department's fields may also read another's records)
    for (const [caller, department] of reads)
      expect(
        all.nodes.filter((n) => n.actorDepartment === department && n.purpose === caller.purpose).length,
      ).toBeGreaterThanOrEqual(8);
    // nothing of anyone else's reads: an official's entry has one of the three purposes, or none (the registrar's
    // registration of the resident at the start of the test)
    expect(
      [...new Set(all.nodes.filter((n) => n.actorDepartment !== 'RESIDENT').map((n) => n.purpose))].filter(
        (p) => p !== null && !reads.some(([caller]) => caller.purpose === p),
      ),
    ).toEqual([]);

    // one department only
    await page.selectOption('#report-department', 'CIVIL_AFFAIRS');
    await page.waitForFunction(() => {
      const shown = [...(globalThis as any).document.querySelectorAll('#report-list li.entry')];
      return shown.length > 0 && shown.every((li: any) => li.dataset.recordsOf === 'CIVIL_AFFAIRS');
    });
    const civil = await fromGraph('CIVIL_AFFAIRS');
    expect(civil.nodes.length).toBeGreaterThan(0);
    expect(await shownEntries()).toEqual(civil.nodes.slice(0, 20).map(asShown));

    // a department that cannot answer: the answer keeps the others' entries and names it (DEPARTMENT_UNAVAILABLE)
    await page.route('**/graphql', async (route: Route) => {
      if (!route.request().postData()?.includes('MyAccessReport(')) return route.fallback();
      const response = await route.fetch();
      const answer = await response.json();
      answer.data.myAccessReport.edges = answer.data.myAccessReport.edges.filter(
        (e: any) => e.node.recordsOf !== 'PUBLIC_SECURITY',
      );
      answer.errors = [
        {
          message: 'public-security is unavailable',
          path: ['myAccessReport'],
          extensions: { code: 'DEPARTMENT_UNAVAILABLE', department: 'public-security' },
        },
      ];
      await route.fulfill({ response, json: answer });
    });
    await page.selectOption('#report-department', '');
    await page.locator('#report-unavailable:not([hidden])').waitFor();
    expect({
      unavailable: await page.textContent('#report-unavailable'),
      recordsOf: [...new Set((await shownEntries()).map((e) => e.recordsOf))].sort(),
    }).toEqual({
      unavailable: '某部门暂时无法查询：公安（以下为其他部门的记录）',
      recordsOf: [...new Set(all.nodes.slice(0, 20).map((n) => n.recordsOf))]
        .filter((d) => d !== 'PUBLIC_SECURITY')
        .sort(),
    });
    await page.unroute('**/graphql');
  });

  /*
   * NEEDS THE MERGED API (branch r-correct): `correctableFacts`, `myCorrections`, `requestCorrection` on the resident
   * desk and population's `populationCorrectionWorklist` / `decidePopulationCorrection`. On this branch the gateway does
   * not know them yet, so this case fails until the merge; it is written against the contracts given to both branches.
   */
  it('申请更正: a correction filed on the page is in population’s worklist; accepted and rejected, each decision shows back on the page with its reason', async () => {
    const population: Caller = { ...registrar, purpose: '更正申请办理' };
    const WORKLIST = `query { populationCorrectionWorklist(status: PENDING, first: 100) {
      nodes { id version trackingCode fact requestedValue dueOn overdue } } }`;
    const DECIDE = `mutation($input: DecideCorrectionInput!) { decidePopulationCorrection(input: $input) { id status } }`;
    const shownCorrections = () =>
      page
        .locator('#corrections li.correction')
        .evaluateAll((items) =>
          items.map((li: any) => ({ id: li.dataset.id as string, status: li.dataset.status, text: li.textContent })),
        );

    await page.click('#tab-correct');
    expect(await shownOrError('#corrections[data-loaded]')).toBe('');
    const { data } = await asPage(operation('correctable-facts'));
    const facts = data.correctableFacts.filter((f: any) => f.department === 'POPULATION');
    expect(facts.map((f: any) => f.fact)).toContain('phone');
    const phone = facts.find((f: any) => f.fact === 'phone');

    /** Files a correction of the phone on the page; its tracking code as the page says it. */
    const file = async (value: string, reason: string) => {
      await page.selectOption('#correction-department', 'POPULATION');
      await page.selectOption('#correction-fact', 'phone');
      await page.fill('#correction-form [name="correctValue"]', value);
      await page.fill('#correction-form [name="reason"]', reason);
      await page.click('#submit-correction');
      await page.locator('#correction-answer', { hasText: '已提交' }).waitFor();
      return /查询码 (\S+)，/.exec((await page.textContent('#correction-answer'))!)![1];
    };
    const accepted = await file('13812345678', '手机号已更换');
    const rejected = await file('13900000000', '填错了也想改');

    // the owner's worklist has both, with the due date and the code the page showed
    const { populationCorrectionWorklist } = await as(population).data(WORKLIST);
    const item = (code: string) => populationCorrectionWorklist.nodes.find((n: any) => n.trackingCode === code);
    expect([item(accepted), item(rejected)]).toEqual([
      expect.objectContaining({ fact: 'phone', requestedValue: '13812345678', overdue: false }),
      expect.objectContaining({ fact: 'phone', requestedValue: '13900000000', overdue: false }),
    ]);
    let list = await shownCorrections();
    expect(list.map((c) => c.status)).toEqual(['PENDING', 'PENDING']);
    expect(list.every((c) => c.text.includes('待处理') && c.text.includes(phone.label))).toBe(true);

    // decided both ways by population; the page shows each decision, and the reason of the refusal
    const decide = (code: string, decision: 'ACCEPT' | 'REJECT', reason: string) =>
      as(population).data(DECIDE, {
        input: { id: item(code).id, version: item(code).version, decision, reason },
      });
    await decide(accepted, 'ACCEPT', '已核实');
    await decide(rejected, 'REJECT', '与登记材料不符，请携带身份证到社区核对');
    await page.click('#tab-info');
    await page.locator('#departments .department').first().waitFor();
    await page.click('#tab-correct');
    await page.locator('#corrections li.correction[data-status="ACCEPTED"]').waitFor();
    list = await shownCorrections();
    const byCode = (code: string) => list.find((c) => c.text.includes(code))!;
    expect({
      accepted: [byCode(accepted).status, byCode(accepted).text.includes('已更正')],
      rejected: [
        byCode(rejected).status,
        byCode(rejected).text.includes('未采纳'),
        byCode(rejected).text.includes('与登记材料不符，请携带身份证到社区核对'),
      ],
    }).toEqual({ accepted: ['ACCEPTED', true], rejected: ['REJECTED', true, true] });
    // the accepted value is their phone now, on 我的信息
    await page.click('#tab-info');
    await page.locator('[data-dept="POPULATION"] [data-field="phone"]', { hasText: '13812345678' }).waitFor();
  });
});
