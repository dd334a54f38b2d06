import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/analysis/load/catalog.ts';
import type { Finding } from '../../src/analysis/model/finding.ts';
import { buildClient, type Renderer } from '../../src/build/build-client.ts';
import { FileEffects } from '../../src/build/effects.ts';
import { FINDINGS_COLUMNS } from '../../src/export/findings-csv.ts';
import { findingsWorkbook } from '../../src/export/findings-xlsx.ts';
import { keptSheets } from '../../src/export/xlsx-workbook.ts';
import { type StoredPart, storedBytes } from '../../src/export/zip-archive.ts';

// The demo (family data sheets of every kind), built without site or PDF: exports only.
const work = mkdtempSync(join(tmpdir(), 'trueup-xlsx-reuse-'));
const client = join(work, 'demo');
cpSync(join(import.meta.dirname, '..', '..', 'data', 'clients', 'demo'), client, { recursive: true });
afterAll(() => rmSync(work, { recursive: true, force: true }));

const renderer: Renderer = {
  site: async () => ({ pages: 0 }),
  pdf: async () => {
    throw new Error('no PDF in this test');
  },
  xlsx: (report, last, analysis) => findingsWorkbook(report, last, analysis),
};

async function build(out: string, cache = true) {
  const effects = new FileEffects(true, true);
  const { report } = await buildClient(
    client,
    await loadCatalog(),
    { out, pdf: false, cache },
    effects,
    renderer,
  );
  return { report, log: effects.lines!.join('\n'), xlsx: readFileSync(join(out, 'demo', 'findings.xlsx')) };
}

