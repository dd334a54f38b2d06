import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, inject, it } from 'vitest';
import type { Report } from '../../src/analysis/model/report.ts';
import { FINDINGS_COLUMNS, TRANSFER_PLAN_COLUMNS } from '../../src/export/findings-csv.ts';
import { REPO } from '../helpers/fixtures.ts';

const demo = () => join(inject('demoOut'), 'demo');
const clientDir = join(REPO, 'data/clients/demo');

describe('the demo PDF', () => {
  const pdf = () => join(demo(), 'demo-licence-review.pdf');

  it('has a cover, the VA chapter and "Page x of y" footers, in at least 4 pages', () => {
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf()], { encoding: 'utf8' }))?.[1]);
    expect(pages).toBeGreaterThanOrEqual(4);
    const cover = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdf(), '-'], { encoding: 'utf8' });
    expect(cover).toContain('Northwind Logistics plc');
    expect(cover).toMatch(/Cisco licence review/i);
    const text = execFileSync('pdftotext', [pdf(), '-'], { encoding: 'utf8' });
    expect(text).toContain('Virtual Account imbalances');
    expect(text).toContain(`Page 2 of ${pages}`);
    expect(text).toContain(`Page ${pages} of ${pages}`);
  });
});

describe('the demo exports', () => {
  const report = () => JSON.parse(readFileSync(join(demo(), 'report.json'), 'utf8')) as Report;

  it('findings.csv and transfer-plan.csv carry exactly the contract columns, one finding per row', () => {
    const findings = Papa.parse<string[]>(readFileSync(join(demo(), 'findings.csv'), 'utf8').trim()).data;
    expect(findings[0]).toEqual([...FINDINGS_COLUMNS]);
    expect(findings.length - 1).toBe(report().findings.length);
    const plan = Papa.parse<string[]>(readFileSync(join(demo(), 'transfer-plan.csv'), 'utf8').trim()).data;
    expect(plan[0]).toEqual([...TRANSFER_PLAN_COLUMNS]);
    expect(plan.length - 1).toBe(report().transferPlan.length);
  });

  it('report.json carries the exposure range and the currency', () => {
    const s = report().summary;
    expect(s.currency).toBe('EUR');
    expect(s.exposure).not.toBeNull();
    expect(s.exposure!.low).toBeLessThanOrEqual(s.exposure!.expected);
    expect(s.exposure!.expected).toBeLessThanOrEqual(s.exposure!.high);
  });

  it('every finding is traceable: each evidence file:line is a real line of the client folder', () => {
    const lines = new Map<string, number>();
    const count = (file: string) => {
      if (!lines.has(file)) lines.set(file, readFileSync(join(clientDir, file), 'utf8').split('\n').length);
      return lines.get(file)!;
    };
    const findings = report().findings;
    expect(findings.length).toBeGreaterThan(50);
    for (const f of findings) {
      expect(f.evidence.length, `${f.id} has no evidence`).toBeGreaterThan(0);
      for (const e of f.evidence) {
        expect(e.line, `${f.id}: ${e.file}:${e.line}`).toBeGreaterThanOrEqual(1);
        expect(e.line, `${f.id}: ${e.file}:${e.line}`).toBeLessThanOrEqual(count(e.file));
      }
    }
  });
});
