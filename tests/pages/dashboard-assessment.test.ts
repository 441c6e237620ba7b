/**
 * The dashboard's assessment panel (考核, issue 21 item 8) in a real browser: per department and per grid, this
 * month's response, resolution, on-time closure and satisfaction rates — the same as assessmentFigures answers.
 */
import type { Page } from 'playwright-core';
import { ASSESSMENT } from '../../queries';
import { as, gridLeader } from '../support/callers';
import { hub } from '../support/hub';
import { testWorld } from '../support/world';
import { type Browser, openBrowser } from './shared/browser';

const district = testWorld().regions.find((r) => r.level === 'DISTRICT')!;
const origin = () => new URL(hub().gatewayUrl).origin;

const rowsOf = (page: Page, id: string) =>
  page
    .locator(`#${id} tbody tr`)
    .evaluateAll((rows) => rows.map((r: any) => [...r.cells].map((c: any) => c.textContent as string)));

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
const cells = (r: any) => [
  r.name,
  String(r.received),
  percent(r.responseRate),
  percent(r.resolutionRate),
  percent(r.onTimeClosureRate),
  percent(r.satisfactionRate),
  String(r.followedUp),
  String(r.supervised),
];

describe('the dashboard’s assessment panel', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(() => browser?.close());

  it('shows per department and per grid the rates assessmentFigures answers for the month of the day shown', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${origin()}/dashboard/`);
    await page.selectOption('#dev-role', 'GRID:GRID_LEADER');
    await page.click('#dev-sign-in');
    await page.locator('#assessment-grids tbody tr').first().waitFor();
    const asOf = await page.inputValue('#as-of');
    const [y, m] = asOf.split('-');
    const answer = await as(gridLeader).data(ASSESSMENT, {
      regionId: district.id,
      from: new Date(`${y}-${m}-01T00:00:00+08:00`).toISOString(),
      to: new Date(new Date(`${asOf}T00:00:00+08:00`).getTime() + 86_400_000).toISOString(),
    });
    const shown = (rows: any[]) => rows.filter((r) => r.received > 0).map(cells);
    expect({
      departments: await rowsOf(page, 'assessment-departments'),
      grids: await rowsOf(page, 'assessment-grids'),
      error: await page.textContent('#assessment-error'),
    }).toEqual({ departments: shown(answer.byDepartment), grids: shown(answer.byGrid), error: '' });
    expect(shown(answer.byGrid).length).toBeGreaterThan(0);
  });
});
