import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/analysis/model/report.ts';
import { deviceIdentifiers } from './demo-identifiers.ts';
import { cliBuild, filesUnder, ROOT, xlsxCells } from './helpers.ts';

// `trueup build --redact` on the demo: no serial or hostname of the client in any output.
const DEMO = join(ROOT, 'data/clients/demo');
let tmp: string;
let out: string;
let outputs: { file: string; text: string }[];
let report: Report;
let needles: string[];

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'trueup-redact-'));
  await cliBuild(DEMO, tmp, '--redact');
  out = join(tmp, 'demo');
  report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as Report;
  outputs = [];
  for (const file of await filesUnder(out)) {
    const name = relative(out, file);
    if (file.endsWith('.pdf'))
      outputs.push({
        file: name,
        text: execFileSync('pdftotext', [file, '-'], { encoding: 'utf8', maxBuffer: 1 << 27 }),
      });
    else if (file.endsWith('.xlsx'))
      outputs.push({ file: name, text: (await xlsxCells(file)).map((c) => c.value).join('\n') });
    else if (/\.(html|css|js|json|csv|txt|svg|xml|md)$/.test(file))
      outputs.push({ file: name, text: await readFile(file, 'utf8') });
  }
  const { serials, hosts } = await deviceIdentifiers(DEMO);
  needles = [...serials, ...hosts].map((s) => s.toLowerCase());
}, 400_000);

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('redacted demo build', () => {
  it('collected the demo’s devices and read every kind of output', () => {
    expect(needles.length).toBeGreaterThan(500);
    const names = outputs.map((o) => o.file);
    for (const f of [
      'report.json',
      'findings.csv',
      'findings.xlsx',
      'transfer-plan.csv',
      'demo-licence-review.pdf',
    ])
      expect(names).toContain(f);
    expect(names.filter((n) => n.startsWith('site/') && n.endsWith('.html')).length).toBeGreaterThan(10);
  });

  it('no serial number or hostname appears in any output', () => {
    const leaks: string[] = [];
    for (const o of outputs) {
      const text = o.text.toLowerCase();
      for (const n of needles) if (text.includes(n)) leaks.push(`${o.file}: ${n}`);
    }
    expect(leaks.slice(0, 20)).toEqual([]);
  });

  it('capture file names in evidence are redacted', () => {
    const refs = report.findings
      .flatMap((f) => f.evidence.map((e) => e.file))
      .filter((f) => f.startsWith('captures/'));
    expect(refs.length).toBeGreaterThan(0);
    for (const r of refs) expect(r).toMatch(/^captures\/HOST-[0-9a-f]{8}\.txt$/);
  });

  it('the same device gets the same token in the report, the CSV, the workbook, the site and the PDF', () => {
    const withSerial = report.findings.filter((f) => f.serial);
    expect(withSerial.length).toBeGreaterThan(0);
    const text = (name: string) => outputs.find((o) => o.file === name)!.text;
    const register = text('site/findings/index.html');
    const pdf = text('demo-licence-review.pdf');
    for (const f of withSerial.slice(0, 20)) {
      expect(f.serial).toMatch(/^SN-[0-9a-f]{8}$/);
      expect(text('findings.csv')).toContain(f.serial);
      expect(text('findings.xlsx')).toContain(f.serial);
      expect(register).toContain(f.serial);
      expect(pdf).toContain(f.id);
    }
    const tokens = (t: string) => new Set(t.match(/SN-[0-9a-f]{8}/g) ?? []);
    const inReport = tokens(JSON.stringify(report));
    for (const t of tokens(text('findings.csv'))) expect(inReport.has(t), t).toBe(true);
  });
});
