import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
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
  /** Prints it took to settle the contents' page numbers (1 when the last build's still held; 0
   * when the print page was unchanged and the last PDF was kept). */
  prints: number;
}

/**
 * What the last print of this document left in `.cache/pdf-contents.json`: the contents' page
 * numbers, and the sha256 of the print page's HTML (with the browser's version) and of the PDF
 * it gave. The HTML inlines its styles and charts and names its fonts by content hash, so the
 * same HTML in the same browser prints the same PDF: a rebuild that changed nothing the PDF
 * shows (a decision on a finding it does not list) reuses it.
 */
interface LastPrint {
  numbers: Record<string, number>;
  source?: string;
  pdf?: string;
}

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

async function readLastPrint(file: string): Promise<LastPrint | undefined> {
  try {
    const last = JSON.parse(await readFile(file, 'utf8')) as LastPrint;
    return last && typeof last.numbers === 'object' ? last : undefined;
  } catch {
    return undefined;
  }
}

async function writeLastPrint(file: string, last: LastPrint): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(last));
}

/** The PDF already at `outFile` when it is the one the last print of this same source gave. */
async function reusable(outFile: string, last: LastPrint | undefined, source: string) {
  if (!last?.pdf || last.source !== source) return undefined;
  try {
    const pdf = await readFile(outFile);
    return sha256(pdf) === last.pdf ? pdf : undefined;
  } catch {
    return undefined;
  }
}

/** At most this many prints to settle the contents' page numbers (normally two). */
const MAX_PASSES = 4;

/** Loading or printing the page may take minutes; a hung browser still fails after half an hour. */
const PRINT_TIMEOUT_MS = 1_800_000;

/**
 * Print a route of a built site to PDF with headless Chromium. The site is served on 127.0.0.1;
 * every other request is aborted and counted. The contents page's numbers come from the PDF
 * itself: read each chapter's page from Chromium's named destinations, fill in
 * `[data-toc-page]`, print until the numbers hold (see `printWithPageNumbers`).
 */
export async function printPdf(opts: {
  siteDir: string;
  outFile: string;
  route?: string;
  /** Where the contents' page numbers of the last print are kept; false: not kept. */
  contentsCache?: string | false;
}): Promise<PrintResult> {
  const t0 = performance.now();
  const found = await findBrowser(join(REPO, '.cache', 'chromium'));
  const route = opts.route ?? '/print/';
  const cache =
    opts.contentsCache === false
      ? undefined
      : (opts.contentsCache ?? join(dirname(resolve(opts.outFile)), '.cache', 'pdf-contents.json'));
  const last = cache ? await readLastPrint(cache) : undefined;
  const server = await serveStatic(opts.siteDir);
  const { browser, page, close } = await launchBrowser(found);
  let blockedRequests = 0;
  try {
    const version = await browser.version();
    const html = await readFile(join(opts.siteDir, ...route.split('/').filter(Boolean), 'index.html'));
    const source = sha256(`${version}\0${sha256(html)}`);
    const kept = await reusable(opts.outFile, last, source);
    if (kept) {
      return {
        pages: readPdfOutline(kept).pages,
        browser: `${found.source} (${version})`,
        ms: Math.round(performance.now() - t0),
        blockedRequests,
        prints: 0,
      };
    }
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
    const response = await page.goto(`${server.origin}${route.startsWith('/') ? route : `/${route}`}`, {
      waitUntil: 'load',
      timeout: PRINT_TIMEOUT_MS, // a large print page takes minutes on a busy 2-core machine
    });
    if (!response?.ok())
      throw new Error(`${route}: HTTP ${response?.status() ?? 'no response'} from the site server`);
    await page.emulateMediaType('print');
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const previous = last ? new Map(Object.entries(last.numbers)) : undefined;
    const { pdf, numbers, prints } = await printWithPageNumbers(page, previous);
    await mkdir(dirname(resolve(opts.outFile)), { recursive: true });
    const tmp = `${opts.outFile}.tmp-${process.pid}`;
    await writeFile(tmp, pdf);
    await rename(tmp, opts.outFile);
    if (cache)
      await writeLastPrint(cache, { numbers: Object.fromEntries(numbers), source, pdf: sha256(pdf) });
    return {
      pages: readPdfOutline(pdf).pages,
      browser: `${found.source} (${version})`,
      ms: Math.round(performance.now() - t0),
      blockedRequests,
      prints,
    };
  } finally {
    await close();
    await server.close();
  }
}

/**
 * The final print is tagged (accessible structure); a probe print, used only to read where each
 * chapter lands, skips the tags and backgrounds, which change nothing in the layout.
 */
async function print(page: Page, probe = false): Promise<Uint8Array> {
  return page.pdf({
    printBackground: !probe,
    preferCSSPageSize: true,
    tagged: !probe,
    timeout: PRINT_TIMEOUT_MS,
  });
}

type Numbers = Map<string, number>;

async function fill(page: Page, numbers: Numbers): Promise<void> {
  await page.$$eval(
    '[data-toc-page]',
    (els, list) => {
      const map = new Map(list);
      for (const el of els) el.textContent = String(map.get(el.getAttribute('data-toc-page') ?? '') ?? '');
    },
    [...numbers],
  );
}

function found(pdf: Uint8Array, targets: readonly string[]): Numbers {
  const { destinations } = readPdfOutline(pdf);
  return new Map(targets.flatMap((t) => (destinations.has(t) ? [[t, destinations.get(t)!] as const] : [])));
}

const same = (a: Numbers, b: Numbers) => a.size === b.size && [...a].every(([t, n]) => b.get(t) === n);

/**
 * Fill the contents' page numbers so that the final print confirms them. The numbers start from
 * `previous` (the last print of this document, when known): if they still hold, one print is
 * all it takes. Otherwise a cheap untagged probe print places the chapters first, and each
 * tagged print is checked until its numbers hold (normally the first).
 */
async function printWithPageNumbers(
  page: Page,
  previous?: Numbers,
): Promise<{ pdf: Uint8Array; numbers: Numbers; prints: number }> {
  const targets = await page.$$eval('[data-toc-page]', (els) =>
    els.map((e) => e.getAttribute('data-toc-page') ?? ''),
  );
  if (targets.length === 0) return { pdf: await print(page), numbers: new Map(), prints: 1 };
  let prints = 0;
  let shown: Numbers;
  if (previous && targets.every((t) => previous.has(t))) {
    shown = new Map(targets.map((t) => [t, previous.get(t)!]));
  } else {
    shown = found(await print(page, true), targets);
    prints++;
  }
  for (;;) {
    await fill(page, shown);
    const pdf = await print(page);
    prints++;
    const now = found(pdf, targets);
    if (same(now, shown) || prints >= MAX_PASSES) return { pdf, numbers: now, prints };
    shown = now;
  }
}
