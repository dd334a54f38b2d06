import { describe, expect, it } from 'vitest';
import type { ExposureData } from '../../src/analysis/checks/exposure.ts';
import { exposureFinding, formatBilledUnits } from '../../src/analysis/checks/exposure-finding.ts';
import { billingTerms } from '../../src/analysis/checks/exposure-money.ts';
import type { ClientConfig } from '../../src/analysis/model/client.ts';
import { familyData, fixtureReport } from './helpers.ts';

/*
 * test/fixtures/money-ea: EA 2024-02-01 → 2029-01-31, True Forward dates 2025-02-01 … 2028-02-01,
 * asOf 2026-11-15 → next True Forward 2027-02-01 → 24 months (2 years) to the end.
 * Growth allowance 20 %, discount 50 %, SWSS uplift 20 %.
 *
 * C9300 DNA Advantage (term, 1000/year → annual net 500), purchased 80 + 20 = 100:
 *   Campus 80/115 = −35, Branches 20/15 = +5 → high units 35, expected 30.
 *   expected: consumed 130, over = 130 − 100 × 1.2 = 10 → licence 10 × 500 × 2 = 10000,
 *             SWSS 10 × 500 × 0.20 × 2 = 2000 → 12000
 *   high:     consumed 135, over = 15 → 15000 + 3000 = 18000
 * C9300 Network Advantage (perpetual, each 4000 → net 2000), purchased 50, Campus 50/65 = −15:
 *   over = 65 − 60 = 5 → licence once 5 × 2000 = 10000, SWSS 5 × 2000 × 0.20 × 2 = 4000 → 14000
 * ISE Base (perpetual, each 50), purchased 100, in use 105: over = max(0, 105 − 120) = 0 → 0.
 * high = 18000 + 14000 + 0 = 32000; expected = low = 12000 + 14000 + 0 = 26000.
 */
describe('exposure, EA client with growth allowance and True Forward', () => {
  it('bills units over entitlement plus allowance from the next True Forward to the end', async () => {
    const { report } = await fixtureReport('money-ea');
    expect(report.summary.exposure).toEqual({
      low: 26000,
      expected: 26000,
      high: 32000,
      currency: 'EUR',
      unpricedLicences: 0,
    });
    const data = familyData<ExposureData>(report, 'exposure');
    expect(data.terms).toMatchObject({ model: 'EA', from: '2027-02-01', to: '2029-01-31', months: 24 });
    const dna = data.lines.find((l) => l.licenceKey === 'c9300-dna-advantage')!;
    expect(dna.money!.afterTransfers).toEqual({ billedUnits: 10, licence: 10000, swss: 2000, total: 12000 });
    expect(dna.money!.start).toEqual({ billedUnits: 15, licence: 15000, swss: 3000, total: 18000 });
    const nwa = data.lines.find((l) => l.licenceKey === 'c9300-network-advantage')!;
    expect(nwa.money!.afterTransfers).toEqual({ billedUnits: 5, licence: 10000, swss: 4000, total: 14000 });
    const ise = data.lines.find((l) => l.licenceKey === 'ise-base')!;
    expect(ise.expected).toBe(0);
    expect(report.assumptions.find((a) => a.id === 'exposure-ea')?.text).toMatch(/overUnits = max\(0/);
  });

  it('says in the title how many units exceed the allowance', async () => {
    const { report } = await fixtureReport('money-ea');
    const f = report.findings.find((x) => x.family === 'exposure' && x.licence === 'C9300 DNA Advantage')!;
    expect(f.title).toBe(
      'C9300 DNA Advantage (term): 30 short after transfers (10 over the growth allowance), EUR 12,000.00',
    );
    expect(f.amount).toBe(12000);
  });

  it('shows a fractional count over the allowance to two decimals, not as a binary float', async () => {
    const { report } = await fixtureReport('money-ea');
    const data = familyData<ExposureData>(report, 'exposure');
    const dna = data.lines.find((l) => l.licenceKey === 'c9300-dna-advantage')!;
    // 20 % of 18,987 purchased is 3,797.4: the sum carries the float's error
    const line = {
      ...dna,
      money: {
        ...dna.money!,
        afterTransfers: { ...dna.money!.afterTransfers, billedUnits: 3997.4000000000015 },
      },
    };
    expect(exposureFinding(line, 'EUR', data.terms).title).toContain('(3997.4 over the growth allowance)');
    expect(formatBilledUnits(10)).toBe('10');
    expect(formatBilledUnits(2.005)).toBe('2.01');
  });
});

describe('billing window', () => {
  const base: ClientConfig = {
    id: 'x',
    name: 'x',
    asOf: '2026-11-15',
    currency: 'EUR',
    dateOrder: 'MDY',
    pricing: { discountPct: 0, swssUpliftPct: 0 },
    report: { confidentiality: '', redact: false },
  };
  it('starts at asOf when every True Forward date has passed, pro rata by calendar month', () => {
    const t = billingTerms({
      ...base,
      agreement: {
        type: 'ELA',
        start: '2024-01-01',
        end: '2027-05-14',
        trueForward: ['2025-01-01'],
        growthAllowancePct: 5,
      },
    });
    // 2026-11-15 → 2027-05-15 is 6 whole months; the agreement ends the day before
    expect(t).toMatchObject({ model: 'ELA', from: '2026-11-15', fromAsOf: true, months: 6 });
  });
  it('counts a part month as a fraction of that month', () => {
    const t = billingTerms({
      ...base,
      agreement: {
        type: 'EA',
        start: '2024-01-01',
        end: '2027-02-14',
        trueForward: ['2027-02-01'],
        growthAllowancePct: 0,
      },
    });
    // 2027-02-01 → 2027-02-15: 14 of February's 28 days = 0.5 month
    expect(t.months).toBe(0.5);
  });
  it('treats agreement type none as non-EA', () => {
    expect(
      billingTerms({ ...base, agreement: { type: 'none', trueForward: [], growthAllowancePct: 0 } }).model,
    ).toBe('non-EA');
  });
});
