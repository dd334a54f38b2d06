import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printPdf } from '../../src/render/pdf.ts';
import { readPdf, writePdf } from '../../src/render/pdf-file.ts';
import { mergePdfs } from '../../src/render/pdf-merge.ts';
import { readPdfOutline } from '../../src/render/pdf-structure.ts';
import { asDict, PdfFormatError, parseValue } from '../../src/render/pdf-syntax.ts';

// A print page in parts, as the site's: a cover without page furniture, contents filled from
// the parts' pages, chapters linking into each other (one id with an escaped "&"), a table with
// header cells (ID tree).
const paragraphs = (n: number, word: string) =>
  Array.from(
    { length: n },
    (_, i) => `<p>${word} paragraph ${i + 1}. ${'Lorem ipsum dolor sit amet. '.repeat(12)}</p>`,
  ).join('');
const table =
  '<table><thead><tr><th scope="col">Licence</th><th scope="col">Count</th></tr></thead><tbody><tr><td>DNA</td><td>3</td></tr></tbody></table>';

function printPage(onePages: number, twoWord = 'Second'): string {
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Parts fixture</title><style>
@page { size: A4; margin: 20mm; @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 9pt } @top-right { content: "Parts fixture review"; font-size: 8pt } }
@page cover { margin: 0; @bottom-right { content: none } @top-right { content: none } }
body { font: 11pt sans-serif; margin: 0 }
.cover { page: cover; height: 297mm; padding: 40mm; box-sizing: border-box }
.chapter { break-before: page }
</style></head><body class="print">
<section data-print-part="cover" class="cover"><h1>Cover of the fixture</h1></section>
<section data-print-part="contents" class="chapter" id="contents"><h1>Contents</h1><ol>
<li><a href="#one">Chapter one</a> <span class="page" data-toc-page="one"></span></li>
<li><a href="#two">Chapter two</a> <span class="page" data-toc-page="two"></span></li>
<li><a href="#two&amp;b">Chapter two, part b</a> <span class="page" data-toc-page="two&amp;b"></span></li></ol></section>
<section data-print-part="one" class="chapter" id="one"><h1>Chapter one</h1><p><a href="#two&amp;b">See part b of chapter two</a></p>${paragraphs(onePages * 9, 'First')}</section>
<section data-print-part="two" class="chapter" id="two"><h1>Chapter two</h1><p><a href="#one">Back to chapter one</a></p>${paragraphs(3, twoWord)}
<h2 id="two&amp;b" style="break-before: page">Part b</h2>${table}</section>
</body></html>`;
}

let site: string;
let out: string;
let first: Awaited<ReturnType<typeof printPdf>>;
let pages: string[];

const print = () => printPdf({ siteDir: site, outFile: out });
const text = () => execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' }).split('\f');
const setPage = (html: string) => writeFile(join(site, 'print', 'index.html'), html);

beforeAll(async () => {
  site = await mkdtemp(join(tmpdir(), 'trueup-parts-'));
  await mkdir(join(site, 'print'));
  out = join(site, 'out', 'review.pdf');
  await setPage(printPage(2));
  first = await print();
  pages = text();
});

afterAll(async () => {
  await rm(site, { recursive: true, force: true });
});

/** Link annotations' destination names, by 1-based page. */
function links(pdf: Buffer): Map<number, string[]> {
  const f = readPdf(pdf);
  const out = new Map<number, string[]>();
  const kids = (id: number): number[] => {
    const d = asDict(parseValue(f.objects.get(id)!.text).value)!;
    const k = d.get('Kids');
    return k?.t === 'array' ? k.v.flatMap((x) => (x.t === 'ref' ? kids(x.v) : [])) : [id];
  };
  const root = asDict(parseValue(f.objects.get(f.root)!.text).value)!;
  const pageIds = kids((root.get('Pages') as { v: number }).v);
  pageIds.forEach((id, i) => {
    const annots = asDict(parseValue(f.objects.get(id)!.text).value)!.get('Annots');
    const names = (annots?.t === 'array' ? annots.v : []).map((a) => {
      const d = asDict(parseValue(f.objects.get((a as { v: number }).v)!.text).value)!;
      return String(d.get('Dest')?.v);
    });
    out.set(i + 1, names);
  });
  return out;
}

describe('a PDF printed part by part', () => {
  it('has every part in order, the cover without furniture, "Page x of y" on every other page', () => {
    const n = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [out], { encoding: 'utf8' }))![1]);
    expect(first.pages).toBe(n);
    expect(n).toBe(pages.filter((p) => p.trim() !== '').length);
    expect(pages[0]).toContain('Cover of the fixture');
    expect(pages[0]).not.toMatch(/Page \d+ of/);
    for (let i = 1; i < n; i++) expect(pages[i]).toMatch(new RegExp(`Page ${i + 1} of ${n}\\b`));
    expect(pages[1]).toContain('Contents');
    expect(pages[2]).toMatch(/Chapter one/);
    expect(first.prints).toBe(5); // four parts and the page furniture
    expect(first.taggedPrints).toBe(4);
  });

  it('numbers the contents with the pages the chapters and sections start on', () => {
    const number = (title: string) => Number(new RegExp(`${title}\\s+(\\d+)`).exec(pages[1]!)![1]);
    expect(number('Chapter one')).toBe(3);
    expect(pages[number('Chapter two') - 1]).toMatch(/^\s*Parts fixture review\s+Chapter two/);
    expect(pages[number('Chapter two, part b') - 1]).toContain('Part b');
    expect(number('Chapter two, part b')).toBe(number('Chapter two') + 1);
  });

  it('keeps links between parts, each to the page its target is on', async () => {
    const pdf = await readFile(out);
    const dests = readPdfOutline(pdf).destinations;
    const byPage = links(pdf);
    expect(byPage.get(2)).toEqual(['one', 'two', 'two&b']);
    expect(byPage.get(3)).toEqual(['two&b']);
    expect(dests.get('one')).toBe(3);
    expect(pages[dests.get('two&b')! - 1]).toContain('Part b');
    expect(pages[dests.get('two')! - 1]).toContain('Chapter two');
  });

  it('is one tagged document: one Document element, every part under it, table headers resolvable', () => {
    const struct = execFileSync('pdfinfo', ['-struct-text', out], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    expect(execFileSync('pdfinfo', [out], { encoding: 'utf8' })).toMatch(/^Tagged:\s+yes/m);
    expect(struct.match(/^Document/gm)).toHaveLength(1);
    const order = ['Cover of the fixture', 'Contents', 'Chapter one', 'Chapter two', 'Part b'].map((t) =>
      struct.indexOf(`"${t}"`),
    );
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    // the TD cells name their TH by ID; the IDs of all parts live in one ID tree
    const headers = [...struct.matchAll(/\/Headers \[\(([^)]+)\)\]/g)].map((m) => m[1]!);
    expect(headers.length).toBeGreaterThan(0);
    for (const h of headers) expect(struct).toContain(`TH <${h}>`);
  });

  it('gives every page and link its own parent-tree key', async () => {
    const f = readPdf(await readFile(out));
    const keys = [...f.objects.values()].flatMap((o) =>
      [...o.text.matchAll(/\/StructParents? (\d+)/g)].map((m) => Number(m[1])),
    );
    expect(keys.length).toBeGreaterThan(first.pages! + 3);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('parts put into a tab that printed another part', () => {
  it('print the same PDF as parts each loaded as a document of their own', async () => {
    const alone = join(site, 'out', 'alone.pdf');
    await printPdf({ siteDir: site, outFile: alone, lastPrint: false, reloadEachPart: true });
    const [a, b] = [await readFile(out), await readFile(alone)];
    const pdfText = (f: string) => execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' });
    const struct = (f: string) =>
      execFileSync('pdfinfo', ['-struct-text', f], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
        // Chromium numbers the nodes of each tab's documents as it goes
        .replace(/node\d+/g, 'node');
    expect(pdfText(alone)).toBe(pdfText(out));
    expect(struct(alone)).toBe(struct(out));
    expect(links(b)).toEqual(links(a));
    expect(readPdfOutline(b)).toEqual(readPdfOutline(a));
  });
});

describe('merging', () => {
  it('refuses a part without a structure tree, as a format error the printer falls back on', async () => {
    const tagged = await readFile(out);
    const untagged = writePdf(
      [{ text: '<</Type /Catalog\n/Pages 2 0 R>>' }, { text: '<</Type /Pages\n/Count 0\n/Kids []>>' }],
      1,
    );
    const parts = [tagged, untagged].map((pdf) => ({ pdf, owns: () => true }));
    expect(() => mergePdfs(parts, { now: new Date() })).toThrow(PdfFormatError);
    expect(() => mergePdfs(parts, { now: new Date() })).toThrow(/part 2 is not tagged/);
  });
});

describe('reprinting part by part', () => {
  it('keeps the whole PDF when the print page has not changed', async () => {
    const again = await print();
    expect(again.prints).toBe(0);
  });

  it('prints only the changed part when its length holds', async () => {
    await setPage(printPage(2, 'Altered'));
    const r = await print();
    expect([r.prints, r.keptParts]).toEqual([1, 4]);
    expect(text().join('\f')).toContain('Altered paragraph 1');
  });

  it('prints the changed part, the contents and the furniture when pages move', async () => {
    await setPage(printPage(3, 'Altered'));
    const r = await print();
    expect([r.prints, r.keptParts]).toEqual([3, 2]);
    const now = text();
    expect(now[1]).toMatch(/Chapter two\s+6/);
    expect(now[now.length - 2]).toMatch(new RegExp(`Page ${r.pages} of ${r.pages}`));
  });
});