describe('findings.xlsx on a rebuild from the same analysis', () => {
  const out = join(work, 'out');

  it('copies the sheets a decision did not change from the last workbook, and gives the bytes a fresh build gives', async () => {
    const first = await build(out);
    expect(first.log).not.toContain('sheets kept');
    const finding = first.report.findings[0]!;
    mkdirSync(join(client, 'workbook'), { recursive: true });
    writeFileSync(
      join(client, 'workbook', 'findings.yaml'),
      `${finding.id}:\n  status: accepted\n  comment: reuse test\n`,
    );
    const rebuilt = await build(out);
    expect(rebuilt.log).toContain('analysis cache: hit');
    expect(rebuilt.log).toMatch(
      /findings\.xlsx \((\d+) of \1 sheets kept from the last build\)|findings\.xlsx \(\d+ of \d+ sheets kept/,
    );
    expect(rebuilt.report.findings.find((f) => f.id === finding.id)?.status).toBe('accepted');
    const cold = await build(join(work, 'cold'), false);
    expect(cold.log).not.toContain('sheets kept');
    expect(rebuilt.xlsx.equals(cold.xlsx)).toBe(true);
    expect(rebuilt.xlsx.equals(first.xlsx)).toBe(false);
    // what the log says was kept: that many sheets are the very parts of the first build
    const kept = Number(/findings\.xlsx \((\d+) of \d+ sheets kept/.exec(rebuilt.log)![1]);
    expect(kept).toBeGreaterThan(5);
    const before = keptSheets(first.xlsx);
    const unchanged = (n: string, p: StoredPart) => {
      const q = before.get(n);
      return q !== undefined && storedBytes(p).equals(storedBytes(q));
    };
    const after = [...keptSheets(rebuilt.xlsx)];
    const same = after.filter(([n, p]) => unchanged(n, p)).map(([n]) => n);
    expect(same.length).toBeGreaterThanOrEqual(kept);
    // the decided finding's sheets were written again; another family's findings sheet was kept
    expect(same).not.toContain('All findings');
    expect(same).not.toContain(finding.family);
    expect(same.some((n) => n !== finding.family && /^[a-z]+(-[a-z]+)+$/.test(n))).toBe(true);
  });

  it('writes every sheet again when the workbook on disk is not the one recorded', async () => {
    writeFileSync(join(out, 'demo', 'findings.xlsx'), 'not a workbook');
    writeFileSync(join(client, 'workbook', 'findings.yaml'), '');
    const b = await build(out);
    expect(b.log).not.toContain('sheets kept');
    expect(keptSheets(b.xlsx).size).toBeGreaterThan(10);
  });
});

describe('findings.xlsx from the same analysis', () => {
  it("keeps a family's data sheets without reading its data, and reads it for another analysis", async () => {
    const report = (await build(join(work, 'unread'))).report;
    const first = await findingsWorkbook(report, undefined, { id: 'analysis-1', report });
    // the family's data can no longer be read: a workbook from the same analysis must not need it
    const section = report.families['deployment-mode']!;
    expect(first.families?.['deployment-mode']?.sheets.length).toBeGreaterThan(0);
    const unreadable = Object.defineProperty({ ...section }, 'data', {
      enumerable: true,
      get() {
        throw new Error('deployment-mode data read');
      },
    });
    const next = { ...report, families: { ...report.families, 'deployment-mode': unreadable } };
    const again = await findingsWorkbook(next, first, { id: 'analysis-1', report: next });
    expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    await expect(findingsWorkbook(next, first, { id: 'analysis-2', report: next })).rejects.toThrow(
      'deployment-mode data read',
    );
  });
});

/** How many times the titles of `findings` are read from now on (a row built reads its title). */
function countTitleReads(findings: readonly Finding[]): () => number {
  let reads = 0;
  for (const f of findings) {
    const value = f.title;
    Object.defineProperty(f, 'title', {
      configurable: true,
      enumerable: true,
      get() {
        reads++;
        return value;
      },
    });
  }
  return () => reads;
}

describe('findings sheets from the same analysis', () => {
  it('keeps a findings sheet no decision touched without building it, and writes the same bytes as a fresh workbook', async () => {
    const report = (await build(join(work, 'sheets'))).report;
    const analysis = { id: 'analysis-1', report };
    const first = await findingsWorkbook(report, undefined, analysis);
    const target = report.findings[0]!;
    const other = report.findings.find((f) => f.family !== target.family)!;
    // count the reads of the other family's titles: "All findings" reads each once, its own sheet again
    const watched = report.findings.filter((f) => f.family === other.family);
    const titleReads = countTitleReads(watched);
    const decided = {
      ...report,
      findings: report.findings.map((f) => (f === target ? { ...f, status: 'accepted' as const } : f)),
    };
    const again = await findingsWorkbook(decided, first, analysis);
    expect(titleReads()).toBe(watched.length);
    expect(again.kept).toBeGreaterThan(0);
    const fresh = await findingsWorkbook(decided);
    expect(Buffer.from(again.bytes).equals(Buffer.from(fresh.bytes))).toBe(true);
    expect(again.digests[target.family]).not.toBe(first.digests[target.family]);
    expect(again.digests[other.family]).toBe(first.digests[other.family]);
  });

  it("writes a findings sheet a decision changed in blocks, copying all but the decided finding's block, and gives a fresh workbook's bytes", async () => {
    const base = (await build(join(work, 'blocks'))).report;
    // 2,500 findings: three blocks of 1,024 rows on "All findings"
    const findings = Array.from({ length: 2500 }, (_, i) => {
      const f = base.findings[i % base.findings.length]!;
      return { ...f, id: `${f.id}-${i}` };
    });
    const report = { ...base, findings };
    const analysis = { id: 'analysis-1', report };
    const first = await findingsWorkbook(report, undefined, analysis);
    const target = findings[2100]!;
    const decided = {
      ...report,
      findings: findings.map((f) => (f === target ? { ...f, status: 'accepted' as const } : f)),
    };
    // the rows of a kept block are never built: count the reads of the first block's titles
    const titleReads = countTitleReads(decided.findings.slice(0, 1024));
    const again = await findingsWorkbook(decided, first, analysis);
    // one block of "All findings" and one of the decided finding's family sheet were written
    expect(again.blocksWritten).toBeGreaterThan(3);
    expect(again.keptBlocks).toBe(again.blocksWritten! - 2);
    // only the decided finding's family sheet may hold first-block findings in the block it rewrote
    const familyRows = decided.findings.slice(0, 1024).filter((f) => f.family === target.family).length;
    expect(titleReads()).toBeLessThanOrEqual(familyRows);
    const fresh = await findingsWorkbook(decided);
    expect(Buffer.from(again.bytes).equals(Buffer.from(fresh.bytes))).toBe(true);
    // and it reads back, the decision in its row
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(again.bytes) as never);
    const all = wb.getWorksheet('All findings')!;
    const status = FINDINGS_COLUMNS.indexOf('status') + 1;
    expect(all.getRow(2102).getCell(1).value).toBe(target.id);
    expect(all.getRow(2102).getCell(status).value).toBe('accepted');
    expect(all.rowCount).toBe(2501);
  });

  it('digests the findings sheets by content when a finding differs from its analysis in more than a decision', async () => {
    const report = (await build(join(work, 'changed'))).report;
    const analysis = { id: 'analysis-1', report };
    const first = await findingsWorkbook(report, undefined, analysis);
    const target = report.findings[0]!;
    const changed = {
      ...report,
      findings: report.findings.map((f) => (f === target ? { ...f, title: `${f.title} (changed)` } : f)),
    };
    const again = await findingsWorkbook(changed, first, analysis);
    const fresh = await findingsWorkbook(changed);
    expect(Buffer.from(again.bytes).equals(Buffer.from(fresh.bytes))).toBe(true);
    expect(again.digests[target.family]).toBe(fresh.digests[target.family]);
  });
});
