import { hub } from '../support/hub';
import { type Browser, leavingOrigin, openBrowser } from './shared/browser';

const origin = () => new URL(hub().gatewayUrl).origin;

describe('GraphiQL in a real browser (headless Chromium, development mode)', () => {
  let browser: Browser;
  beforeAll(async () => (browser = await openBrowser()));
  afterAll(() => browser?.close());

  it('opens with every asset from the hub, signed in by the development login, and runs the saved Resident 360 query', async () => {
    const graphiql = await browser.context.newPage();
    await graphiql.goto(`${origin()}/graphiql/`);
    await graphiql.waitForSelector('.graphiql-execute-button');
    expect(await graphiql.$$eval('.graphiql-tab-button', (tabs) => tabs.map((t) => t.textContent?.trim()))).toEqual([
      'Resident360',
      'Roster',
      'Cohort',
      'RegionStats',
    ]);
    await graphiql.click('.graphiql-execute-button');
    await graphiql.locator('.result-window', { hasText: '"idNumber"' }).waitFor();
    const result = await graphiql.textContent('.result-window');
    expect(result).toMatch(/"resident":\s*\{\s*"id":/);
    expect(result).not.toMatch(/"errors"/);
    expect({ leaving: leavingOrigin(browser.requests, origin()), refused: browser.refused }).toEqual({
      leaving: [],
      refused: [],
    });
  });

  it('is where a browser opening /graphql is sent', async () => {
    const res = await fetch(hub().gatewayUrl, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect({ status: res.status, location: res.headers.get('location') }).toEqual({
      status: 302,
      location: '/graphiql/',
    });
  });
});
