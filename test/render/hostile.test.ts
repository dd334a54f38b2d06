import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unavailableSection } from '../../src/analysis/checks/check.ts';
import { findBrowser, launchBrowser } from '../../src/render/browser.ts';
import { serveStatic } from '../../src/render/serve.ts';
import { type BuiltFixture, buildFixtureSite, ROOT, siteRoutes } from './helpers.ts';

// Two clients built one after the other in one process: each site shows its own client only.
let hostile: BuiltFixture;
let basic: BuiltFixture;

beforeAll(async () => {
  // Also a family whose inputs are missing, as the parallel checks will report it.
  hostile = await buildFixtureSite('test/render/fixtures/hostile', (r) => {
    r.summary.exposure = { low: 1000, expected: 5250.4, high: 12000, currency: 'EUR', unpricedLicences: 3 };
    r.families['pak-estate'] = unavailableSection(
      {
        family: 'pak-estate',
        title: 'Estate outside Smart Licensing',
        needs: ['inventory'],
        uses: [],
        run: () => {
          throw new Error('not run');
        },
      },
      ['inventory'],
    );
  });
  basic = await buildFixtureSite('test/fixtures/va-basic');
});

afterAll(async () => {
  await hostile?.cleanup();
  await basic?.cleanup();
});

describe('hostile strings', () => {
  it('are escaped in every page, the Plot SVG included', async () => {
    const routes = await siteRoutes(hostile.siteDir);
    for (const route of routes) {
      const html = await readFile(join(hostile.siteDir, route, 'index.html'), 'utf8');
      const $ = cheerio.load(html);
      // Hostile text may sit in text and quoted attributes; it must never become markup.
      expect($('script').filter((_, s) => $(s).text().includes('alert')).length, route).toBe(0);
      expect($('[onerror], [onload]').length, route).toBe(0);
      expect($('b, i').length, route).toBe(0);
      expect($('body').text(), route).toContain('Hostile "Quotes" & <b>Co</b>');
    }
    // The PDF's margin boxes read the names from CSS custom properties: hex-escaped strings.
    const print = cheerio.load(await readFile(join(hostile.siteDir, 'print', 'index.html'), 'utf8'));
    const style = print('html').attr('style') ?? '';
    expect(style).toMatch(/^--confidential: "[^"<>]*"; --running-head: "[^"<>]*"$/);
    const chart = await readFile(join(hostile.siteDir, 'families', 'va-imbalance', 'index.html'), 'utf8');
    expect(chart).toContain('&lt;script&gt;alert(1)&lt;/script&gt;</text>');
  });

  it('never run in a browser', async () => {
    const server = await serveStatic(hostile.siteDir);
    const { page, close } = await launchBrowser(await findBrowser(join(ROOT, '.cache', 'chromium')));
    try {
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(`${page.url()}: ${d.message()}`);
        void d.dismiss();
      });
      for (const route of await siteRoutes(hostile.siteDir)) {
        await page.goto(`${server.origin}${route}`, { waitUntil: 'load' });
        const text = await page.$eval('body', (b) => b.textContent ?? '');
        expect(text, route).toContain('Hostile "Quotes" & <b>Co</b>');
      }
      expect(dialogs).toEqual([]);
    } finally {
      await close();
      await server.close();
    }
  });
});

describe('a check without its inputs', () => {
  it('says what was not supplied and shows no figures', async () => {
    const html = await readFile(join(hostile.siteDir, 'families', 'pak-estate', 'index.html'), 'utf8');
    const $ = cheerio.load(html);
    expect($('main').text()).toContain(
      'This check needs a device inventory (inventory/*), which was not supplied.',
    );
    expect($('main .figures').length).toBe(0);
    const overview = cheerio.load(await readFile(join(hostile.siteDir, 'index.html'), 'utf8'));
    expect(overview('main').text()).toContain('Not computed: This check needs a device inventory');
  });
});

describe('the exposure range', () => {
  it('is shown in the client currency when the Report has one', async () => {
    const $ = cheerio.load(await readFile(join(hostile.siteDir, 'index.html'), 'utf8'));
    const text = $('main').text();
    for (const v of ['€1,000', '€5,250', '€12,000']) expect(text).toContain(v);
    expect(text).toContain('3 licences short have no price');
  });
});

describe('two clients in one process', () => {
  it('gives each site its own report', async () => {
    const a = await readFile(join(hostile.siteDir, 'index.html'), 'utf8');
    const b = await readFile(join(basic.siteDir, 'index.html'), 'utf8');
    expect(b).toContain('Basic Fixture Ltd');
    expect(b).not.toContain('Hostile');
    expect(a).toContain('Hostile');
    expect(a).not.toContain('Basic Fixture');
    expect(await readdir(join(basic.siteDir, 'va'))).toEqual(expect.arrayContaining(['campus', 'branches']));
  });
});
