import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, inject, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { resolveLicence } from '../../src/analysis/load/catalog.ts';
import type { Report } from '../../src/analysis/model/report.ts';
import { catalog, REPO } from '../helpers/fixtures.ts';

const client = join(REPO, 'data/clients/demo');
const csv = (f: string) =>
  Papa.parse<Record<string, string>>(readFileSync(join(client, f), 'utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;

/**
 * Issue 5: one figure of the demo recomputed from its inputs another way. The pipeline moves
 * surplus VA by VA, prices per finding and sums scenario lines; here the expected EA exposure is
 * worked out at Smart Account level straight from the CSVs: an optimal transfer plan leaves
 * exactly max(0, Σ in use − Σ purchased) short per licence, the EA bills what exceeds purchased
 * × (1 + growth allowance) from the next True Forward date to the end, plus the SWSS uplift.
 */
describe('the demo’s expected exposure, recomputed from the raw exports', () => {
  it('equals report.json summary.exposure.expected', async () => {
    const cfg = parseYaml(readFileSync(join(client, 'client.yaml'), 'utf8')) as {
      asOf: string;
      agreement: { end: string; trueForward: string[]; growthAllowancePct: number };
      pricing: { discountPct: number; swssUpliftPct: number };
    };
    const cat = await catalog();
    const totals = new Map<string, { purchased: number; inUse: number; type: string }>();
    for (const r of csv('cssm/licenses.csv')) {
      const purchased = Number(r.Purchased);
      const inUse = Number(r['In Use']);
      if (!Number.isFinite(purchased) || !Number.isFinite(inUse)) continue;
      const k = `${resolveLicence(cat, r.License!).key}|${r['License Type']}`;
      const t = totals.get(k) ?? { purchased: 0, inUse: 0, type: r['License Type']! };
      t.purchased += purchased;
      t.inUse += inUse;
      totals.set(k, t);
    }
    const prices = new Map(
      csv('contracts/prices.csv').map((p) => [resolveLicence(cat, p['SKU or License']!).key, p] as const),
    );
    const next = cfg.agreement.trueForward.map(String).find((d) => d > cfg.asOf)!;
    const [y1, m1] = next.split('-').map(Number) as [number, number];
    const [y2, m2, d2] = String(cfg.agreement.end).split('-').map(Number) as [number, number, number];
    // 2027-02-01 → 2029-01-31 is 24 calendar months (the end day closes its month)
    const months = (y2 - y1) * 12 + (m2 - m1) + (d2 >= 28 ? 1 : 0);
    const net = 1 - cfg.pricing.discountPct / 100;
    let expected = 0;
    for (const [k, t] of totals) {
      const short = Math.max(0, t.inUse - t.purchased);
      const over = Math.max(
        0,
        t.purchased + short - t.purchased * (1 + cfg.agreement.growthAllowancePct / 100),
      );
      const price = prices.get(k.split('|')[0]!);
      if (!over || !price) continue;
      const list = Number(price['List Price']);
      const perYear = price.Unit === 'year';
      const unitNet = list * net;
      const licence = perYear ? over * unitNet * (months / 12) : over * unitNet;
      const swss = over * unitNet * (cfg.pricing.swssUpliftPct / 100) * (months / 12);
      expected += licence + swss;
    }
    const report = JSON.parse(readFileSync(join(inject('demoOut'), 'demo', 'report.json'), 'utf8')) as Report;
    expect(months).toBe(24);
    expect(expected).toBeGreaterThan(0);
    expect(report.summary.exposure!.expected).toBeCloseTo(expected, 2);
  });
});
