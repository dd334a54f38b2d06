/**
 * Print the print page part by part (print-parts.ts) and put the PDF together (pdf-merge.ts).
 * Every part's PDF is kept in a folder by the sha256 of the browser and the part's document, so a
 * rebuild prints only the parts whose HTML changed: a decision on one finding reprints the
 * chapters that show it, the contents when pages moved, and the page furniture when the page
 * count or sizes changed. The folder keeps only the last build's parts.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { unescapeMarkup } from '../lib/markup-escape.ts';
import { sha256 } from '../lib/sha256.ts';
import { mergePdfs } from './pdf-merge.ts';
import { readPdfOutline } from './pdf-structure.ts';
import {
  type FurniturePage,
  furnitureDocument,
  owners,
  type PrintDocument,
  partDocument,
} from './print-parts.ts';

export interface PartPrints {
  pdf: Buffer;
  /** Parts (and page furniture) printed now. */
  printed: number;
  /** Of those, tagged prints (the parts; the furniture is drawn as an artifact). */
  tagged: number;
  /** Parts (and furniture) taken from the last build. */
  kept: number;
}

/** The parts' documents are served from memory under this name, next to the print page. */
const PART_FILE = '.trueup-part-';

/** At most this many prints of the contents to settle its own length (normally one). */
const MAX_CONTENTS_PASSES = 3;

/** Part of every kept PDF's key: raise it when a change here prints the same HTML differently. */
export const PRINTER_VERSION = 1;

export interface PartPrinterOptions {
  /** Tab `i` of the browser, ready to load the parts (opened on first use). */
  tab: (i: number) => Promise<Page>;
  /** How many tabs may print at once. */
  tabs: number;
  /** The print page's URL folder on the local server, e.g. "http://127.0.0.1:4321/print/". */
  base: string;
  /** Documents to answer for under `base` (the caller's request handler reads this). */
  served: Map<string, string>;
  /** Where parts' PDFs are kept between builds. */
  dir: string;
  browserVersion: string;
  print: (page: Page, tagged: boolean) => Promise<Uint8Array>;
  open: (page: Page, url: string) => Promise<void>;
  /**
   * Replace the body of the document loaded in `page` with `inner`: used when the next document
   * has the same head and body tag as the one the tab holds (every part does), instead of `open`.
   */
  replaceBody?: (page: Page, inner: string) => Promise<void>;
  now: Date;
}

/** Where a part document's body content starts: after its `<body …>` tag (what precedes is its "top"). */
const bodyStart = (html: string) => html.indexOf('>', html.indexOf('<body')) + 1;

