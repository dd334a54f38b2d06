import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClientInputs } from '../../src/analysis/load/client-inputs.ts';
import type { Finding } from '../../src/analysis/model/finding.ts';
import { runChecks } from '../../src/analysis/report/build-report.ts';
import { LEGACY_FAMILIES, runFixture } from '../legacy/run-fixture.ts';

/** 300 runs per fixture; TRUEUP_PROPERTY_RUNS changes it. */
const RUNS = Number(process.env.TRUEUP_PROPERTY_RUNS ?? 300);

/** The record arrays a legacy check reads; each is shuffled on its own. */
const SLOTS = [
  'licences',
  'productInstances',
  'paks',
  'inventory',
  'transactions',
  'support',
  'captures',
  'prices',
] as const;

const legacy = (findings: Finding[]) =>
  findings.filter((f) => (LEGACY_FAMILIES as readonly string[]).includes(f.family));

/** A permutation of 0..n-1 for every slot. */
const orders = (inputs: ClientInputs) =>
  fc.record(
    Object.fromEntries(
      SLOTS.map((s) => {
        const n = inputs[s].length;
        const idx = Array.from({ length: n }, (_, i) => i);
        return [s, fc.shuffledSubarray(idx, { minLength: n, maxLength: n })];
      }),
    ) as Record<(typeof SLOTS)[number], fc.Arbitrary<number[]>>,
  );

describe.each([
  ['legacy-estate', ['pak-estate', 'unactivated-pak']],
  ['legacy-orphaned', ['orphaned']],
])('legacy findings of %s', (name, families) => {
  it('do not depend on the order of the input rows (pak-estate, orphaned, unactivated-pak)', async () => {
    const { inputs, catalog } = await runFixture(name);
    const run = (i: ClientInputs) =>
      legacy(Object.values(runChecks(i, catalog).results).flatMap((r) => r?.findings ?? []));
    const reference = run(inputs);
    for (const f of families)
      expect(
        reference.some((x) => x.family === f),
        f,
      ).toBe(true);
    fc.assert(
      fc.property(orders(inputs), (perm) => {
        const shuffled: ClientInputs = { ...inputs };
        for (const s of SLOTS) {
          const list = inputs[s] as unknown[];
          (shuffled[s] as unknown[]) = perm[s].map((i) => list[i]);
        }
        expect(run(shuffled)).toEqual(reference);
      }),
      { numRuns: RUNS },
    );
  });
});
