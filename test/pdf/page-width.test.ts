import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Report } from '../../src/analysis/model/report.ts';
import { dataTables } from '../../src/lib/data-tables.ts';
import { printedTable } from '../../src/lib/print-limits.ts';
import { findBrowser, launchBrowser } from '../../src/render/browser.ts';
import { type StaticServer, serveStatic } from '../../src/render/serve.ts';
import { ROOT } from './helpers.ts';

// Chromium shrinks the WHOLE printed document to fit its widest element: one table wider than
// the A4 portrait page printed every page of the demo at 81% (a 20pt heading measured 16.3pt).
// Wide tables go on landscape pages; nothing may be wider than the page it prints on.

/** The content width of an A4 page with print.css's 18mm side margins, in CSS px (96 per inch). */
const contentWidth = (pageMm: number) => Math.floor(((pageMm - 2 * 18) / 25.4) * 96);
const PORTRAIT = contentWidth(210); // 657
const LANDSCAPE = contentWidth(297); // 986

let server: StaticServer;
let browser: Browser;
let close: () => Promise<void>;
let pdf: string;
let report: Report;

beforeAll(async () => {
  // the demo built once for the whole run (test/global-setup.ts)
  const demo = join(inject('demoOut'), 'demo');
  pdf = join(demo, 'demo-licence-review.pdf');
  report = JSON.parse(await readFile(join(demo, 'report.json'), 'utf8')) as Report;
  server = await serveStatic(join(demo, 'site'));
  ({ browser, close } = await launchBrowser(await findBrowser(join(ROOT, '.cache', 'chromium'))));
}, 120_000);
afterAll(async () => {
  await close?.();
  await server?.close();
});

/**
 * Every font of the page loaded, as the PDF step loads them before it prints (render/pdf.ts):
 * measured on 'load' alone, a table laid out in the fallback font before the webfont came was
 * 57px wider than in print, and failed a run on a busy machine.
 */
async function fontsLoaded(page: Page): Promise<void> {
  await page.evaluate(() => Promise.all([...document.fonts].map((f) => f.load().catch(() => undefined))));
}

/**
 * Elements of the print document, laid out in print media at `width`, that reach past the body
 * (only the outermost of a nested run is named). `landscape`: only those in a section printed on a
 * landscape page (a named page whose @page rule has `size: … landscape`), else only the others.
 */
async function overflowing(page: Page, width: number, landscape: boolean): Promise<string[]> {
  await page.setViewport({ width, height: 1000 });
  await page.emulateMediaType('print');
  await page.goto(`${server.origin}/print/`, { waitUntil: 'load' });
  await fontsLoaded(page);
  return page.evaluate((landscape) => {
    const landscapePages = new Set<string>();
    for (const sheet of document.styleSheets) {
      for (const rule of sheet.cssRules) {
        if (rule instanceof CSSPageRule && /landscape/.test(rule.style.getPropertyValue('size'))) {
          landscapePages.add(rule.selectorText);
        }
      }
    }
    const onLandscape = (el: Element | null): boolean => {
      for (let e = el; e; e = e.parentElement) {
        const name = getComputedStyle(e).page;
        if (name && name !== 'auto') return landscapePages.has(name);
      }
      return false;
    };
    const body = document.body.getBoundingClientRect();
    const over = (el: Element | null) => {
      if (!el) return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 && (r.right > body.right + 0.5 || r.left < body.left - 0.5);
    };
    const out: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      if (onLandscape(el) !== landscape || !over(el) || over(el.parentElement)) continue;
      const r = el.getBoundingClientRect();
      const where = el.closest('[id]')?.id ?? '';
      out.push(
        `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} in #${where}: ${Math.round(r.left)}–${Math.round(r.right)}px, page ${Math.round(body.left)}–${Math.round(body.right)}px`,
      );
    }
    return out;
  }, landscape);
}

