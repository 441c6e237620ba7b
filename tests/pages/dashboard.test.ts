import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { as, gridLeader } from '../support/callers';
import { hub } from '../support/hub';
import { childrenOf, REGION_STATS } from '../support/stats';
import { testWorld } from '../support/world';
import { type Browser, chineseGlyphs, leavingOrigin, openBrowser } from './shared/browser';

const world = testWorld();
const district = world.regions.find((r) => r.level === 'DISTRICT')!;
const street = childrenOf(world, district.id)[0];
const origin = () => new URL(hub().gatewayUrl).origin;

/** Where each CSV column's figure is in regionStats (what the dashboard promises to export). */
const CSV_FIGURES: Record<string, (f: any) => unknown> = {
  residents: (f) => f.population.residents,
  registered: (f) => f.population.registered,
  floating: (f) => f.population.floating,
  overseas: (f) => f.population.overseas,
  under18: (f) => f.population.under18,
  age18to59: (f) => f.population.age18to59,
  age60to79: (f) => f.population.age60to79,
  age80plus: (f) => f.population.age80plus,
  livingAlone80plus: (f) => f.population.livingAlone80plus,
  households: (f) => f.population.households,
  minimumLivingCases: (f) => f.civilAffairs.assistance[0].cases,
  minimumLivingAmount: (f) => f.civilAffairs.assistance[0].monthlyAmountYuan,
  extremePovertyCases: (f) => f.civilAffairs.assistance[1].cases,
  extremePovertyAmount: (f) => f.civilAffairs.assistance[1].monthlyAmountYuan,
  temporaryCases: (f) => f.civilAffairs.assistance[2].cases,
  majorIllnessCases: (f) => f.civilAffairs.assistance[3].cases,
  grids: (f) => f.grid.grids,
  buildings: (f) => f.grid.buildings,
  staff: (f) => f.grid.staff,
  visitedHouseholds: (f) => f.gridWork.visitedHouseholds,
  // the page's one computed figure: grid's visited households ÷ population's households, in per cent
  visitCoverage: (f) => Math.round((f.gridWork.visitedHouseholds / f.population.households) * 1000) / 10,
  openEvents: (f) => f.gridWork.openEvents,
  overdueEvents: (f) => f.gridWork.overdueEvents,
  permitHolders: (f) => f.publicSecurity.permitHolders,
  permitsExpiring: (f) => f.publicSecurity.permitsExpiring,
  rentals: (f) => f.publicSecurity.rentals,
  rentalsNeedingAttention: (f) => f.publicSecurity.rentalsNeedingAttention,
  incidents: (f) => f.publicSecurity.incidents,
  disabilityCertificates: (f) => f.civilAffairs.welfare.disabilityCertificates,
  disabilityGrade1: (f) => f.civilAffairs.welfare.disabilityGrade1,
  disabilityGrade2: (f) => f.civilAffairs.welfare.disabilityGrade2,
  disabilityGrade3: (f) => f.civilAffairs.welfare.disabilityGrade3,
  disabilityGrade4: (f) => f.civilAffairs.welfare.disabilityGrade4,
  elderlyAllowance: (f) => f.civilAffairs.welfare.elderlyAllowance,
  specialCare: (f) => f.civilAffairs.welfare.specialCare,
};

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
        ...Object.fromEntries(Object.entries(CSV_FIGURES).map(([key, figure]) => [key, String(figure(f))])),
      })),
    );
    expect(download.suggestedFilename()).toBe(`区域统计-${street.name}-${regionStats.asOf}.csv`);
    expect({ leaving: leavingOrigin(browser.requests, origin()), refused: browser.refused }).toEqual({
      leaving: [],
      refused: [],
    });
  });
});
