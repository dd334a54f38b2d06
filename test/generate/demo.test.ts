import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateClient } from '../../src/generate/generate.ts';
import { readLicenceCatalog } from '../../src/generate/io.ts';
import { DEMO_PROFILE, DEMO_RUN } from '../../src/generate/profile.ts';

const demo = new URL('../../data/clients/demo/', import.meta.url);

describe('data/clients/demo', () => {
  const client = generateClient({ ...DEMO_RUN, profile: DEMO_PROFILE, catalog: readLicenceCatalog() });

  it('is what scripts/make-demo.ts generates (run it after changing the generator)', () => {
    for (const f of client.files) {
      expect(readFileSync(new URL(f.path, demo), 'utf8'), f.path).toBe(f.chunks.join(''));
    }
    const planted = readFileSync(new URL('../demo.planted.json', demo), 'utf8');
    expect(planted).toBe(`${JSON.stringify(client.planted, null, 2)}\n`);
  });

  it('shows what the demo is for', () => {
    const p = client.planted;
    const va = new Set(p.vaImbalance.shortages.map((s) => s.virtualAccount));
    expect(va.size).toBeGreaterThan(1);
    expect(p.vaImbalance.hiddenImbalances.length).toBeGreaterThan(0);
    expect(p.vaImbalance.residualShortages.length).toBeGreaterThan(0);
    expect(p.vaImbalance.reserved.length).toBeGreaterThan(0);
    expect(p.orphaned.reservationsOnRetiredDevices).toBeGreaterThan(0);
    expect(p.exposure.unpricedLicences.length).toBe(1);
    expect(Object.values(p.dataQuality).every((refs) => refs.length > 0)).toBe(true);
    expect(p.ciscoOne.supportGapOver90).toBeGreaterThan(0);
    expect(p.ciscoOne.supportGapUnder90).toBeGreaterThan(0);
    const licences = new Set(p.vaImbalance.reserved.map((r) => r.licence));
    expect(licences.size).toBeGreaterThan(0);
  });
});
