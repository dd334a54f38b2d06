import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { FAMILIES } from '../../src/analysis/model/finding.ts';
import type { Report } from '../../src/analysis/model/report.ts';
import { PRINT_ROW_LIMIT } from '../../src/lib/print-limits.ts';
import { pageText, pageTexts, pdfPageCount } from './helpers.ts';

// The demo's PDF as the advisor hands it over: contents numbers, page footers, no blank page,
// every finding in the appendix, long lists cut with a pointer to the workbook.
let tmp: string;
let pdf: string;
let log: string;
let pages: string[];
let report: Report;

beforeAll(async () => {
  // the demo built once for the whole run (test/global-setup.ts)
  tmp = inject('demoOut');
  log = await readFile(join(tmp, 'build.log'), 'utf8');
  pdf = join(tmp, 'demo', 'demo-licence-review.pdf');
  pages = pageTexts(pdf);
  report = JSON.parse(await readFile(join(tmp, 'demo', 'report.json'), 'utf8')) as Report;
}, 400_000);

const ID = new RegExp(`\\b(?:${FAMILIES.join('|')})-[0-9a-f]{8}\\b`, 'g');
const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Contents entries: number ("3" or "Appendix A"), title, page. */
function contents(): { no: string; title: string; page: number }[] {
  const toc = pages.find((p) => /^\s*Contents\s*$/m.test(p))!;
  return [...toc.matchAll(/^\s*(\d+|Appendix [A-Z])\s+(\S.*?)\s{2,}(\d+)\s*$/gm)].map((m) => ({
    no: m[1]!.replace('Appendix ', ''),
    title: m[2]!,
    page: Number(m[3]),
  }));
}

