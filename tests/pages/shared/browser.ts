import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { settings } from '../../../lib/config/settings';

/** Debian's chromium package (`.ci/run` installs it); no browser is downloaded at install time. */
export const CHROMIUM = settings().HUB_CHROMIUM;

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  /** every URL the browser asked for, in order */
  requests: string[];
  /** what the Content-Security-Policy kept the browser from loading (it never becomes a request) */
  refused: string[];
  close(): Promise<void>;
}

/**
 * The machine's fonts less every font that has Chinese (fontconfig refuses them): how a machine without
 * fonts-noto-cjk draws a page, so the font check below can be seen to fail. (A browser with no font at all crashes.)
 */
function withoutChineseFonts(profile: string): NodeJS.ProcessEnv {
  const config = join(profile, 'fonts.conf');
  writeFileSync(
    config,
    `<?xml version="1.0"?>
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <selectfont><rejectfont><pattern><patelt name="lang"><string>zh-cn</string></patelt></pattern></rejectfont></selectfont>
</fontconfig>
`,
  );
  return { ...process.env, FONTCONFIG_FILE: config };
}

/**
 * Headless Chromium with a fresh profile, at an office screen's size (1366×768), recording every request. `fonts:
 * 'no-chinese'` hides the machine's Chinese fonts from it.
 */
export async function openBrowser(options: { fonts?: 'all' | 'no-chinese' } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: run \`apt-get install -y chromium fonts-noto-cjk\` (what .ci/run does) or set HUB_CHROMIUM`,
    );
  const profile = mkdtempSync(join(tmpdir(), 'hub-chromium-'));
  const env = options.fonts === 'no-chinese' ? withoutChineseFonts(profile) : undefined;
  const context = await chromium.launchPersistentContext(join(profile, 'profile'), {
    executablePath: CHROMIUM,
    args: FLAGS,
    headless: true,
    viewport: { width: 1366, height: 768 },
    acceptDownloads: true,
    env,
  });
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
export const leavingOrigin = (requests: string[], origin: string) =>
  requests.filter((url) => !url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url));

/**
 * How the Chinese characters of an element's text are drawn in the element's own font: with real glyphs, or as the
 * box every missing glyph gets (the same pixels as as many U+10FFFF, a code point no font has). A machine without a
 * CJK font shows officials a row of boxes; this tells the two apart whatever the boxes' width.
 */
export function chineseGlyphs(page: Page, selector: string): Promise<{ text: string; glyphs: 'real' | 'missing' }> {
  return page.$eval(selector, (element) => {
    // runs in the page (this project compiles without the DOM's types)
    const { document, getComputedStyle } = globalThis as any;
    const text = [...(element.textContent ?? '')].filter((c) => /\p{Script=Han}/u.test(c)).join('');
    const style = getComputedStyle(element);
    const size = parseFloat(style.fontSize);
    const pixels = (line: string) => {
      const canvas = document.createElement('canvas');
      canvas.width = Math.ceil(size * 1.5 * [...line].length) + 8;
      canvas.height = Math.ceil(size * 2);
      const context = canvas.getContext('2d')!;
      context.font = style.font;
      context.fillText(line, 4, size * 1.5);
      return canvas.toDataURL();
    };
    const missing = String.fromCodePoint(0x10ffff).repeat([...text].length);
    return { text, glyphs: text && pixels(text) !== pixels(missing) ? 'real' : 'missing' };
  });
}

/**
 * How a phone page stands, for one `toEqual`: nothing wider than the phone (no sideways scrolling at 375 px), no request
 * that left `origin`, nothing the Content-Security-Policy refused.
 */
export async function phonePageHolds(page: Page, browser: Browser, origin: string) {
  return {
    fits: await page.evaluate(() => {
      const { document, innerWidth } = globalThis as any;
      return document.documentElement.scrollWidth <= innerWidth && innerWidth === 375;
    }),
    leaving: leavingOrigin(browser.requests, origin),
    refused: browser.refused,
  };
}

/** What phonePageHolds answers when all is well. */
export const PHONE_PAGE_HOLDS = { fits: true, leaving: [], refused: [] };
