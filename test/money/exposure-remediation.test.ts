import { describe, expect, it } from 'vitest';
import type { Check } from '../../src/analysis/checks/check.ts';
import type { CiscoViewData } from '../../src/analysis/checks/cisco-view.ts';
import { ciscoView } from '../../src/analysis/checks/cisco-view.ts';
import { type ExposureData, exposure } from '../../src/analysis/checks/exposure.ts';
import { vaImbalance } from '../../src/analysis/checks/va-imbalance.ts';
import { loadCatalog } from '../../src/analysis/load/catalog.ts';
import { emptyInputs } from '../../src/analysis/load/client-inputs.ts';
import { makeFinding } from '../../src/analysis/model/finding.ts';
import { runChecks } from '../../src/analysis/report/build-report.ts';
import { CONFIG, fakeCheck, licence } from './remediation.ts';

const ref = (file: string, line: number) => ({ file, line });
const finding = (family: 'orphaned' | 'unactivated-pak', key: string, extra: object) =>
  makeFinding({
    key,
    family,
    severity: 'medium',
    title: key,
    detail: '',
    action: '',
    evidence: [ref('x.csv', 2)],
    ...extra,
  });

async function scenario(others: Check[]) {
  const catalog = await loadCatalog();
  const inputs = emptyInputs(CONFIG);
  inputs.present.push('client', 'licenses', 'prices', 'alerts');
  inputs.licences.push(
    licence('Campus', 'c9300-network-advantage', 'C9300 Network Advantage', 10, 20),
    licence('Branches', 'c9300-network-advantage', 'C9300 Network Advantage', 5, 2),
    licence('Campus', 'c9300-dna-essentials', 'C9300 DNA Essentials', 0, 2, 'TERM', {
      substitutions: ['C9300 DNA Advantage'],
    }),
    licence('Lab', 'c9300-dna-advantage', 'C9300 DNA Advantage', 5, 0, 'TERM'),
  );
  inputs.prices.push(
    {
      source: ref('contracts/prices.csv', 2),
      item: 'C9300-NW-A-48',
      licenceKey: 'c9300-network-advantage',
      listPrice: 100,
      unit: 'each',
    },
    {
      source: ref('contracts/prices.csv', 3),
      item: 'C9300-DNA-E-48',
      licenceKey: 'c9300-dna-essentials',
      listPrice: 30,
      unit: 'each',
      termMonths: 12,
    },
  );
  const checks = [vaImbalance as Check, ...others, ciscoView as Check, exposure as Check];
  return runChecks(inputs, catalog, checks).results;
}

/*
 * Discount 0. C9300 Network Advantage (each 100): Campus −10, Branches +3.
 *   pak-estate says the invisible estate needs 4 more; orphaned reclaims 2; 1 PAK converts.
 * C9300 DNA Essentials (each 30 for 12 months): Campus −2; CSSM lists DNA Advantage as its
 *   substitute and Lab has 5 spare DNA Advantage → substitution covers both.
 *   start           (10 + 4) × 100 + 2 × 30 = 1460
 *   invisible estate  10 × 100 + 60        = 1060
 *   transfers          7 × 100 + 60        =  760   (expected)
 *   reclaims           5 × 100 + 60        =  560
 *   PAK conversion     4 × 100 + 60        =  460
 *   substitution       4 × 100 + 0         =  400   (low)
 */
