import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/analysis/model/report.ts';
import { devicesAtRiskFirst } from '../../src/lib/deployment-devices.ts';

const collator = new Intl.Collator('en');
const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);
const plain = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-'), maxLength: 14 });
const any = fc.oneof(
  plain,
  fc.string({ maxLength: 10 }),
  fc.constantFrom('Ä-1', 'a_b', 'A-1', 'a 1', 'é', 'Z9', '-'),
);

/** A Report holding only deployment-mode devices with these names and risk severities. */
function reportOf(devices: { hostname: string | null; key: string; severity?: string }[]): Report {
  const data = {
    devices: devices.map((d) => ({ ...d, risks: d.severity ? [{ severity: d.severity }] : [] })),
  };
  return { families: { 'deployment-mode': { status: 'ran', data } } } as unknown as Report;
}

describe('the deployment-mode device order (risk first, then name in English collation)', () => {
  it('compares names of lowercase letters, digits and hyphens in code point order, as the collator does', () => {
    fc.assert(
      fc.property(plain, plain, (a, b) => {
        expect(sign(collator.compare(a, b))).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
      { numRuns: 20_000 },
    );
  });

  it('orders any mix of names exactly as a sort by the collator alone', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ name: any, severity: fc.constantFrom(undefined, 'critical', 'high', 'low') }), {
          maxLength: 60,
        }),
        (rows) => {
          const devices = rows.map((r, i) => ({
            hostname: i % 3 ? r.name : null,
            key: r.name,
            severity: r.severity,
          }));
          const got = devicesAtRiskFirst(reportOf(devices)).map((d) => d.key);
          const rank = (s?: string) => (s ? ['critical', 'high', 'medium', 'low', 'info'].indexOf(s) : 5);
          const want = [...devices]
            .sort(
              (a, b) =>
                rank(a.severity) - rank(b.severity) ||
                collator.compare(a.hostname ?? a.key, b.hostname ?? b.key),
            )
            .map((d) => d.key);
          expect(got).toEqual(want);
        },
      ),
      { numRuns: 500 },
    );
  });
});
