import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { VaImbalanceData } from '../../src/analysis/checks/va-imbalance.ts';
import { buildReport } from '../../src/analysis/report/build-report.ts';
import { catalog } from '../helpers/fixtures.ts';
import { inputsWith, licence } from '../helpers/inputs.ts';

/** 10,000 runs each in CI; TRUEUP_PROPERTY_RUNS lowers it for a quick local loop. */
const RUNS = Number(process.env.TRUEUP_PROPERTY_RUNS ?? 10_000);

const VAS = ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon'];
const LICENCES = Array.from({ length: 14 }, (_, i) => `Licence ${String.fromCharCode(65 + i)}`);

/** A random licence table: up to 5 VAs × 14 licences × 2 types, reserved ≤ in use. */
const positionsArb = fc
  .array(
    fc
      .record({
        va: fc.constantFrom(...VAS),
        name: fc.constantFrom(...LICENCES),
        type: fc.constantFrom('PERPETUAL' as const, 'TERM' as const),
        purchased: fc.nat(60),
        inUse: fc.nat(60),
        reservedShare: fc.double({ min: 0, max: 1, noNaN: true }),
      })
      .map((r) => licence(r.va, r.name, r.purchased, r.inUse, Math.floor(r.inUse * r.reservedShare), r.type)),
    { maxLength: 40 },
  )
  .map((rows) => rows.map((r, i) => ({ ...r, source: { ...r.source, line: i + 2 } })));

describe('transfer plan invariants', async () => {
  const cat = await catalog();
  const run = (rows: ReturnType<typeof licence>[]) => buildReport(inputsWith(rows), cat);
  const data = (r: ReturnType<typeof run>) => r.families['va-imbalance']!.data as VaImbalanceData;

  it('conserves quantities: Σ balance per licence is unchanged by the plan', () => {
    fc.assert(
      fc.property(positionsArb, (rows) => {
        const d = data(run(rows));
        const sums = new Map<string, [number, number]>();
        for (const p of d.positions) {
          const k = `${p.licenceKey}|${p.licenceType}`;
          const [b, a] = sums.get(k) ?? [0, 0];
          sums.set(k, [b + p.balance, a + p.afterTransfers]);
        }
        for (const [b, a] of sums.values()) expect(a).toBe(b);
      }),
      { numRuns: RUNS },
    );
  });

  it('leaves no VA worse: donors keep ≥ 0, receivers only improve, reserved units never move', () => {
    fc.assert(
      fc.property(positionsArb, (rows) => {
        const r = run(rows);
        for (const p of data(r).positions) {
          if (p.balance >= 0) expect(p.afterTransfers).toBeGreaterThanOrEqual(0);
          else expect(p.afterTransfers).toBeGreaterThanOrEqual(p.balance);
          const given = r.transferPlan
            .filter(
              (t) =>
                t.fromVirtualAccount === p.virtualAccount &&
                t.licenceKey === p.licenceKey &&
                t.licenceType === p.licenceType,
            )
            .reduce((s, t) => s + t.quantity, 0);
          expect(given).toBeLessThanOrEqual(Math.max(0, p.purchased - p.inUse));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('leaves only the unavoidable residual, and never more than 10 licence types in a request', () => {
    fc.assert(
      fc.property(positionsArb, (rows) => {
        const r = run(rows);
        const d = data(r);
        for (const t of d.totals) {
          const surplus = d.positions
            .filter((p) => p.licenceKey === t.licenceKey && p.licenceType === t.licenceType)
            .reduce((s, p) => s + Math.max(0, p.balance), 0);
          expect(t.residual).toBe(Math.max(0, t.shortage - surplus));
        }
        const types = new Map<number, Set<string>>();
        for (const t of r.transferPlan) {
          types.set(t.request, (types.get(t.request) ?? new Set()).add(`${t.licenceKey}|${t.licenceType}`));
          expect(t.fromVirtualAccount).not.toBe(t.toVirtualAccount);
        }
        for (const s of types.values()) expect(s.size).toBeLessThanOrEqual(10);
      }),
      { numRuns: RUNS },
    );
  });

  it('gives the same findings and plan whatever the order of the input rows', () => {
    fc.assert(
      fc.property(
        positionsArb.chain((rows) =>
          fc.tuple(
            fc.constant(rows),
            fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }),
          ),
        ),
        ([rows, shuffled]) => {
          // evidence lines travel with their rows, so only order changes
          const a = run(rows);
          const b = run(shuffled);
          expect(b.findings).toEqual(a.findings);
          expect(b.transferPlan).toEqual(a.transferPlan);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