describe('exposure remediation steps from other families', () => {
  const others = () => [
    fakeCheck('pak-estate', [], {
      licencesNeeded: [
        { licenceKey: 'c9300-network-advantage', licence: 'C9300 Network Advantage', quantity: 4 },
      ],
    }),
    fakeCheck(
      'orphaned',
      [
        finding('orphaned', 'o1', {
          licence: 'C9300 Network Advantage',
          quantity: 2,
          facts: { licenceKey: 'c9300-network-advantage' },
        }),
      ],
      {},
    ),
    fakeCheck(
      'unactivated-pak',
      [finding('unactivated-pak', 'p1', { licence: 'C9300-NW-A-48', quantity: 1 })],
      {},
    ),
  ];

  it('walks start → invisible estate → transfers → reclaims → PAK conversion → substitution', async () => {
    const results = await scenario(others());
    const data = results.exposure!.section.data as ExposureData;
    expect(data.scenarios.map((s) => [s.step, s.amount, s.applied])).toEqual([
      ['start', 1460, true],
      ['invisible-estate', 1060, true],
      ['transfers', 760, true],
      ['reclaims', 560, true],
      ['pak-conversion', 460, true],
      ['substitution', 400, true],
    ]);
    expect(data.summary).toEqual({
      low: 400,
      expected: 760,
      high: 1460,
      currency: 'EUR',
      unpricedLicences: 0,
    });
    expect(data.substitutions).toEqual([
      {
        higher: 'c9300-dna-advantage',
        lower: 'c9300-dna-essentials',
        basis: 'cssm',
        source: 'cssm/licenses.csv:4',
      },
    ]);
  });

  it('skips a step, and says so, when its family is unavailable', async () => {
    const [pak, , unact] = others();
    const results = await scenario([pak!, fakeCheck('orphaned', [], null, 'unavailable'), unact!]);
    const data = results.exposure!.section.data as ExposureData;
    expect(data.scenarios.find((s) => s.step === 'reclaims')).toMatchObject({
      applied: false,
      delta: 0,
      amount: 760,
    });
    expect(data.skipped.map((s) => s.step)).toEqual(['reclaims']);
    // no reclaims: (7 − 1 PAK) × 100 + DNA Essentials substituted (0) = 600
    expect(data.summary?.low).toBe(600);
  });

  it('shows the invisible estate on the cisco-view page as trueup-only', async () => {
    const results = await scenario(others());
    const data = results['cisco-view']!.section.data as CiscoViewData;
    expect(
      data.rows.filter((r) => r.topic === 'invisible-estate').map((r) => [r.licence, r.verdict]),
    ).toEqual([['C9300 Network Advantage', 'trueup-only']]);
  });

  it('reads the legacy families’ tables: reclaimable rows, PAK lines by SKU, minus migrated or lapsed ones', async () => {
    const results = await scenario([
      fakeCheck('pak-estate', [], { licencesNeeded: [] }),
      fakeCheck('orphaned', [], {
        reclaimable: [
          {
            virtualAccount: 'Lab',
            licenceKey: 'c9300-network-advantage',
            quantity: 2,
            viaReturnCode: false,
            evidence: [ref('cssm/product-instances.csv', 7)],
            findingIds: ['orphaned-1'],
          },
        ],
        reclaimableViaReturnCode: [
          {
            virtualAccount: 'Lab',
            licenceKey: 'c9300-network-advantage',
            quantity: 3,
            viaReturnCode: true,
            evidence: [],
            findingIds: [],
          },
        ],
      }),
      fakeCheck('unactivated-pak', [], {
        lines: [
          {
            pak: 'P1',
            sku: 'C9300-NW-A-48',
            unfulfilled: 1,
            migrated: false,
            coverage: 'covered',
            evidence: [ref('legacy/paks.csv', 2)],
          },
          {
            pak: 'P2',
            sku: 'C9300-NW-A-48',
            unfulfilled: 5,
            migrated: true,
            coverage: 'covered',
            evidence: [],
          },
          {
            pak: 'P3',
            sku: 'C9300-NW-A-48',
            unfulfilled: 5,
            migrated: false,
            coverage: 'lapsed',
            evidence: [],
          },
        ],
      }),
    ]);
    const data = results.exposure!.section.data as ExposureData;
    // NW-A: 7 after transfers − 2 reclaimed (not the 3 needing a return code) − 1 from P1 = 4
    const nwa = data.lines.find((l) => l.licenceKey === 'c9300-network-advantage')!;
    expect([nwa.units.afterReclaims, nwa.units.afterPakConversion]).toEqual([5, 4]);
    expect(nwa.evidence).toContainEqual(ref('cssm/product-instances.csv', 7));
    expect(nwa.evidence).toContainEqual(ref('legacy/paks.csv', 2));
    expect(nwa.remediationFindingIds).toEqual(['orphaned-1']);
  });
});
