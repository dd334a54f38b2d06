import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser, launchBrowser } from '../../src/render/browser.ts';
import { type StaticServer, serveStatic } from '../../src/render/serve.ts';
import { type BuiltFixture, buildFixtureSite, ROOT, siteRoutes } from './helpers.ts';

let fixture: BuiltFixture;
let server: StaticServer;
let browser: Browser;
let closeBrowser: () => Promise<void>;

beforeAll(async () => {
  fixture = await buildFixtureSite('test/fixtures/va-basic');
  server = await serveStatic(fixture.siteDir);
  ({ browser, close: closeBrowser } = await launchBrowser(
    await findBrowser(join(ROOT, '.cache', 'chromium')),
  ));
});

afterAll(async () => {
  await closeBrowser?.();
  await server?.close();
  await fixture?.cleanup();
});

describe('site for va-basic', () => {
  it('has the overview, a page per family and per Virtual Account, the register, ledger and methodology', async () => {
    const routes = await siteRoutes(fixture.siteDir);
    expect(routes).toEqual(
      expect.arrayContaining([
        '/',
        '/findings/',
        '/ledger/',
        '/methodology/',
        '/print/',
        '/families/va-imbalance/',
        '/families/data-quality/',
        '/va/',
        '/va/branches/',
        '/va/campus/',
        '/va/lab/',
      ]),
    );
  });

  it('uses no root-absolute URLs, so it works from any folder', async () => {
    for (const route of await siteRoutes(fixture.siteDir)) {
      const html = await readFile(join(fixture.siteDir, route, 'index.html'), 'utf8');
      expect(html, route).not.toMatch(/(?:href|src)=["']\/(?!\/)|url\(\s*['"]?\/(?!\/)/);
    }
  });

  it('opens every page without console errors or failed requests, and every internal link resolves', async () => {
    const routes = await siteRoutes(fixture.siteDir);
    const links = new Set<string>();
    // One tab for every page: opening a tab costs more than a navigation.
    const page = await browser.newPage();
    let problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e}`));
    page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`);
    });
    for (const route of routes) {
      problems = [];
      const res = await page.goto(`${server.origin}${route}`, { waitUntil: 'load' });
      expect(res?.status(), route).toBe(200);
      for (const href of await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href)))
        links.add(href);
      const fonts = await page.evaluate(() =>
        document.fonts.ready.then((set) =>
          [...set].filter((f) => f.status === 'loaded').map((f) => f.family),
        ),
      );
      expect(fonts.join(), route).toContain('Source Sans 3');
      expect(problems, route).toEqual([]);
    }
    await page.close();
    const internal = [...links].filter((l) => l.startsWith(server.origin));
    expect(internal.length).toBeGreaterThan(routes.length);
    const pages = new Map<string, string>();
    for (const link of internal) {
      const url = new URL(link);
      const key = url.pathname;
      if (!pages.has(key)) {
        const r = await fetch(`${url.origin}${url.pathname}`);
        expect(r.status, link).toBe(200);
        pages.set(key, await r.text());
      }
      if (url.hash) expect(pages.get(key), link).toContain(`id="${decodeURIComponent(url.hash.slice(1))}"`);
    }
  });

  it('links every finding by id from the register', async () => {
    const html = await readFile(join(fixture.siteDir, 'findings', 'index.html'), 'utf8');
    for (const f of fixture.report.findings) expect(html).toContain(`id="${f.id}"`);
  });

  it('shows the full register without JavaScript and filters it with JavaScript', async () => {
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.goto(`${server.origin}/findings/`, { waitUntil: 'load' });
    const visibleRows = () =>
      page.$$eval(
        '[data-register] tbody tr',
        (rows) => rows.filter((r) => !(r as HTMLElement).hidden).length,
      );
    expect(await visibleRows()).toBe(fixture.report.findings.length);
    expect(await page.$eval('[data-filters]', (f) => (f as HTMLElement).hidden)).toBe(true);
    await page.setJavaScriptEnabled(true);
    await page.goto(`${server.origin}/findings/`, { waitUntil: 'load' });
    expect(await page.$eval('[data-filters]', (f) => (f as HTMLElement).hidden)).toBe(false);
    await page.select('select[name=severity]', 'high');
    const high = fixture.report.findings.filter((f) => f.severity === 'high').length;
    expect(await visibleRows()).toBe(high);
    await page.select('select[name=severity]', '');
    // Sorting by quantity, twice: ascending then descending.
    const quantities = () =>
      page.$$eval('[data-register] tbody tr', (rows) =>
        rows.map((r) => Number(r.getAttribute('data-sort-quantity'))),
      );
    await page.click('th[data-key=quantity] button');
    const up = await quantities();
    expect(up).toEqual([...up].sort((a, b) => a - b));
    await page.click('th[data-key=quantity] button');
    const down = await quantities();
    expect(down).toEqual([...up].sort((a, b) => b - a));
    await page.close();
  });

  it('renders the balance chart as inline SVG and says what is not computed instead of zeros', async () => {
    const va = await readFile(join(fixture.siteDir, 'families', 'va-imbalance', 'index.html'), 'utf8');
    expect((va.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(3);
    expect(va).toContain('Before transfers');
    const overview = await readFile(join(fixture.siteDir, 'index.html'), 'utf8');
    expect(overview).toContain('Not computed');
  });
});
