import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findBrowser, launchBrowser } from '../../src/render/browser.ts';
import { type StaticServer, serveStatic } from '../../src/render/serve.ts';
import { REPO } from '../helpers/fixtures.ts';
import { siteRoutes } from '../render/helpers.ts';

/** The README's first command builds the demo: its site must load cleanly in a real browser. */
describe('the built demo site in Chromium', () => {
  const demo = join(inject('demoOut'), 'demo');
  let server: StaticServer;
  let browser: Browser;
  let close: () => Promise<void>;

  beforeAll(async () => {
    server = await serveStatic(join(demo, 'site'));
    const launched = await launchBrowser(await findBrowser(join(REPO, '.cache', 'chromium')));
    browser = launched.browser;
    close = launched.close;
  }, 120_000);
  afterAll(async () => {
    await close?.();
    await server?.close();
  });

  it('writes the site, the PDF and the exports', () => {
    for (const f of [
      'site/index.html',
      'demo-licence-review.pdf',
      'findings.csv',
      'findings.xlsx',
      'transfer-plan.csv',
      'report.json',
    ]) {
      expect(() => readFileSync(join(demo, f)), f).not.toThrow();
    }
  });

  it('loads every page without console errors, and every internal link resolves', async () => {
    const routes = await siteRoutes(join(demo, 'site'));
    expect(routes.length).toBeGreaterThan(15);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${(e as Error).message}`));
    const links = new Set<string>();
    for (const route of routes) {
      const resp = await page.goto(`${server.origin}${route}`, { waitUntil: 'load' });
      expect(resp?.status(), route).toBe(200);
      const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
      for (const h of hrefs) if (h.startsWith(server.origin)) links.add(h.split('#')[0]!);
    }
    expect(errors).toEqual([]);
    for (const link of links) {
      const r = await fetch(link);
      expect(r.status, link).toBe(200);
    }
    await page.close();
  }, 300_000);
});