describe('demo PDF', () => {
  it('printed part by part: each part once, tagged, then the page furniture, and nothing again', async () => {
    const html = await readFile(join(tmp, 'demo', 'site', 'print', 'index.html'), 'utf8');
    const parts = html.match(/<section data-print-part="/g)?.length ?? 0;
    expect(parts).toBeGreaterThan(12);
    // the contents' length held, so it was printed once with its numbers
    expect(log).toContain(`pdf: ${pdf}, ${pages.length} pages in ${parts + 1} prints (${parts} tagged) with`);
  });

  it('has a chapter per family, the summary, methodology and two appendices in its contents', () => {
    const entries = contents();
    const families = Object.values(report.families).map((s) => s!.title);
    expect(entries.map((e) => e.title)).toEqual([
      'Executive summary',
      ...families,
      'Methodology and assumptions',
      'Findings register',
      'Virtual Accounts',
    ]);
  });

  it('keeps the executive summary to one page', () => {
    const [summary, next] = contents();
    expect(summary!.title).toBe('Executive summary');
    expect(next!.page).toBe(summary!.page + 1);
    expect(pages[summary!.page - 1]).toMatch(/Top actions/);
  });

  it('numbers the contents with the page each chapter starts on', () => {
    for (const e of contents()) {
      const heading = new RegExp(`^\\s*${literal(e.no)}\\s+${literal(e.title)}\\s*$`, 'm');
      expect(pageText(pdf, e.page), `${e.no} ${e.title} on page ${e.page}`).toMatch(heading);
      expect(pageText(pdf, e.page - 1), `${e.no} ${e.title} not before page ${e.page}`).not.toMatch(heading);
    }
  });

  it('carries "Page x of y" on every page but the cover, and the confidentiality line', () => {
    const n = pdfPageCount(pdf);
    expect(pages).toHaveLength(n);
    for (let i = 1; i < n; i++) {
      expect(pages[i], `page ${i + 1}`).toContain(`Page ${i + 1} of ${n}`);
      expect(pages[i], `page ${i + 1}`).toContain(report.client.report.confidentiality);
    }
    expect(pages[0]).toContain(report.client.name);
    expect(pages[0]).toContain(report.client.report.confidentiality);
  });

  it('has no blank page', () => {
    const running = `${report.client.name} · Cisco licence review`;
    pages.forEach((p, i) => {
      const body = p
        .replace(running, '')
        .replace(report.client.report.confidentiality, '')
        .replace(/Page \d+ of \d+/, '')
        .replace(/\s+/g, '');
      expect(body.length, `page ${i + 1} is blank`).toBeGreaterThan(40);
    });
  });

  it('never leaves a chapter heading alone on a page (a table pushed whole to the next page)', () => {
    for (const e of contents()) {
      const body = pageText(pdf, e.page)
        .split('\n')
        .filter((l) => l.trim() !== '');
      // running head, heading, footer, and at least a few lines of the chapter itself
      expect(body.length, `${e.no} ${e.title} on page ${e.page}`).toBeGreaterThan(8);
    }
  });

  it('never breaks a finding id or a source file name at one of its hyphens', () => {
    // "deployment-mode-" above "4464f599", or "cssm/product-" above "instances.csv:160"
    const whole = [
      ...report.findings.map((f) => f.id),
      ...report.findings.flatMap((f) => f.evidence.map((e) => `${e.file}:${e.line}`)),
    ];
    const cut = new Set(
      whole.flatMap((w) => [...w].flatMap((c, k) => (c === '-' ? [w.slice(0, k + 1)] : []))),
    );
    const broken = pages.flatMap((text, i) =>
      text
        .split(/\s+/)
        .map((word) => word.replace(/^\(/, ''))
        .filter((word) => cut.has(word))
        .map((word) => `page ${i + 1}: ${word}`),
    );
    expect(broken).toEqual([]);
  });

  it('lists every finding exactly once in the appendix register', () => {
    const entries = contents();
    const a = entries.find((e) => e.no === 'A')!.page;
    const b = entries.find((e) => e.no === 'B')!.page;
    const appendix = pages.slice(a - 1, b - 1).join('\n');
    const ids = appendix.match(ID) ?? [];
    expect(ids).toHaveLength(report.findings.length);
    expect(new Set(ids)).toEqual(new Set(report.findings.map((f) => f.id)));
  });

  it('repeats the register column headings on every page of Appendix A', () => {
    const entries = contents();
    const a = entries.find((e) => e.no === 'A')!.page;
    const b = entries.find((e) => e.no === 'B')!.page;
    expect(b - a).toBeGreaterThan(2);
    for (let p = a; p < b; p++)
      expect(pages[p - 1], `page ${p}`).toMatch(
        /SEVERITY\s+FINDING\s+(?:VIRTUAL\s+)?ACCOUNT\s+QTY\b.*STATUS\s+EVIDENCE/,
      );
  });

  it('numbers the sections of each chapter (3.1, 3.2, …)', () => {
    const text = pages.join('\n');
    contents()
      .filter(
        (e) =>
          /^\d+$/.test(e.no) && e.title !== 'Executive summary' && e.title !== 'Methodology and assumptions',
      )
      .forEach((e) => {
        expect(text).toMatch(new RegExp(`^\\s*${e.no}\\.1\\s+Summary and key figures`, 'm'));
      });
    expect(text).toMatch(/^\s*\d+\.2\s+Balance per Virtual Account and licence/m);
  });

  it('cuts a long device list at PRINT_ROW_LIMIT rows and names the sheet that holds every row', async () => {
    const text = pages.join('\n');
    const note = /… ([\d,]+) more rows in findings\.xlsx, sheet (deployment-mode devices)\./.exec(text);
    expect(note).not.toBeNull();
    const devices = (report.families['deployment-mode']!.data as { devices: unknown[] }).devices;
    expect(Number(note![1]!.replace(/,/g, ''))).toBe(devices.length - PRINT_ROW_LIMIT);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(join(tmp, 'demo', 'findings.xlsx'))) as unknown as ArrayBuffer);
    expect(wb.getWorksheet(note![2]!)!.actualRowCount).toBe(devices.length + 1);
  });
});
