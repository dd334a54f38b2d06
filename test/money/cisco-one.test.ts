import { describe, expect, it } from 'vitest';
import type { Check } from '../../src/analysis/checks/check.ts';
import type { CiscoOneData } from '../../src/analysis/checks/cisco-one.ts';
import { ciscoOne } from '../../src/analysis/checks/cisco-one.ts';
import { coverageGaps } from '../../src/analysis/checks/swss-continuity.ts';
import { loadCatalog } from '../../src/analysis/load/catalog.ts';
import { emptyInputs } from '../../src/analysis/load/client-inputs.ts';
import { runChecks } from '../../src/analysis/report/build-report.ts';
import { familyData, fixtureReport } from './helpers.ts';

/*
 * test/fixtures/money-cisco-one (asOf 2026-11-15, EA ends 2028-01-31):
 *   C1FPCAT38502K9 ×2 perpetual from 2022-01-01, serials FOC1111A001/2 (VA Access).
 *     FOC1111A001 covered 2022-01-01..2023-12-31 and 2024-05-01..2027-12-31:
 *     gap 2024-01-01..2024-04-30 = 31 + 29 + 31 + 30 = 121 days > 90 → portability lost.
 *     Components: 2 C3850 IP Base and 2 Prime in Access (ok); 2 ISE Base only in Campus (other VA).
 *   C1APCAT38502K9 ×1 perpetual from 2023-01-01, serial FOC2222B001:
 *     gap 2025-01-01..2025-02-14 = 31 + 14 = 45 days ≤ 90 → within grace (closed: low).
 *     Component C3850 IP Services ×1: not in CSSM → missing 1.
 *   C1A1TCAT93002 ×2 term, ends 2026-12-31 = 46 days after asOf → ending soon.
 *     Components ×2: DNA Advantage 2 (Campus ok), Stealthwatch 50 (none: missing 50),
 *     ISE Plus 50 (all in Lab: other VA), ISE Base 50 (Campus 52: claimed first, suite SKU order).
 *   C9ZZ-NOT-A-SUITE: not in the catalog.
 */
describe('cisco-one check on the fixture', () => {
  it('finds one finding per line and problem', async () => {
    const { report } = await fixtureReport('money-cisco-one');
    const titles = report.findings
      .filter((f) => f.family === 'cisco-one')
      .map((f) => `${f.severity}: ${f.title}`);
    expect(titles).toEqual([
      'high: C1A1TCAT93002 ×2: 50 component licence(s) not in CSSM',
      'high: C1A1TCAT93002 ×2: term suite ends in 46 days (within 90)',
      'high: C1APCAT38502K9 ×1: 1 component licence(s) not in CSSM',
      'high: C1FPCAT38502K9 ×2: SWSS gap over 90 days, portability lost',
      "medium: C1A1TCAT93002 ×2: 50 component licence(s) sit in Lab, not with the suite's devices",
      "medium: C1FPCAT38502K9 ×2: 2 component licence(s) sit in Campus, not with the suite's devices",
      'low: C1APCAT38502K9 ×1: SWSS gap of 45 days, within the 90-day grace',
      'low: C9ZZ-NOT-A-SUITE ×1: suite SKU not in the Cisco ONE catalog',
    ]);
  });

  it('explodes suites into components and names the DNA tier', async () => {
    const { report } = await fixtureReport('money-cisco-one');
    const data = familyData<CiscoOneData>(report, 'cisco-one');
    const c1a = data.lines.find((l) => l.suiteSku === 'C1A1TCAT93002')!;
    expect(c1a.dnaTier).toBe('advantage');
    expect(c1a.components.map((c) => [c.licenceKey, c.needed, c.inSuiteVas, c.missing])).toEqual([
      ['c9300-dna-advantage', 2, 2, 0],
      ['stealthwatch-flow', 50, 0, 50],
      ['ise-plus', 50, 0, 0],
      ['ise-base', 50, 50, 0],
    ]);
    expect(c1a.components[2]!.inOtherVas).toEqual([{ virtualAccount: 'Lab', quantity: 50 }]);
    expect(data).toMatchObject({
      suiteUnits: 6,
      unknownSuites: 1,
      componentUnitsMissing: 51,
      componentUnitsInOtherVas: 52,
      swssLapsedLines: 1,
      swssGraceLines: 1,
      termAttentionLines: 1,
    });
    const lapsed = data.lines.find((l) => l.suiteSku === 'C1FPCAT38502K9')!.swss;
    expect(lapsed).toMatchObject({ status: 'lapsed', longestGapDays: 121 });
    const grace = data.lines.find((l) => l.suiteSku === 'C1APCAT38502K9')!.swss;
    expect(grace).toMatchObject({ status: 'grace', longestGapDays: 45 });
    expect(report.families['cisco-one']?.status).toBe('partial');
  });

  it('cites the suite line and the support rows as evidence', async () => {
    const { report } = await fixtureReport('money-cisco-one');
    const f = report.findings.find((x) => x.title.includes('portability lost'))!;
    expect(f.evidence.map((e) => `${e.file}:${e.line}`)).toEqual([
      'contracts/cisco-one.csv:2',
      'contracts/support.csv:2',
      'contracts/support.csv:3',
      'contracts/support.csv:4',
    ]);
  });
});

