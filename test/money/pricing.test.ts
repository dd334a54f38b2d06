import { describe, expect, it } from 'vitest';
import { annualNet, findPrice, unitChargeNonEa } from '../../src/analysis/checks/pricing.ts';
import type { PriceRecord } from '../../src/analysis/model/records.ts';

const row = (line: number, p: Partial<PriceRecord>): PriceRecord => ({
  source: { file: 'contracts/prices.csv', line },
  item: 'X',
  listPrice: 100,
  unit: 'each',
  ...p,
});

describe('price choice and unit charges', () => {
  const prices = [
    row(2, { item: 'C9300-DNA-A-48', licenceKey: 'k', listPrice: 1000, unit: 'each' }),
    row(3, { item: 'C9300-DNA-A-48-3Y', licenceKey: 'k', listPrice: 400, unit: 'year', termMonths: 36 }),
    row(4, { item: 'C9300-DNA-A-M', licenceKey: 'k', listPrice: 40, unit: 'month', currency: 'USD' }),
  ];
  it('prefers a one-off price for perpetual licences and a time-based one for term licences', () => {
    const perp = findPrice(prices, 'k', 'K', 'PERPETUAL', 'EUR', 25);
    expect(perp.price).toMatchObject({ item: 'C9300-DNA-A-48', netPrice: 750, billing: 'once' });
    const term = findPrice(prices, 'k', 'K', 'TERM', 'EUR', 25);
    expect(term.price).toMatchObject({ item: 'C9300-DNA-A-48-3Y', netPrice: 300, billing: 'time' });
    // 300/year for 36 months = 900 per unit for its term; 300 per year for True Forward
    expect(unitChargeNonEa(term.price!)).toBe(900);
    expect(annualNet(term.price!)).toBe(300);
  });
  it('never converts currency: a licence priced only in another currency is unpriced', () => {
    const r = findPrice([prices[2]!], 'k', 'K', 'TERM', 'EUR', 0);
    expect(r).toMatchObject({ price: null, reason: 'priced only in USD; not converted to EUR' });
  });
  it('prices monthly and term-each rows pro rata', () => {
    const month = findPrice(
      [row(5, { licenceKey: 'm', listPrice: 10, unit: 'month' })],
      'm',
      'M',
      'TERM',
      'EUR',
      0,
    );
    // no Term Months: 12 months assumed → 10 × 12 = 120
    expect(unitChargeNonEa(month.price!)).toBe(120);
    expect(annualNet(month.price!)).toBe(120);
    const each = findPrice(
      [row(6, { licenceKey: 'e', listPrice: 600, unit: 'each', termMonths: 60 })],
      'e',
      'E',
      'TERM',
      'EUR',
      0,
    );
    expect(unitChargeNonEa(each.price!)).toBe(600);
    expect(annualNet(each.price!)).toBe(120);
  });
  it('matches an unresolved item by the licence name', () => {
    const r = findPrice(
      [row(7, { item: 'mystery  feature pack', listPrice: 10 })],
      'unknown:mystery feature pack',
      'Mystery Feature Pack',
      'PERPETUAL',
      'EUR',
      0,
    );
    expect(r.price?.listPrice).toBe(10);
  });
});
