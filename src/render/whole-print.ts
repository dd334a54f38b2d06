/**
 * A print page without parts (another route than /print/, or a page whose parts' PDFs could not be
 * merged) printed in one piece, with the contents' page numbers read from the PDF itself: each
 * chapter's page from Chromium's named destinations, filled into `[data-toc-page]`, printed until
 * the numbers hold.
 */
import type { Page } from 'puppeteer-core';
import { readPdfOutline } from './pdf-structure.ts';

/** At most this many prints to settle the contents' page numbers (normally two). */
const MAX_PASSES = 4;

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

export interface Printed {
  pdf: Uint8Array;
  prints: number;
  taggedPrints: number;
}

/**
 * Fill the contents' page numbers so that the final print confirms them. The numbers sit in
 * fixed-width boxes, so whatever they say, the chapters land on the same pages: a cheap untagged
 * probe print places the chapters, then the tagged print carries their numbers, checked (and
 * printed again on a mismatch, which a fixed-width box should never give).
 *
 * Always probe first, in one tab. Racing a tagged print made with the last build's numbers against
 * a probe in a second tab was measured slower, because the two tabs share two cores: at 2,000
 * devices with moved chapters 23-26 s against 18-22 s probing first, 14-15 s against 15-17 s
 * when nothing moved; at 200,000 devices 23-29 s against 18-20 s, and no gain when nothing moved.
 */
/** A print of the tab: tagged, or an untagged probe. */
type Print = (page: Page, probe?: boolean) => Promise<Uint8Array>;

export async function printWithPageNumbers(page: Page, print: Print): Promise<Printed> {
  const targets = await page.$$eval('[data-toc-page]', (els) =>
    els.map((e) => e.getAttribute('data-toc-page') ?? ''),
  );
  if (targets.length === 0) return { pdf: await print(page), prints: 1, taggedPrints: 1 };
  const shown = found(await print(page, true), targets);
  return settleNumbers(page, print, shown, targets, { prints: 1, tagged: 0 });
}

/** A tagged print with `shown`, then `check`. */
async function settleNumbers(
  page: Page,
  print: Print,
  shown: Numbers,
  targets: readonly string[],
  count: { prints: number; tagged: number },
): Promise<Printed> {
  await fill(page, shown);
  const pdf = await print(page);
  return check(page, print, pdf, shown, targets, { prints: count.prints + 1, tagged: count.tagged + 1 });
}

/** The tagged `pdf` printed with `shown` when its numbers hold; else print again with its own. */
async function check(
  page: Page,
  print: Print,
  pdf: Uint8Array,
  shown: Numbers,
  targets: readonly string[],
  count: { prints: number; tagged: number },
): Promise<Printed> {
  const now = found(pdf, targets);
  if (same(now, shown) || count.prints >= MAX_PASSES) {
    return { pdf, prints: count.prints, taggedPrints: count.tagged };
  }
  return settleNumbers(page, print, now, targets, count);
}
