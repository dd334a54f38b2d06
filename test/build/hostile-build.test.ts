import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient } from '../../src/build/build-client.ts';
import { FileEffects } from '../../src/build/effects.ts';
import { createRenderer } from '../../src/build/renderer.ts';
import { findBrowser, launchBrowser } from '../../src/render/browser.ts';
import { serveStatic } from '../../src/render/serve.ts';
import { excelText } from '../helpers/excel-text.ts';
import { catalog, REPO, reportFor } from '../helpers/fixtures.ts';
import { siteRoutes } from '../render/helpers.ts';

/** The strings every text field of every input of test/build/fixtures/hostile-inputs carries. */
const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '" onmouseover="alert(1)',
  'javascript:alert(1)',
  '{process.exit(1)}',
  '<Figure name={x}/>',
  '=HYPERLINK("http://evil")',
  "+cmd|' /C calc'!A0",
  '@SUM(1)',
  '-2+3',
  '\t=1+1 tab',
  '\r=1+1 cr',
];
/** What a spreadsheet would evaluate: a cell starting with = + - @, tab or CR that is not a number. */
const formulaLike = (v: string) => /^[=+\-@\t\r]/.test(v) && !/^-?\d+(\.\d+)?$/.test(v);

const work = mkdtempSync(join(tmpdir(), 'trueup-hostile-build-'));
const dir = join(work, 'clients', 'hostile-inputs');
const out = join(work, 'out', 'hostile-inputs');

beforeAll(async () => {
  cpSync(join(REPO, 'test/build/fixtures/hostile-inputs'), dir, { recursive: true });
  // the advisor's workbook carries hostile owners and comments on every finding
  const first = await reportFor(dir);
  const yaml = first.findings
    .map((f, i) => {
      const h = JSON.stringify(HOSTILE[i % HOSTILE.length]);
      return `${f.id}:\n  status: disputed\n  owner: ${h}\n  comment: ${h}\n`;
    })
    .join('');
  writeFileSync(join(dir, 'workbook/findings.yaml'), yaml);
  await buildClient(
    dir,
    await catalog(),
    { out: join(work, 'out'), pdf: true },
    new FileEffects(true),
    await createRenderer(),
  );
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a client whose every input text is hostile, built into site, PDF and exports', () => {
  it('runs no script from the data on any page: no dialog, no console error, no page error', async () => {
    const siteDir = join(out, 'site');
    const server = await serveStatic(siteDir);
    const { page, close } = await launchBrowser(await findBrowser(join(REPO, '.cache', 'chromium')));
    const problems: string[] = [];
    page.on('dialog', (d) => {
      problems.push(`dialog on ${page.url()}: ${d.message()}`);
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error on ${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error on ${page.url()}: ${(e as Error).message}`));
    try {
      const routes = await siteRoutes(siteDir);
      expect(routes.length).toBeGreaterThan(5);
      for (const route of routes) {
        await page.goto(`${server.origin}${route}`, { waitUntil: 'load' });
        // an injected handler would be an attribute in the live DOM, scripts or not
        expect(await page.$$eval('[onmouseover], [onerror], [onload]', (els) => els.length), route).toBe(0);
      }
      const home = await (async () => {
        await page.goto(`${server.origin}/`, { waitUntil: 'load' });
        return page.$eval('body', (b) => b.textContent ?? '');
      })();
      expect(home).toContain('Hostile <script>alert(1)</script>');
      expect(problems).toEqual([]);
    } finally {
      await close();
      await server.close();
    }
  }, 240_000);

  it('carries the strings escaped in the HTML: no injected element, handler or javascript: link', async () => {
    const siteDir = join(out, 'site');
    let escaped = 0;
    for (const route of await siteRoutes(siteDir)) {
      const html = readFileSync(join(siteDir, route, 'index.html'), 'utf8');
      const $ = cheerio.load(html);
      expect($('script').filter((_, s) => $(s).text().includes('alert')).length, route).toBe(0);
      expect($('img[src="x"], [onerror], [onmouseover], [onload]').length, route).toBe(0);
      expect($('a[href^="javascript:" i]').length, route).toBe(0);
      if (html.includes('&lt;script&gt;alert(1)&lt;/script&gt;')) escaped++;
    }
    expect(escaped).toBeGreaterThan(3);
  });

  it('prints the strings as text in the PDF', () => {
    const text = execFileSync('pdftotext', [join(out, 'hostile-inputs-licence-review.pdf'), '-'], {
      encoding: 'utf8',
    });
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('=HYPERLINK("http://evil")');
  });

  it('neutralises every CSV cell that a spreadsheet would read as a formula', () => {
    for (const f of ['findings.csv', 'transfer-plan.csv']) {
      const rows = Papa.parse<string[]>(readFileSync(join(out, f), 'utf8'), { skipEmptyLines: true }).data;
      const cells = rows.flat();
      expect(cells.filter(formulaLike), f).toEqual([]);
      if (f === 'findings.csv') expect(cells).toContain(`'=HYPERLINK("http://evil")`);
    }
  });

  it('writes findings.xlsx with no formula cell and every formula-like text neutralised', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'findings.xlsx'));
    const texts: string[] = [];
    for (const ws of wb.worksheets) {
      ws.eachRow((row) => {
        row.eachCell((cell) => {
          expect(cell.type, `${ws.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
          expect(cell.formula).toBeUndefined();
          if (typeof cell.value === 'string') texts.push(excelText(cell.value) as string);
        });
      });
    }
    expect(texts.filter(formulaLike)).toEqual([]);
    for (const h of ['=HYPERLINK("http://evil")', "+cmd|' /C calc'!A0", '@SUM(1)', '\t=1+1 tab'])
      expect(texts, JSON.stringify(h)).toContain(`'${h}`);
    // the carriage return is kept (as _x000D_, which XML does not turn into a line feed), behind the apostrophe
    expect(texts).toContain("'\r=1+1 cr");
  });
});
