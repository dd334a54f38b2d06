import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { sha256 } from '../lib/sha256.ts';
import { type FoundBrowser, findBrowser, launchBrowser } from './browser.ts';
import { PRINTER_VERSION, printInParts } from './part-printer.ts';
import { readPdfOutline } from './pdf-structure.ts';
import { PdfFormatError } from './pdf-syntax.ts';
import { splitPrintPage } from './print-parts.ts';
import { serveStatic } from './serve.ts';
import { type Printed, printWithPageNumbers } from './whole-print.ts';

/** The repository root (for the browser cache of @sparticuz/chromium). */
const REPO = resolve(dirname(new URL(import.meta.url).pathname), '../..');

export interface PrintResult {
  pages?: number;
  /** Which browser printed, e.g. "/usr/lib/chromium/chromium (HeadlessChrome/156.0…)". */
  browser: string;
  ms: number;
  /** Requests to anything but the local server, aborted: a report never loads remote content. */
  blockedRequests: number;
  /** Prints it took to settle the contents' page numbers: a probe and the final print, normally;
   * 0 when the print page was unchanged and the last PDF was kept. */
  prints: number;
  /** Of `prints`, the tagged ones (the final PDF's kind; an untagged probe costs about half). */
  taggedPrints: number;
  /** Printed part by part: the parts (and page furniture) taken from the last build. */
  keptParts?: number;
  /** Why a print page in parts was printed in one piece (its parts' PDFs could not be merged). */
  wholeBecause?: string;
}

/**
 * What the last print of this document left in `.cache/last-print.json`: the sha256 of the print
 * page's HTML (with the browser's version) and of the PDF it gave. The HTML inlines its styles
 * and charts and names its fonts by content hash, so the same HTML in the same browser prints the
 * same PDF: a rebuild that changed nothing the PDF shows (a decision on a finding it does not
 * list) reuses it.
 */
interface LastPrint {
  source: string;
  pdf: string;
}

