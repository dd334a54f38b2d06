import { describe, expect, it } from 'vitest';
import type { ExposureData } from '../../src/analysis/checks/exposure.ts';
import { familyData, fixtureReport } from './helpers.ts';

/*
 * test/fixtures/money-non-ea: no agreement, discount 40 % (net = list × 0.6).
 *   C9300 Network Advantage (perpetual, each 5000 → net 3000):
 *     Campus 40/50 = −10, Branches 10/7 = +3 → transfers 3, residual 7.
 *     high 10 × 3000 = 30000; expected 7 × 3000 = 21000.
 *   C9300 Network Essentials (perpetual, each 2000 → net 1200):
 *     Campus 10/12 = −2, Branches +5 → residual 0. high 2 × 1200 = 2400; expected 0.
 *   C9300 DNA Advantage (term, 1200/year for 36 months → net 720/year × 3 = 2160 per unit):
 *     Campus 20/26 = −6, no surplus → high = expected = 6 × 2160 = 12960.
 *   C9200 DNA Essentials (term, 300/year × 36 months → 180 × 3 = 540 per unit):
 *     Branches 5/9 = −4 → high = expected = 4 × 540 = 2160.
 *   ISE Plus: priced in USD only → unpriced.  Mystery Feature Pack: no price → unpriced.
 *   high = 30000 + 2400 + 12960 + 2160 = 47520
 *   expected = 21000 + 0 + 12960 + 2160 = 36120
 *   low = expected (no reclaims/PAKs/substitution in this build) = 36120
 */
describe('exposure, non-EA client', () => {
  it('prices perpetual and term shortages by hand-checkable arithmetic', async () => {
    const { report } = await fixtureReport('money-non-ea');
    expect(report.summary.exposure).toEqual({
      low: 36120,
      expected: 36120,
      high: 47520,
      currency: 'EUR',
      unpricedLicences: 2,
    });
    const data = familyData<ExposureData>(report, 'exposure');
    const byKey = Object.fromEntries(data.lines.map((l) => [l.licenceKey, l]));
    expect(byKey['c9300-network-advantage']).toMatchObject({ high: 30000, expected: 21000, low: 21000 });
    expect(byKey['c9300-network-essentials']).toMatchObject({ high: 2400, expected: 0 });
    expect(byKey['c9300-dna-advantage']).toMatchObject({ high: 12960, expected: 12960 });
    expect(byKey['c9200-dna-essentials']).toMatchObject({ high: 2160, expected: 2160 });
    expect(byKey['c9300-dna-advantage']!.price).toMatchObject({
      unit: 'year',
      termMonths: 36,
      netPrice: 720,
    });
  });

  it('lists unpriced licences with the reason, never as zero', async () => {
    const { report } = await fixtureReport('money-non-ea');
    const data = familyData<ExposureData>(report, 'exposure');
    expect(data.unpriced.map((u) => [u.licence, u.units])).toEqual([
      ['ISE Plus', 2],
      ['Mystery Feature Pack', 2],
    ]);
    expect(data.unpriced[0]!.reason).toBe('priced only in USD; not converted to EUR');
    expect(data.unpriced[1]!.reason).toBe('no price-list row for this licence');
    const unpricedFindings = report.findings.filter((f) => f.family === 'exposure' && f.amount === null);
    expect(unpricedFindings.map((f) => f.licence).sort()).toEqual(['ISE Plus', 'Mystery Feature Pack']);
    expect(report.families.exposure?.status).toBe('partial');
  });

  it('notes price rows in another currency and items that match nothing', async () => {
    const { report } = await fixtureReport('money-non-ea');
    const notes = familyData<ExposureData>(report, 'exposure').priceNotes;
    expect(notes.map((n) => [n.line, n.item])).toEqual([
      [6, 'L-ISE-PLS-3Y'],
      [7, 'Unknown Widget'],
    ]);
    expect(notes[0]!.reason).toMatch(/USD.*not converted/);
  });

  it('sets amount on one exposure finding per licence short, with evidence of licence and price rows', async () => {
    const { report } = await fixtureReport('money-non-ea');
    const f = report.findings.find(
      (x) => x.family === 'exposure' && x.licence === 'C9300 Network Advantage',
    )!;
    expect(f.amount).toBe(21000);
    expect(f.quantity).toBe(7);
    expect(f.evidence.map((e) => `${e.file}:${e.line}`)).toEqual([
      'contracts/prices.csv:2',
      'cssm/licenses.csv:2',
      'cssm/licenses.csv:3',
    ]);
    // C9300 Network Essentials is fully covered by transfers: no money at stake, so no exposure finding
    expect(report.findings.filter((x) => x.family === 'exposure')).toHaveLength(5);
  });

  it('walks the scenario table from high to low, skipping steps whose family did not run', async () => {
    const { report } = await fixtureReport('money-non-ea');
    const s = familyData<ExposureData>(report, 'exposure').scenarios;
    expect(s.map((x) => [x.step, x.amount, x.applied])).toEqual([
      ['start', 47520, true],
      ['invisible-estate', 47520, false],
      ['transfers', 36120, true],
      ['reclaims', 36120, false],
      ['pak-conversion', 36120, false],
      ['substitution', 36120, false],
    ]);
    // transfers save 3 × 3000 (NW-A) + 2 × 1200 (NW-E) = 11400
    expect(s[2]!.delta).toBe(-11400);
    expect(report.assumptions.some((a) => a.id === 'exposure-skip-reclaims')).toBe(true);
  });

  it('applies substitution only when a hierarchy rule is enabled', async () => {
    // enable C9200 DNA Advantage → Essentials: Lab has 10 − 4 = 6 surplus DNA Advantage,
    // which covers the 4 DNA Essentials short in Branches: low = 36120 − 2160 = 33960.
    const { report } = await fixtureReport('money-non-ea', (t) => {
      for (const r of t['licence-hierarchy']!)
        if (r.higher_licence === 'c9200-dna-advantage') r.enabled = 'true';
    });
    expect(report.summary.exposure).toMatchObject({ low: 33960, expected: 36120, high: 47520 });
    const line = familyData<ExposureData>(report, 'exposure').lines.find(
      (l) => l.licenceKey === 'c9200-dna-essentials',
    )!;
    expect(line.substitutedBy).toEqual([
      { licenceKey: 'c9200-dna-advantage', quantity: 4, basis: 'catalog' },
    ]);
    expect(line.low).toBe(0);
  });

  it('gives no money summary when no price list is supplied', async () => {
    const { report } = await fixtureReport('va-basic');
    expect(report.summary.exposure).toBeNull();
    expect(report.families.exposure).toMatchObject({ status: 'unavailable', missingInputs: ['prices'] });
    expect(report.families.exposure?.note).toMatch(/needs a price list/);
    expect(report.findings.filter((f) => f.family === 'exposure')).toEqual([]);
  });
});
