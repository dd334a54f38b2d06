import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Check } from '../../src/analysis/checks/check.ts';
import { type ExposureData, exposure } from '../../src/analysis/checks/exposure.ts';
import { vaImbalance } from '../../src/analysis/checks/va-imbalance.ts';
import { catalogFromTables, loadCatalog } from '../../src/analysis/load/catalog.ts';
import { emptyInputs } from '../../src/analysis/load/client-inputs.ts';
import type { Catalog } from '../../src/analysis/model/catalog.ts';
import type { ClientConfig } from '../../src/analysis/model/client.ts';
import type { PriceRecord } from '../../src/analysis/model/records.ts';
import { runChecks } from '../../src/analysis/report/build-report.ts';
import { CONFIG, fakeCheck, licence } from './remediation.ts';

const KEYS = [
  ['c9300-network-advantage', 'C9300 Network Advantage', 'PERPETUAL'],
  ['c9300-dna-advantage', 'C9300 DNA Advantage', 'TERM'],
  ['c9300-dna-essentials', 'C9300 DNA Essentials', 'TERM'],
] as const;
const VAS = ['Campus', 'Branches', 'Lab'];

let plain: Catalog;
let withRule: Catalog;
beforeAll(async () => {
  plain = await loadCatalog();
  const tables = structuredClone(plain.tables);
  for (const r of tables['licence-hierarchy']!) r.enabled = 'true';
  withRule = catalogFromTables(tables);
});

const position = fc.record({ purchased: fc.nat(40), inUse: fc.nat(40) });
const price = fc.option(
  fc.record({
    listPrice: fc.double({ min: 0, max: 10_000, noNaN: true }),
    unit: fc.constantFrom('each', 'year', 'month') as fc.Arbitrary<PriceRecord['unit']>,
    termMonths: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
    currency: fc.constantFrom('EUR', 'EUR', 'USD'),
  }),
  { nil: null },
);
const agreement = fc.option(
  fc.record({
    type: fc.constantFrom('EA', 'ELA', 'none') as fc.Arbitrary<'EA' | 'ELA' | 'none'>,
    growthAllowancePct: fc.integer({ min: 0, max: 50 }),
    endYear: fc.integer({ min: 2026, max: 2031 }),
    tf: fc.array(fc.constantFrom('2026-02-01', '2027-02-01', '2028-02-01'), { maxLength: 3 }),
  }),
  { nil: undefined },
);
const extra = fc.array(fc.nat(10), { minLength: 3, maxLength: 3 });

describe('exposure invariants', () => {
  it('low ≤ expected ≤ high, and every scenario step only lowers the figure', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(position, { minLength: 3, maxLength: 3 }), { minLength: 3, maxLength: 3 }),
        fc.array(price, { minLength: 3, maxLength: 3 }),
        agreement,
        fc.record({
          discountPct: fc.integer({ min: 0, max: 100 }),
          swssUpliftPct: fc.integer({ min: 0, max: 30 }),
        }),
        extra,
        extra,
        extra,
        fc.boolean(),
        (grid, prices, ag, pricing, invisible, reclaim, convert, rule) => {
          const config: ClientConfig = {
            ...CONFIG,
            pricing,
            ...(ag
              ? {
                  agreement: {
                    type: ag.type,
                    start: '2024-01-01',
                    end: `${ag.endYear}-01-31`,
                    trueForward: ag.tf,
                    growthAllowancePct: ag.growthAllowancePct,
                  },
                }
              : {}),
          };
          const inputs = emptyInputs(config);
          inputs.present.push('client', 'licenses', 'prices');
          grid.forEach((row, v) => {
            row.forEach((p, k) => {
              const [key, name, type] = KEYS[k]!;
              inputs.licences.push(licence(VAS[v]!, key, name, p.purchased, p.inUse, type));
            });
          });
          prices.forEach((p, k) => {
            if (!p) return;
            inputs.prices.push({
              source: { file: 'contracts/prices.csv', line: k + 2 },
              item: KEYS[k]![1],
              licenceKey: KEYS[k]![0],
              listPrice: p.listPrice,
              unit: p.unit,
              currency: p.currency,
              ...(p.termMonths ? { termMonths: p.termMonths } : {}),
            });
          });
          const units = (qs: number[]) =>
            qs.map((quantity, k) => ({ licenceKey: KEYS[k]![0], quantity })).filter((u) => u.quantity > 0);
          const checks: Check[] = [
            vaImbalance as Check,
            fakeCheck('pak-estate', [], { licencesNeeded: units(invisible) }),
            fakeCheck('orphaned', [], { reclaimable: units(reclaim) }),
            fakeCheck('unactivated-pak', [], { convertible: units(convert) }),
            exposure as Check,
          ];
          const data = runChecks(inputs, rule ? withRule : plain, checks).results.exposure!.section
            .data as ExposureData;
          const s = data.summary!;
          expect(s.low).toBeGreaterThanOrEqual(0);
          expect(s.low).toBeLessThanOrEqual(s.expected);
          expect(s.expected).toBeLessThanOrEqual(s.high);
          for (let i = 1; i < data.scenarios.length; i++) {
            expect(data.scenarios[i]!.amount).toBeLessThanOrEqual(data.scenarios[i - 1]!.amount);
            expect(data.scenarios[i]!.units).toBeLessThanOrEqual(data.scenarios[i - 1]!.units);
          }
          for (const l of data.lines) {
            if (l.price === null) expect([l.high, l.expected, l.low]).toEqual([null, null, null]);
            else expect(l.low! <= l.expected! && l.expected! <= l.high!).toBe(true);
          }
          expect(s.unpricedLicences).toBe(data.lines.filter((l) => l.price === null).length);
        },
      ),
      { numRuns: Number(process.env.TRUEUP_PROPERTY_RUNS ?? 10_000), seed: 20261115 },
    );
  });
});
