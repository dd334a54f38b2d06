import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient } from '../../src/build/build-client.ts';
import { FileEffects } from '../../src/build/effects.ts';
import { createRenderer } from '../../src/build/renderer.ts';
import { PBKDF2_ITERATIONS } from '../../src/protect/crypto.ts';
import { findBrowser, launchBrowser } from '../../src/render/browser.ts';
import { serveStatic } from '../../src/render/serve.ts';
import { catalog, FIXTURES, REPO } from '../helpers/fixtures.ts';

const PASSWORD = 'correct horse battery staple';
const work = mkdtempSync(join(tmpdir(), 'trueup-protect-e2e-'));
const out = join(work, 'out');

/** What of va-basic must never be readable without the password: names, serials, hosts, figures. */
const SECRETS = [
  'Basic Fixture Ltd',
  'basic.example',
  'Test Advisor',
  'Campus',
  'Branches',
  'FOC2314X0AB',
  'FOC2314X0AC',
  'sw-a1',
  'sw-b1-old',
  'lab-1',
  'Mystery Feature Pack',
  'short by 6',
  'C9300 DNA Advantage',
];

beforeAll(async () => {
  await buildClient(
    join(FIXTURES, 'va-basic'),
    await catalog(),
    { out, pdf: true, password: PASSWORD },
    new FileEffects(true),
    await createRenderer(),
  );
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a site built with --protect', () => {
  it('keeps every client string out of every output file (site, sealed PDF and exports)', () => {
    const files = readdirSync(out, { recursive: true })
      .map(String)
      .filter((f) => statSync(join(out, f)).isFile());
    expect(files).toContain('va-basic/site/index.html');
    expect(files).toContain('va-basic/site/downloads/va-basic-licence-review.pdf.enc');
    expect(files.filter((f) => /\.(csv|json|xlsx|pdf)$/.test(f))).toEqual([]);
    for (const f of files) {
      const text = readFileSync(join(out, f)).toString('latin1');
      for (const s of SECRETS) expect(text.includes(s), `${f} contains "${s}"`).toBe(false);
    }
    const page = readFileSync(join(out, 'va-basic/site/index.html'), 'utf8');
    expect(page).toContain(`"iterations":${PBKDF2_ITERATIONS}`);
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
  });

  it('opens with the password, stays open across pages, and refuses a wrong one', async () => {
    const server = await serveStatic(join(out, 'va-basic', 'site'));
    const { browser, page, close } = await launchBrowser(await findBrowser(join(REPO, '.cache', 'chromium')));
    try {
      await page.goto(`${server.origin}/`, { waitUntil: 'load' });
      expect(await page.title()).toBe('Protected report');
      await page.type('#p', PASSWORD);
      await page.click('button');
      await page.waitForFunction(() => document.title !== 'Protected report', { timeout: 60_000 });
      expect(await page.$eval('body', (b) => b.textContent ?? '')).toContain('Basic Fixture Ltd');
      // another page of the same tab opens from the key kept in sessionStorage, without the form
      await page.goto(`${server.origin}/va/campus/`, { waitUntil: 'load' });
      await page.waitForFunction(() => document.title !== 'Protected report', { timeout: 30_000 });
      const campus = await page.$eval('body', (b) => b.textContent ?? '');
      expect(campus).toContain('Campus');
      expect(campus).toContain('Basic Fixture Ltd');

      const other = await browser.newPage();
      await other.goto(`${server.origin}/`, { waitUntil: 'load' });
      await other.type('#p', 'wrong password');
      await other.click('button');
      await other.waitForFunction(
        () => document.getElementById('err')?.textContent?.includes('does not open'),
        { timeout: 60_000 },
      );
      expect(await other.title()).toBe('Protected report');
    } finally {
      await close();
      await server.close();
    }
  }, 180_000);
});