describe('the print document fits its pages, so Chromium prints it at full scale', () => {
  it('has nothing wider than the A4 portrait page outside the landscape sections', async () => {
    const page = await browser.newPage();
    expect(await overflowing(page, PORTRAIT, false)).toEqual([]);
    await page.close();
  });

  it('has nothing in a landscape section wider than the A4 landscape page', async () => {
    const page = await browser.newPage();
    expect(await overflowing(page, LANDSCAPE, true)).toEqual([]);
    await page.close();
  });

  /** Each page's words with their height in points (pdftotext -bbox), page 1 first. */
  function pageWords(): { text: string; height: number }[][] {
    const xml = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 256 << 20 });
    return xml
      .split('<page ')
      .slice(1)
      .map((p) =>
        [
          ...p.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g),
        ].map((m) => ({ text: m[3]!, height: Number(m[2]) - Number(m[1]) })),
      );
  }

  function pageSizes(): { width: number; height: number }[] {
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '100000', pdf], { encoding: 'utf8' });
    return [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({
      width: Number(m[1]),
      height: Number(m[2]),
    }));
  }

  /** Each page's text (pdftotext -layout), page 1 first. */
  function pageTexts(): string[] {
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 256 << 20 });
    return text.split('\f').slice(0, -1);
  }

  it('sets every chapter heading at full size (20pt against the 8pt footer, which is never scaled)', () => {
    const words = pageWords();
    const toc = pageTexts().find((p) => /^\s*Contents\s*$/m.test(p))!;
    const chapters = [...toc.matchAll(/^\s*(?:\d+|Appendix [A-Z])\s+(\S.*?)\s{2,}(\d+)\s*$/gm)].map((m) => ({
      title: m[1]!,
      page: Number(m[2]),
    }));
    expect(chapters.length).toBeGreaterThan(10);
    for (const { title, page } of chapters) {
      const on = words[page - 1]!;
      const footer = on.find((w) => w.text === 'Page')!;
      const t = title.split(' ');
      const at = on.findIndex((_, j) =>
        on
          .slice(j, j + t.length)
          .map((w) => w.text)
          .every((w, k) => w === t[k]),
      );
      expect(at, `"${title}" on page ${page}`).toBeGreaterThanOrEqual(0);
      const scale = on[at]!.height / footer.height / (20 / 8);
      expect(scale, `"${title}" on page ${page}: scale`).toBeCloseTo(1, 2);
    }
  });

  it('prints the wide tables on A4 landscape pages and the chapters on portrait ones', () => {
    const sizes = pageSizes();
    const text = pageTexts();
    expect(text).toHaveLength(sizes.length);
    const landscape = (n: number) => sizes[n]!.width > sizes[n]!.height;
    const pageOf = (re: RegExp) => text.findIndex((p) => re.test(p));
    const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    let wide = 0;
    for (const [family, section] of Object.entries(report.families)) {
      const start = pageOf(new RegExp(`^\\s*\\d+\\s+${literal(section!.title)}\\s*$`, 'm'));
      expect(start, section!.title).toBeGreaterThan(0);
      expect(landscape(start), `${section!.title} starts on a portrait page`).toBe(false);
      if (family === 'va-imbalance' || family === 'data-quality' || section!.status === 'unavailable')
        continue;
      for (const t of dataTables(section!.data)) {
        // the table's numbered heading ("5.3 Lines"), first after the chapter's start
        const heading = new RegExp(`^\\s*\\d+\\.\\d+\\s+${literal(t.title)}\\s*$`, 'm');
        const at = text.findIndex((p, n) => n >= start && heading.test(p));
        expect(at, `${section!.title}: ${t.title}`).toBeGreaterThan(0);
        expect(landscape(at), `${section!.title}: ${t.title} on page ${at + 1}`).toBe(printedTable(t).wide);
        if (printedTable(t).wide) wide++;
      }
    }
    expect(wide).toBeGreaterThan(0);
  });
});

/**
 * Tables of the print document on screen (media `screen`, as /print-preview/'s frame shows it)
 * that are not inside the white sheet holding them (a chapter, the cover, or a section the PDF
 * prints on landscape pages), and sheets that start left of the window, where no scrolling reaches.
 */
async function offSheet(page: Page, width: number): Promise<string[]> {
  await page.setViewport({ width, height: 1000 });
  await page.emulateMediaType('screen');
  await page.goto(`${server.origin}/print/`, { waitUntil: 'load' });
  await fontsLoaded(page);
  return page.evaluate(() => {
    const out: string[] = [];
    const SHEET = 'body.print > .cover, body.print > .chapter, body.print > .chapter > section.landscape';
    for (const s of document.querySelectorAll(SHEET)) {
      const left = s.getBoundingClientRect().left + window.scrollX;
      if (left < -0.5) out.push(`sheet #${s.id} starts ${Math.round(left)}px left of the window`);
    }
    for (const t of document.querySelectorAll('body.print table')) {
      const sheet = t.closest('body.print > .chapter > section.landscape') ?? t.closest(SHEET);
      if (!sheet) continue;
      const [r, s] = [t.getBoundingClientRect(), sheet.getBoundingClientRect()];
      if (r.width > 0 && (r.left < s.left - 0.5 || r.right > s.right + 0.5))
        out.push(
          `table in #${t.closest('[id]')?.id}: ${Math.round(r.left)}–${Math.round(r.right)}px, sheet #${sheet.id} ${Math.round(s.left)}–${Math.round(s.right)}px`,
        );
    }
    return out;
  });
}

describe('the print preview shows the document as sheets with nothing off them', () => {
  // 968px: the preview's frame in a 1280px window; 1400px: a window wider than a landscape sheet
  it.each([968, 1400])(
    'puts every table on its sheet, wide tables on landscape sheets, at %ipx',
    async (width) => {
      const page = await browser.newPage();
      expect(await offSheet(page, width)).toEqual([]);
      // the demo has wide tables: the check above saw landscape sheets
      expect(await page.$$eval('body.print > .chapter > section.landscape', (l) => l.length)).toBeGreaterThan(
        0,
      );
      await page.close();
    },
  );
});
