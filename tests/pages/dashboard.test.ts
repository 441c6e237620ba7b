import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { QUERIES_FOLDER } from '../../queries';
import type { DashboardFigure } from '../../runner/figures';
import { as, gridLeader } from '../support/callers';
import { hub } from '../support/hub';
import { childrenOf, REGION_STATS } from '../support/stats';
import { testWorld } from '../support/world';
import { type Browser, chineseGlyphs, leavingOrigin, openBrowser } from './shared/browser';

const world = testWorld();
const district = world.regions.find((r) => r.level === 'DISTRICT')!;
const street = childrenOf(world, district.id)[0];
const origin = () => new URL(hub().gatewayUrl).origin;

/** The dashboard's columns: the figures the departments declare (queries/region-figures.json, by npm run compose). */
const DECLARED: DashboardFigure[] = JSON.parse(readFileSync(join(QUERIES_FOLDER, 'region-figures.json'), 'utf8'));

/** What the dashboard promises to export for a column: the declared figure's value in regionStats, read here by hand. */
function csvValue(f: any, column: DashboardFigure): unknown {
  if (column.ratio) {
    // a composed figure: numerator ÷ denominator, in per cent to one decimal
    const [n, d] = column.ratio.map((key) => Number(csvValue(f, DECLARED.find((c) => c.key === key)!)));
    return Math.round((n / d) * 1000) / 10;
  }
  let section = column.path!.reduce((s, step) => s[step], f);
  if (column.row) section = section.find((r: any) => r[column.row!.key] === column.row!.value);
  return section[column.figure!];
}

/** Signs in on the dashboard with the development login as a grid leader (a token for the whole district). */
async function signInAsGridLeader(page: Page) {
  await page.goto(`${origin()}/dashboard/`);
  await page.selectOption('#dev-role', 'GRID:GRID_LEADER');
  await page.click('#dev-sign-in');
  await page.waitForSelector('#children tbody tr');
}

/** The table's rows: the region id of each, then its cells' text. */
const tableRows = (page: Page) =>
  page
    .locator('#children tbody tr')
    .evaluateAll((rows) =>
      rows.map((r: any) => [r.dataset.regionId as string, ...[...r.cells].map((c: any) => c.textContent as string)]),
    );

function parseCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text
    .replace(/^\ufeff/, '')
    .trim()
    .split('\r\n')
    .map((line) => line.split(','));
  const keys = header.map((h) => /\((\w+)\)$/.exec(h)![1]);
  return lines.map((cells) => Object.fromEntries(cells.map((c, i) => [keys[i], c])));
}

describe('the dashboard in a real browser (headless Chromium)', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await openBrowser();
    page = await browser.context.newPage();
  });
  afterAll(() => browser?.close());

  it("shows the district's figures, every request to the hub itself", async () => {
    await signInAsGridLeader(page);
    const { regionStats } = await as(gridLeader).data(REGION_STATS, { regionId: district.id });
    expect(await page.textContent('#region-title')).toBe(district.name);
    const rows = await tableRows(page);
    expect(rows.map((r) => r[0])).toEqual(regionStats.figures.map((f: any) => f.regionId));
    // the region's own row: name, then 实有人口 (residents) as the page formats it
    expect(rows[0].slice(1, 3)).toEqual([
      `${district.name}（合计）`,
      regionStats.figures[0].population.residents.toLocaleString('zh-CN'),
    ]);
    // the headline cards are the figures declared as cards, with the English of each in its tooltip
    expect(
      await page.$$eval('#kpis .kpi', (cards) =>
        cards.map((c: any) => [c.querySelector('.label').textContent, c.title]),
      ),
    ).toEqual(DECLARED.filter((c) => c.show === 'card').map((c) => [c.zh, c.en]));
    expect(await page.$$eval('.chart canvas', (canvases) => canvases.length)).toBe(4);
    expect(browser.requests.length).toBeGreaterThan(5);
    expect({ leaving: leavingOrigin(browser.requests, origin()), refused: browser.refused }).toEqual({
      leaving: [],
      refused: [],
    });
  });

  it('draws its Chinese labels with real glyphs, which a browser without Chinese fonts cannot', async () => {
    const bare = await openBrowser({ fonts: 'no-chinese' });
    try {
      const unfonted = await bare.context.newPage();
      await unfonted.goto(`${origin()}/dashboard/`);
      expect({ fonts: await chineseGlyphs(page, 'h1'), withoutChinese: await chineseGlyphs(unfonted, 'h1') }).toEqual({
        fonts: { text: '区域统计', glyphs: 'real' },
        withoutChinese: { text: '区域统计', glyphs: 'missing' },
      });
    } finally {
      await bare.close();
    }
  });

  it('drills down one level when a child region is clicked', async () => {
    await page.click(`#children tbody tr[data-region-id="${street.id}"]`);
    await page.locator('#region-title', { hasText: new RegExp(`^${street.name}$`) }).waitFor();
    const rows = await tableRows(page);
    expect(rows.map((r) => r[0])).toEqual([street.id, ...childrenOf(world, street.id).map((c) => c.id)]);
    expect(await page.textContent('#crumbs')).toBe(`${district.name}›${street.name}`);
  });

  it('exports the table as CSV with exactly the GraphQL figures', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    const csv = parseCsv(readFileSync((await download.path())!, 'utf8'));
    const { regionStats } = await as(gridLeader).data(REGION_STATS, { regionId: street.id });
    expect(csv).toEqual(
      regionStats.figures.map((f: any) => ({
        regionId: f.regionId,
        name: f.region.name,
        level: f.region.level,
        ...Object.fromEntries(DECLARED.map((column) => [column.key, String(csvValue(f, column))])),
      })),
    );
    expect(download.suggestedFilename()).toBe(`区域统计-${street.name}-${regionStats.asOf}.csv`);
    expect({ leaving: leavingOrigin(browser.requests, origin()), refused: browser.refused }).toEqual({
      leaving: [],
      refused: [],
    });
  });
});
