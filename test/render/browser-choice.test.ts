import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findBrowser, launchBrowser } from '../../src/render/browser.ts';
import { REPO } from '../helpers/fixtures.ts';

const SHELL = '/usr/lib/chromium/chromium-headless-shell';
const FULL = '/usr/lib/chromium/chromium';

async function printsAPdf(found: Awaited<ReturnType<typeof findBrowser>>): Promise<string> {
  const { browser, page, close } = await launchBrowser(found);
  try {
    await page.setContent('<h1>trueup</h1>');
    const pdf = await page.pdf({ format: 'A4', tagged: true });
    expect(Buffer.from(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    return await browser.version();
  } finally {
    await close();
  }
}

/** The print browser: Debian's headless shell when installed (.ci/run installs it), else Chromium. */
describe('choice of print browser', () => {
  const saved = process.env.TRUEUP_CHROME;
  afterEach(() => {
    if (saved === undefined) delete process.env.TRUEUP_CHROME;
    else process.env.TRUEUP_CHROME = saved;
  });

  it.runIf(existsSync(SHELL))(
    'prefers the headless shell to the full Chromium and prints with it',
    async () => {
      delete process.env.TRUEUP_CHROME;
      const found = await findBrowser(join(REPO, '.cache', 'chromium'));
      expect(found.executablePath).toBe(SHELL);
      expect(await printsAPdf(found)).toMatch(/^HeadlessChrome\//);
    },
    60_000,
  );

  it.runIf(existsSync(FULL))(
    'prints with the full Chromium when TRUEUP_CHROME names it',
    async () => {
      process.env.TRUEUP_CHROME = FULL;
      const found = await findBrowser(join(REPO, '.cache', 'chromium'));
      expect(found).toMatchObject({ executablePath: FULL, source: 'TRUEUP_CHROME' });
      expect(await printsAPdf(found)).toMatch(/^(Headless)?Chrome\//);
    },
    60_000,
  );
});
