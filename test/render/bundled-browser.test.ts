import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findBrowser, launchBrowser } from '../../src/render/browser.ts';
import { REPO } from '../helpers/fixtures.ts';

/** TOOLCHAIN decision 2: `npm ci` alone gives a working PDF, through @sparticuz/chromium. */
describe('npm-shipped Chromium fallback', () => {
  const saved = process.env.TRUEUP_BROWSER;
  const savedTmp = process.env.TMPDIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.TRUEUP_BROWSER;
    else process.env.TRUEUP_BROWSER = saved;
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
  });

  it('is found when no system browser is used, unpacks under the repo cache and prints a PDF', async () => {
    process.env.TRUEUP_BROWSER = 'bundled';
    const found = await findBrowser(join(REPO, '.cache', 'chromium'));
    expect(found.source).toBe('@sparticuz/chromium');
    expect(found.executablePath.startsWith(join(REPO, '.cache'))).toBe(true);
    const { page, close } = await launchBrowser(found);
    try {
      await page.setContent('<h1>trueup</h1>');
      const pdf = await page.pdf({ format: 'A4' });
      expect(Buffer.from(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await close();
    }
  }, 120_000);
});