async function readLastPrint(file: string): Promise<LastPrint | undefined> {
  try {
    const last = JSON.parse(await readFile(file, 'utf8')) as LastPrint;
    return typeof last?.source === 'string' && typeof last.pdf === 'string' ? last : undefined;
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
  if (last?.source !== source) return undefined;
  try {
    const pdf = await readFile(outFile);
    return sha256(pdf) === last.pdf ? pdf : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Tabs printing parts at once: on two cores, two tabs printed the 200,000-device report's parts in
 * 0.73-0.79 of the time of one (each tab is its own renderer process).
 */
const PRINT_TABS = Math.min(2, availableParallelism());

/** Loading or printing the page may take minutes; a hung browser still fails after half an hour. */
const PRINT_TIMEOUT_MS = 1_800_000;

/** The print browser, found and launched, with the way it was found (for the log). */
export type StartedBrowser = Awaited<ReturnType<typeof launchBrowser>> & { found: FoundBrowser };

/**
 * Find and launch the print browser. A build starts it before the site step, since it needs
 * nothing from the site: it starts on the other core while the site builds (a rebuild at 200,000
 * devices was faster in seven of eight interleaved pairs, by a median 0.45 s; the site step takes
 * about 0.5 s longer and the PDF step 0.7-1.0 s less). Whoever starts it passes it to `printPdf`,
 * which closes it, or closes it itself.
 */
export async function startBrowser(): Promise<StartedBrowser> {
  const found = await findBrowser(join(REPO, '.cache', 'chromium'));
  return { found, ...(await launchBrowser(found)) };
}

/**
 * Print a route of a built site to PDF with headless Chromium. The site is served on 127.0.0.1;
 * every other request is aborted and counted. A page in parts (`data-print-part`) is printed part
 * by part and merged (`part-printer.ts`), keeping the parts the last build printed from the same
 * HTML; any other page, or one whose parts cannot be merged, in one piece (`whole-print.ts`).
 */
export async function printPdf(opts: {
  siteDir: string;
  outFile: string;
  route?: string;
  /** Where the record of the last print is kept (`LastPrint`); false: not kept. */
  lastPrint?: string | false;
  /** Load every part as a document of its own, never into a tab's body (tests compare the two). */
  reloadEachPart?: boolean;
  /** A browser started already (`startBrowser`): printed with, then closed. */
  browser?: Promise<StartedBrowser>;
}): Promise<PrintResult> {
  const t0 = performance.now();
  const started = opts.browser ?? startBrowser();
  // awaited below, after other awaits: a failed start must not count as unhandled meanwhile
  started.catch(() => undefined);
  const route = opts.route ?? '/print/';
  const cache =
    opts.lastPrint === false
      ? undefined
      : (opts.lastPrint ?? join(dirname(resolve(opts.outFile)), '.cache', 'last-print.json'));
  const last = cache ? await readLastPrint(cache) : undefined;
  const { browser, page, close, found } = await started;
  let blockedRequests = 0;
  const cleanups: (() => Promise<void>)[] = [];
  try {
    const server = await serveStatic(opts.siteDir);
    cleanups.push(() => server.close());
    const version = await browser.version();
    const html = await readFile(join(opts.siteDir, ...route.split('/').filter(Boolean), 'index.html'));
    const source = sha256(`${PRINTER_VERSION}\0${version}\0${sha256(html)}`);
    const kept = await reusable(opts.outFile, last, source);
    if (kept) {
      return {
        pages: readPdfOutline(kept).pages,
        browser: `${found.source} (${version})`,
        ms: Math.round(performance.now() - t0),
        blockedRequests,
        prints: 0,
        taggedPrints: 0,
      };
    }
    const path = route.startsWith('/') ? route : `/${route}`;
    // the parts' PDFs sit beside the last-print record; without one they last this print only
    const partsDir = cache
      ? join(dirname(cache), 'pdf-parts')
      : await mkdtemp(join(tmpdir(), 'trueup-parts-'));
    if (!cache) cleanups.push(() => rm(partsDir, { recursive: true, force: true }));
    const served = new Map<string, string>();
    const pool = tabPool(browser, page, server.origin, served);
    const doc = splitPrintPage(html.toString('utf8'));
    let printed: (Printed & { keptParts?: number; wholeBecause?: string }) | undefined;
    if (doc) {
      try {
        const parts = await printInParts(doc, {
          tab: pool.tab,
          tabs: PRINT_TABS,
          base: `${server.origin}${path.slice(0, path.lastIndexOf('/') + 1)}`,
          served,
          dir: partsDir,
          browserVersion: version,
          print: (p, tagged) => print(p, !tagged),
          open: (p, url) => open(p, url, route),
          ...(opts.reloadEachPart ? {} : { replaceBody }),
          now: new Date(),
        });
        printed = {
          pdf: parts.pdf,
          prints: parts.printed,
          taggedPrints: parts.tagged,
          keptParts: parts.kept,
        };
      } catch (e) {
        // a browser whose PDFs this code cannot merge still gets its PDF, printed in one piece
        if (!(e instanceof PdfFormatError)) throw e;
        printed = { ...(await printWhole(pool, `${server.origin}${path}`, route)), wholeBecause: e.message };
      }
    }
    printed ??= await printWhole(pool, `${server.origin}${path}`, route);
    const { pdf, prints, taggedPrints } = printed;
    blockedRequests = pool.blocked();
    await mkdir(dirname(resolve(opts.outFile)), { recursive: true });
    const tmp = `${opts.outFile}.tmp-${process.pid}`;
    await writeFile(tmp, pdf);
    await rename(tmp, opts.outFile);
    if (cache) await writeLastPrint(cache, { source, pdf: sha256(pdf) });
    return {
      pages: readPdfOutline(pdf).pages,
      browser: `${found.source} (${version})`,
      ms: Math.round(performance.now() - t0),
      blockedRequests,
      prints,
      taggedPrints,
      ...(printed.keptParts === undefined ? {} : { keptParts: printed.keptParts }),
      ...(printed.wholeBecause === undefined ? {} : { wholeBecause: printed.wholeBecause }),
    };
  } finally {
    await close();
    for (const c of cleanups) await c();
  }
}

/**
 * Abort every request but to the local server (`blocked()` counts them), and answer for the
 * documents in `served` (by file name, under any folder) from memory.
 */
async function intercept(
  page: Page,
  origin: string,
  served: ReadonlyMap<string, string>,
): Promise<{ blocked: () => number }> {
  let blocked = 0;
  // a 200k-device report on a busy 2-core machine takes minutes to lay out, not puppeteer's 30 s
  page.setDefaultTimeout(PRINT_TIMEOUT_MS);
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const u = req.url();
    if (u.startsWith(`${origin}/`)) {
      const body = served.get(u.slice(u.lastIndexOf('/') + 1));
      if (body !== undefined)
        void req.respond({ status: 200, contentType: 'text/html; charset=utf-8', body });
      else void req.continue();
    } else if (u.startsWith('data:') || u === 'about:blank') {
      void req.continue();
    } else {
      blocked++;
      void req.abort('blockedbyclient');
    }
  });
  // print media before the page loads: set after, it lays the whole document out a second time
  await page.emulateMediaType('print');
  return { blocked: () => blocked };
}

/** The page at `url` printed in one piece: a probe, then the tagged print with the contents' numbers. */
async function printWhole(pool: ReturnType<typeof tabPool>, url: string, route: string): Promise<Printed> {
  const tab = await pool.tab(0);
  await open(tab, url, route);
  return printWithPageNumbers(tab, print);
}

/** Tabs that load from the local server only: tab 0 is `page`, the others open on first use. */
function tabPool(browser: Browser, page: Page, origin: string, served: ReadonlyMap<string, string>) {
  const tabs = new Map<number, Promise<Page>>();
  const counters: (() => number)[] = [];
  const ready = async (tab: Page) => {
    counters.push((await intercept(tab, origin, served)).blocked);
    return tab;
  };
  return {
    tab: (i: number): Promise<Page> => {
      if (!tabs.has(i)) tabs.set(i, i === 0 ? ready(page) : browser.newPage().then(ready));
      return tabs.get(i)!;
    },
    blocked: () => counters.reduce((n, c) => n + c(), 0),
  };
}

/**
 * Load `url` in the tab, with every font its styles declare loaded: the page furniture's
 * document has no body text, and Chromium would set its margin boxes in a fallback font.
 */
async function open(page: Page, url: string, route: string): Promise<void> {
  const response = await page.goto(url, { waitUntil: 'load', timeout: PRINT_TIMEOUT_MS });
  if (!response?.ok())
    throw new Error(`${route}: HTTP ${response?.status() ?? 'no response'} from the site server`);
  await loadFonts(page);
}

/** Wait until every font the page's styles declare is loaded (or has failed to). */
async function loadFonts(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all([...document.fonts].map((f) => f.load().catch(() => undefined))).then(() => undefined),
  );
}

/**
 * Put another part into a tab that holds a part document with the same head: the styles are
 * parsed and the fonts loaded already. The 21 parts of the 200,000-device report printed in
 * 0.69-0.74 of the time of loading each as a new document, into the same PDF (text, structure
 * tree and bytes alike, apart from Chromium's node ids and the dates). Any request the new body
 * makes still meets the tab's request filter.
 */
async function replaceBody(page: Page, inner: string): Promise<void> {
  await page.evaluate((html) => {
    document.body.innerHTML = html;
  }, inner);
  await loadFonts(page);
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
