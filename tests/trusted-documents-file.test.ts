/** The trusted-documents policy is never silently off (the security issue, item 11). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSettings } from '../lib/config/settings';
import { startExtraGateway } from './support/gateway';
import { ROOT } from './support/launch';

describe('trusted documents', () => {
  it('are in the image, where the gateway reads them', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    const workdir = /^WORKDIR (\S+)$/m.exec(runtime)![1];
    // gateway/main.ts runs as <workdir>/dist/gateway/main.js and reads <workdir>/gateway/trusted-documents.json:
    expect(runtime).toMatch(/^COPY gateway\/trusted-documents\.json gateway\/trusted-documents\.json$/m);
    expect(workdir).toBe('/hub');
    // HUB_TRUSTED_DOCUMENTS defaults to gateway/trusted-documents.json under the root, the folder with package.json
    expect(runtime).toMatch(/^COPY package\.json \.\/$/m);
    expect(readSettings({}).HUB_TRUSTED_DOCUMENTS).toBe(join(ROOT, 'gateway', 'trusted-documents.json'));
  });

  it.each([
    [
      'a missing file',
      '/nonexistent/trusted-documents.json',
      /trusted documents file \/nonexistent\/trusted-documents\.json does not exist/,
    ],
    ['a file that is not JSON', join(ROOT, 'README.md'), /is not valid JSON/],
  ])('stop the gateway with a clear message when the configured policy is %s', async (_what, path, message) => {
    await expect(startExtraGateway({ HUB_TRUSTED_DOCUMENTS: path })).rejects.toThrow(message);
  });
});
