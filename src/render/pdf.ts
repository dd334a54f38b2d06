import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { findBrowser, launchBrowser } from './browser.ts';
import { readPdfOutline } from './pdf-structure.ts';
import { serveStatic } from './serve.ts';

/** The repository root (for the browser cache of @sparticuz/chromium). */
const REPO = resolve(dirname(new URL(import.meta.url).pathname), '../..');

export interface PrintResult {
  pages?: number;
  /** Which browser printed, e.g. "/usr/lib/chromium/chromium (HeadlessChrome/156.0…)". */
  browser: string;
  ms: number;
  /** Requests to anything but the local server, aborted: a report never loads remote content. */
  blockedRequests: number;
}

/** At most this many prints to settle the contents' page numbers (normally two). */
const MAX_PASSES = 4;

/**
 * Print a route of a built site to PDF with headless Chromium. The site is served on 127.0.0.1;
 * every other request is aborted and counted. The contents page's numbers come from the PDF
 * itself: print, read each chapter's page from Chromium's named destinations, fill in
 * `[data-toc-page]`, print again until the numbers hold.
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
      timeout: 0, // a large estate's print page takes minutes on a busy 2-core machine
    });
    if (!response?.ok())
      throw new Error(`${route}: HTTP ${response?.status() ?? 'no response'} from the site server`);
    await page.emulateMediaType('print');
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const pdf = await printWithPageNumbers(page);
    await mkdir(dirname(resolve(opts.outFile)), { recursive: true });
    const tmp = `${opts.outFile}.tmp-${process.pid}`;
    await writeFile(tmp, pdf);
    await rename(tmp, opts.outFile);
    return {
      pages: readPdfOutline(pdf).pages,
      browser: `${found.source} (${await browser.version()})`,
      ms: Math.round(performance.now() - t0),
      blockedRequests,
    };
  } finally {
    await close();
    await server.close();
  }
}

async function print(page: Page): Promise<Uint8Array> {
  return page.pdf({ printBackground: true, preferCSSPageSize: true, tagged: true, timeout: 0 });
}

/** Fill the contents' page numbers from the previous print until a print confirms them. */
async function printWithPageNumbers(page: Page): Promise<Uint8Array> {
  const targets = await page.$$eval('[data-toc-page]', (els) =>
    els.map((e) => e.getAttribute('data-toc-page') ?? ''),
  );
  let pdf = await print(page);
  if (targets.length === 0) return pdf;
  let shown = new Map<string, number>();
  for (let pass = 1; pass < MAX_PASSES; pass++) {
    const { destinations } = readPdfOutline(pdf);
    const found = new Map(
      targets.flatMap((t) => (destinations.has(t) ? [[t, destinations.get(t)!] as const] : [])),
    );
    if (pass > 1 && [...found].every(([t, n]) => shown.get(t) === n)) return pdf;
    await page.$$eval(
      '[data-toc-page]',
      (els, numbers) => {
        const map = new Map(numbers);
        for (const el of els) el.textContent = String(map.get(el.getAttribute('data-toc-page') ?? '') ?? '');
      },
      [...found],
    );
    shown = found;
    pdf = await print(page);
  }
  return pdf;
}
