import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's chromium package (`.ci/run` installs it); no browser is downloaded at install time. */
export const CHROMIUM = process.env.HUB_CHROMIUM ?? '/usr/bin/chromium';

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface Browser {
  context: BrowserContext;
  /** every URL the browser asked for, in order */
  requests: string[];
  /** what the Content-Security-Policy kept the browser from loading (it never becomes a request) */
  refused: string[];
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile, at an office screen's size (1366×768), recording every request. */
export async function openBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: run \`apt-get install -y chromium\` (what .ci/run does) or set HUB_CHROMIUM`);
  const profile = mkdtempSync(join(tmpdir(), 'hub-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: FLAGS, headless: true, viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  const requests: string[] = [];
  const refused: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  context.on('console', (message) => /Content Security Policy/i.test(message.text()) && refused.push(message.text()));
  return {
    context,
    requests,
    refused,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The requests that went anywhere but `origin` (data: and blob: URLs never leave the browser). */
export const leavingOrigin = (requests: string[], origin: string) => requests.filter((url) => !url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url));
