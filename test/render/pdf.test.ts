import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printPdf } from '../../src/render/pdf.ts';
import { type BuiltFixture, buildFixtureSite, remoteImageSite } from './helpers.ts';

let fixture: BuiltFixture;
let pdfFile: string;
let text: string;
let result: Awaited<ReturnType<typeof printPdf>>;

beforeAll(async () => {
  fixture = await buildFixtureSite('test/fixtures/va-basic');
  pdfFile = join(fixture.tmp, 'review.pdf');
  result = await printPdf({ siteDir: fixture.siteDir, outFile: pdfFile });
  text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
});

afterAll(async () => {
  await fixture?.cleanup();
});

function pdfPages(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

describe('PDF of va-basic', () => {
  it('has the cover, the VA chapter and a "Page x of y" footer', () => {
    expect(text).toContain('Cisco licence review');
    expect(text).toContain('Basic Fixture Ltd');
    expect(text).toMatch(/\d\s+Virtual Account imbalances/);
    expect(text).toMatch(/Page 2 of \d+/);
    expect(text).toContain('Confidential - prepared for Basic Fixture Ltd');
  });

  it('has at least four pages, the same count printPdf reports', () => {
    const pages = pdfPages(pdfFile);
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(result.pages).toBe(pages);
    expect(result.blockedRequests).toBe(0);
    expect(result.browser).toMatch(/chrom/i);
  });

  it('numbers the contents with the pages the chapters start on', () => {
    const pages = text.split('\f');
    const contents = pages.find((p) => p.includes('Contents'))!;
    const entry = /Virtual Account imbalances\s+(\d+)/.exec(contents);
    expect(entry).not.toBeNull();
    const page = Number(entry![1]);
    // The chapter heading (number, title) opens that page, under the running head.
    expect(pages[page - 1]).toMatch(/^.*Cisco licence review\s*\n\s*\d+\s+Virtual Account imbalances/);
    expect(pages[page - 2]).not.toMatch(/\n\s*\d+\s+Virtual Account imbalances\n/);
  });
});

describe('printing', () => {
  it('blocks and counts requests that leave the local server', async () => {
    const remote = await remoteImageSite();
    try {
      const r = await printPdf({
        siteDir: remote.siteDir,
        outFile: join(remote.siteDir, 'out.pdf'),
        route: '/remote/',
      });
      expect(r.blockedRequests).toBe(1);
      expect(pdfPages(join(remote.siteDir, 'out.pdf'))).toBe(1);
    } finally {
      await remote.cleanup();
    }
  });

  it('prints every part of the print page tagged, and the page furniture once, untagged', async () => {
    const html = await readFile(join(fixture.siteDir, 'print', 'index.html'), 'utf8');
    const parts = html.match(/<section data-print-part="/g)?.length ?? 0;
    expect(parts).toBeGreaterThanOrEqual(5);
    expect(result.prints).toBe(parts + 1);
    expect(result.taggedPrints).toBe(parts);
    expect(result.keptParts).toBe(0);
    expect(execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' })).toMatch(/^Tagged:\s+yes/m);
  });

  it('keeps the last PDF when the print page has not changed, and prints again when it has', async () => {
    const first = await readFile(pdfFile);
    const again = await printPdf({ siteDir: fixture.siteDir, outFile: pdfFile });
    expect(again.prints).toBe(0);
    expect(again.pages).toBe(result.pages);
    expect(await readFile(pdfFile)).toEqual(first);
    const print = join(fixture.siteDir, 'print', 'index.html');
    const html = await readFile(print, 'utf8');
    try {
      await writeFile(print, html.replace('Basic Fixture Ltd', 'Basic Fixture Limited'));
      const changed = await printPdf({ siteDir: fixture.siteDir, outFile: pdfFile });
      // the client's name is in every part's head (title, running head): every part prints again
      expect([changed.prints, changed.taggedPrints]).toEqual([result.prints, result.taggedPrints]);
      expect(execFileSync('pdftotext', [pdfFile, '-'], { encoding: 'utf8' })).toContain(
        'Basic Fixture Limited',
      );
    } finally {
      await writeFile(print, html);
    }
  });
});
