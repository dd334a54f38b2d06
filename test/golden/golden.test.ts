import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/analysis/model/report.ts';
import { transferPlanCsv } from '../../src/export/findings-csv.ts';
import { FIXTURES, fixtureDirs, GOLDEN, ledgerBalances, reportFor } from '../helpers/fixtures.ts';

/** The golden view of a finding: what an advisor would check, without prose that may be reworded. */
function goldenFindings(report: Report) {
  return report.findings.map((f) => ({
    id: f.id,
    family: f.family,
    severity: f.severity,
    title: f.title,
    ...(f.virtualAccount ? { virtualAccount: f.virtualAccount } : {}),
    ...(f.licence ? { licence: f.licence } : {}),
    ...(f.serial ? { serial: f.serial } : {}),
    ...(f.pak ? { pak: f.pak } : {}),
    ...(f.quantity !== undefined ? { quantity: f.quantity } : {}),
    ...(f.amount !== undefined
      ? { amount: f.amount === null ? null : Math.round(f.amount * 100) / 100 }
      : {}),
    status: f.status,
    evidence: f.evidence.map((e) => `${e.file}:${e.line}`),
  }));
}

/**
 * Compare with test/golden/<case>/<name>. A mismatch writes <name>-changed beside it; a missing
 * golden file is written locally but fails in CI (Plot's snapshot convention).
 */
function matchGolden(fixture: string, name: string, actual: string): void {
  const dir = join(GOLDEN, fixture);
  const file = join(dir, name);
  if (!existsSync(file)) {
    if (process.env.CI) throw new Error(`missing golden file ${file}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  const expected = readFileSync(file, 'utf8');
  if (expected !== actual) writeFileSync(file.replace(/(\.\w+)$/, '-changed$1'), actual);
  expect(actual, `${fixture}/${name} differs from its golden copy (see the -changed file)`).toBe(expected);
}

describe('golden client fixtures', () => {
  for (const fixture of fixtureDirs()) {
    it(`${fixture}: findings and transfer plan match the golden files`, async () => {
      const report = await reportFor(join(FIXTURES, fixture));
      expect(ledgerBalances(report)).toBe(true);
      // traceability: no finding without the rows it rests on
      expect(report.findings.filter((f) => f.evidence.length === 0).map((f) => f.id)).toEqual([]);
      matchGolden(fixture, 'findings.json', `${JSON.stringify(goldenFindings(report), null, 2)}\n`);
      matchGolden(fixture, 'transfer-plan.csv', transferPlanCsv(report));
    });
  }
});