export async function printInParts(doc: PrintDocument, o: PartPrinterOptions): Promise<PartPrints> {
  await mkdir(o.dir, { recursive: true });
  const owner = owners(doc);
  const used = new Set<string>();
  const count = { printed: 0, tagged: 0, kept: 0 };
  const keyOf = (html: string, tagged: boolean) =>
    sha256(`${PRINTER_VERSION}\0${o.browserVersion}\0${tagged ? 'tagged' : 'untagged'}\0${html}`);

  /** The PDF the last build printed from this very document, if any. */
  const kept = async (html: string, tagged: boolean): Promise<Uint8Array | undefined> => {
    const key = keyOf(html, tagged);
    used.add(key);
    try {
      const pdf = await readFile(join(o.dir, `${key}.pdf`));
      count.kept++;
      return pdf;
    } catch {
      return undefined;
    }
  };
  // what each tab has loaded: its document up to the end of the body tag
  const loaded = new Map<number, string>();
  const printed = async (html: string, tagged: boolean, tab: number): Promise<Uint8Array> => {
    const key = keyOf(html, tagged);
    const file = join(o.dir, `${key}.pdf`);
    const name = `${PART_FILE}${key}.html`;
    o.served.set(name, html);
    try {
      const page = await o.tab(tab);
      const bodyEnd = bodyStart(html);
      const top = html.slice(0, bodyEnd);
      const replace = o.replaceBody && loaded.get(tab) === top;
      // forgotten until this load succeeds: a tab left half-loaded by an error is loaded afresh
      loaded.delete(tab);
      if (replace) await o.replaceBody!(page, html.slice(bodyEnd, html.lastIndexOf('</body>')));
      else await o.open(page, `${o.base}${name}`);
      loaded.set(tab, top);
      const pdf = await o.print(page, tagged);
      const tmp = `${file}.tmp-${process.pid}`;
      await writeFile(tmp, pdf);
      await rename(tmp, file);
      count.printed++;
      if (tagged) count.tagged++;
      return pdf;
    } finally {
      o.served.delete(name);
    }
  };
  /**
   * Load a document of the parts' head and an empty body into a tab, fonts and all, so that its
   * first part goes in by replaceBody: laid out once in its fonts, where a part loaded as a new
   * document is laid out in a fallback font first. The 200,000-device report's two largest
   * changed chapters, one per tab, printed in 1.40-1.49 s this way against 1.57-1.67 s.
   */
  const warm = async (tab: number, html: string): Promise<void> => {
    if (!o.replaceBody) return;
    const top = html.slice(0, bodyStart(html));
    // one name per tab: each tab's document is forgotten once that tab has loaded it
    const name = `${PART_FILE}head-${tab}-${sha256(top)}.html`;
    o.served.set(name, `${top}</body></html>`);
    try {
      const page = await o.tab(tab);
      loaded.delete(tab);
      await o.open(page, `${o.base}${name}`);
      loaded.set(tab, top);
    } finally {
      o.served.delete(name);
    }
  };
  const pdfOf = async (html: string, tagged: boolean) =>
    (await kept(html, tagged)) ?? printed(html, tagged, 0);

  // parts that show page numbers (the contents) are printed last, once the others' lengths are known
  const showsNumbers = doc.parts.map((p) => p.html.includes('data-toc-page='));
  const numbered = (i: number) => showsNumbers[i]!;
  const pdfs: Uint8Array[] = [];
  const queue: { i: number; html: string }[] = [];
  for (let i = 0; i < doc.parts.length; i++) {
    if (numbered(i)) continue;
    const html = partDocument(doc, doc.parts[i]!, owner);
    const pdf = await kept(html, true);
    if (pdf) pdfs[i] = pdf;
    else queue.push({ i, html });
  }
  // the longest first, on as many tabs as may print at once: two tabs print the 200k-device
  // report's parts in 0.73-0.79 of the time one takes, on two cores
  queue.sort((a, b) => b.html.length - a.html.length);
  const worker = async (tab: number) => {
    if (queue[0]) await warm(tab, queue[0].html);
    for (let job = queue.shift(); job; job = queue.shift()) pdfs[job.i] = await printed(job.html, true, tab);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.tabs, queue.length)) }, (_, t) => worker(t)));
  const outline = new Map<number, ReturnType<typeof readPdfOutline>>();
  const outlineOf = (i: number) => {
    if (!outline.has(i)) outline.set(i, readPdfOutline(pdfs[i]!));
    return outline.get(i)!;
  };
  const lengths = doc.parts.map((_, i) => (numbered(i) ? 1 : outlineOf(i).pages));
  for (let pass = 0; pass < MAX_CONTENTS_PASSES; pass++) {
    const numbers = pageNumbers(doc, owner, lengths, (i) => (numbered(i) ? undefined : outlineOf(i)));
    let settled = true;
    for (let i = 0; i < doc.parts.length; i++) {
      if (!numbered(i)) continue;
      pdfs[i] = await pdfOf(partDocument(doc, doc.parts[i]!, owner, numbers), true);
      outline.delete(i);
      if (outlineOf(i).pages !== lengths[i]) settled = false;
      lengths[i] = outlineOf(i).pages;
    }
    if (settled) break;
  }

  const furniture: FurniturePage[] = doc.parts.flatMap((p, i) =>
    outlineOf(i).sizes.map((s) => ({ landscape: s.width > s.height, blank: p.id === 'cover' })),
  );
  const furniturePdf = await pdfOf(furnitureDocument(doc, furniture), false);
  const pdf = mergePdfs(
    doc.parts.map((p, i) => ({ pdf: pdfs[i]!, owns: (id: string) => owner.get(id) === p })),
    { furniture: furniturePdf, now: o.now },
  );
  await forgetOthers(o.dir, used);
  return { pdf, ...count };
}

/**
 * The page each contents target starts on: the page its part starts on, plus its page within the
 * part (from the part's named destinations).
 */
function pageNumbers(
  doc: PrintDocument,
  owner: ReturnType<typeof owners>,
  lengths: readonly number[],
  outlineOf: (i: number) => ReturnType<typeof readPdfOutline> | undefined,
): Map<string, number> {
  const start = new Map<(typeof doc.parts)[number], number>();
  let page = 1;
  doc.parts.forEach((p, i) => {
    start.set(p, page);
    page += lengths[i]!;
  });
  const numbers = new Map<string, number>();
  for (const p of doc.parts) {
    for (const m of p.html.matchAll(/\sdata-toc-page="([^"]*)"/g)) {
      const target = unescapeMarkup(m[1]!);
      const holder = owner.get(target);
      if (!holder) continue;
      const within = outlineOf(doc.parts.indexOf(holder))?.destinations.get(target) ?? 1;
      numbers.set(target, start.get(holder)! + within - 1);
    }
  }
  return numbers;
}

/** Remove the kept PDFs this build did not use. */
async function forgetOthers(dir: string, used: Set<string>): Promise<void> {
  for (const f of await readdir(dir)) {
    const key = /^([0-9a-f]{64})\.pdf$/.exec(f)?.[1];
    if (key && !used.has(key)) await rm(join(dir, f), { force: true });
  }
}