describe('cisco-one check on in-memory inputs', () => {
  it('flags suites on retired hardware and ends-before-agreement terms', async () => {
    const catalog = await loadCatalog();
    const inputs = emptyInputs({
      id: 't',
      name: 't',
      asOf: '2026-11-15',
      currency: 'EUR',
      dateOrder: 'MDY',
      agreement: {
        type: 'EA',
        start: '2024-01-01',
        end: '2029-01-31',
        trueForward: [],
        growthAllowancePct: 0,
      },
      pricing: { discountPct: 0, swssUpliftPct: 0 },
      report: { confidentiality: '', redact: false },
    });
    const src = (file: string, line: number) => ({ file, line });
    inputs.present.push('client', 'cisco-one', 'inventory');
    inputs.ciscoOne.push({
      source: src('contracts/cisco-one.csv', 2),
      suiteSku: 'C1A1ATCAT38503',
      quantity: 1,
      model: 'term',
      endDate: '2028-06-30',
      serials: ['FOC9999Z001'],
    });
    inputs.inventory.push({
      source: src('inventory/cmdb.csv', 5),
      hostname: 'old-3850',
      pid: 'WS-C3850-12S',
      serial: 'FOC9999Z001',
      status: 'retired',
    });
    const { results } = runChecks(inputs, catalog, [ciscoOne as Check]);
    const titles = results['cisco-one']!.findings.map((f) => f.title).sort();
    expect(titles).toEqual([
      'C1A1ATCAT38503 ×1: 1 component licence(s) not in CSSM',
      'C1A1ATCAT38503 ×1: 1 device(s) retired, suite may be re-hosted',
      'C1A1ATCAT38503 ×1: term suite ends 2028-06-30, before the agreement ends 2029-01-31',
    ]);
    const retired = results['cisco-one']!.findings.find((f) => f.title.includes('retired'))!;
    expect(retired.evidence).toContainEqual(src('inventory/cmdb.csv', 5));
    expect(retired.facts?.portable).toBe(true);
  });
});

describe('SWSS coverage gaps', () => {
  it('counts uncovered days inclusively, with an open gap up to asOf', () => {
    const gaps = coverageGaps(
      [
        { startDate: '2024-01-01', endDate: '2024-12-31' },
        { startDate: '2025-01-01', endDate: '2026-10-31' },
      ],
      '2024-01-01',
      '2026-11-15',
    );
    // back-to-back contracts leave no gap; 2026-11-01..2026-11-15 is 15 open days
    expect(gaps).toEqual([{ from: '2026-11-01', to: '2026-11-15', days: 15, open: true }]);
  });
  it('ignores overlapping contracts', () => {
    const gaps = coverageGaps(
      [
        { startDate: '2024-01-01', endDate: '2025-06-30' },
        { startDate: '2024-06-01', endDate: '2027-01-01' },
      ],
      '2024-01-01',
      '2026-11-15',
    );
    expect(gaps).toEqual([]);
  });
});
