import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { findBrowser, launchBrowser } from './browser.ts';
import { readPdfOutline } from './pdf-structure.ts';
import { serveStatic } from './serve.ts';

/** Upper bound for loading and printing the print route. */
export const PRINT_TIMEOUT_MS = 10 * 60_000;

/** The repository root (for the browser cache of @sparticuz/chromium). */
const REPO = resolve(dirname(new URL(import.meta.url).pathname), '../..');

export interface PrintResult {
  pages?: number;
  /** Which browser printed, e.g. "/usr/lib/chromium/chromium (HeadlessChrome/156.0…)". */
  browser: string;
  ms: number;
  /** Requests to anything but the local server, aborted: a report never loads remote content. */
  blockedRequests: number;
  /** How many times the document was printed (1 without a contents page, else 2). */
  prints: number;
  /** False when the second print put a chapter on another page than the contents says. */
  contentsSettled: boolean;
}

/**
 * Print a route of a built site to PDF with headless Chromium. The site is served on 127.0.0.1;
 * every other request is aborted and counted. The contents page's numbers come from the PDF
 * itself: print once (untagged, which is several times faster and paginates identically), read
 * each chapter's page from Chromium's named destinations, fill in `[data-toc-page]`, print the
 * final tagged PDF. The numbers sit in fixed-width boxes, so filling them cannot move a page
 * break: two prints always suffice, and the second is checked.
 */
export async function printPdf(opts: {
  siteDir: string;
  outFile: string;
  route?: string;
}): Promise<PrintResult> {
  const t0 = performance.now();
  const found = await findBrowser(join(REPO, '.cache', 'chromium'));
  const server = await serveStatic(opts.siteDir);
  const { browser, page, close } = await launchBrowser(found);
  let blockedRequests = 0;
  try {
    // a 200k-device report on a busy 2-core machine takes minutes to lay out, not puppeteer's 30 s
    page.setDefaultTimeout(PRINT_TIMEOUT_MS);
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      const url = req.url();
      if (url.startsWith(`${server.origin}/`) || url.startsWith('data:') || url === 'about:blank') {
        void req.continue();
      } else {
        blockedRequests++;
        void req.abort('blockedbyclient');
      }
    });
    const route = opts.route ?? '/print/';
    const response = await page.goto(`${server.origin}${route.startsWith('/') ? route : `/${route}`}`, {
      waitUntil: 'load',
    });
    if (!response?.ok())
      throw new Error(`${route}: HTTP ${response?.status() ?? 'no response'} from the site server`);
    await page.emulateMediaType('print');
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const { pdf, prints, settled } = await printWithPageNumbers(page);
    await mkdir(dirname(resolve(opts.outFile)), { recursive: true });
    const tmp = `${opts.outFile}.tmp-${process.pid}`;
    await writeFile(tmp, pdf);
    await rename(tmp, opts.outFile);
    return {
      pages: readPdfOutline(pdf).pages,
      browser: `${found.source} (${await browser.version()})`,
      ms: Math.round(performance.now() - t0),
      blockedRequests,
      prints,
      contentsSettled: settled,
    };
  } finally {
    await close();
    await server.close();
  }
}

async function print(page: Page, tagged: boolean): Promise<Uint8Array> {
  return page.pdf({ printBackground: true, preferCSSPageSize: true, tagged, timeout: PRINT_TIMEOUT_MS });
}

/** Each contents target → the page its chapter starts on, from a print's named destinations. */
function chapterPages(pdf: Uint8Array, targets: string[]): Map<string, number> {
  const { destinations } = readPdfOutline(pdf);
  return new Map(targets.flatMap((t) => (destinations.has(t) ? [[t, destinations.get(t)!] as const] : [])));
}

/** Print for the page numbers, fill them into the contents, print the final PDF and check it. */
async function printWithPageNumbers(
  page: Page,
): Promise<{ pdf: Uint8Array; prints: number; settled: boolean }> {
  const targets = await page.$$eval('[data-toc-page]', (els) =>
    els.map((e) => e.getAttribute('data-toc-page') ?? ''),
  );
  if (targets.length === 0) return { pdf: await print(page, true), prints: 1, settled: true };
  const shown = chapterPages(await print(page, false), targets);
  await page.$$eval(
    '[data-toc-page]',
    (els, numbers) => {
      const map = new Map(numbers);
      for (const el of els) el.textContent = String(map.get(el.getAttribute('data-toc-page') ?? '') ?? '');
    },
    [...shown],
  );
  const pdf = await print(page, true);
  const final = chapterPages(pdf, targets);
  const settled = final.size === shown.size && [...final].every(([t, n]) => shown.get(t) === n);
  return { pdf, prints: 2, settled };
}
