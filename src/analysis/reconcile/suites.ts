import type { Catalog } from '../model/catalog.ts';

/** One component of a Cisco ONE suite: what one suite unit delivers (data/catalog/cisco-one-suites.csv). */
export interface SuiteComponent {
  sku: string;
  /** Empty for tracker SKUs that deliver nothing ("no delivery"). */
  licenceKey: string;
  perSuite: number;
  source: string;
}

export interface SuiteDefinition {
  suiteSku: string;
  name: string;
  tier: string;
  model: 'perpetual' | 'term';
  platformFamily: string;
  dnaTier: string;
  requiresSuite?: string;
  components: SuiteComponent[];
  /** False when any row's source says UNVERIFIED. */
  verified: boolean;
}

/** The suite catalog, keyed by suite SKU (upper case). Unreadable quantities count 1 and mark the suite unverified. */
export function suiteCatalog(catalog: Catalog): Map<string, SuiteDefinition> {
  const out = new Map<string, SuiteDefinition>();
  for (const r of catalog.tables['cisco-one-suites'] ?? []) {
    const suiteSku = (r.suite_sku ?? '').trim().toUpperCase();
    if (!suiteSku) continue;
    const source = r.source ?? '';
    let s = out.get(suiteSku);
    if (!s) {
      s = {
        suiteSku,
        name: r.suite_name ?? suiteSku,
        tier: r.tier ?? '',
        model: r.model === 'term' ? 'term' : 'perpetual',
        platformFamily: r.platform_family ?? '',
        dnaTier: r.dna_tier ?? '',
        ...(r.requires_suite ? { requiresSuite: r.requires_suite.toUpperCase() } : {}),
        components: [],
        verified: true,
      };
      out.set(suiteSku, s);
    }
    const perSuite = Number(r.quantity_per_suite);
    s.components.push({
      sku: (r.component_sku ?? '').toUpperCase(),
      licenceKey: (r.licence_key ?? '').trim(),
      perSuite: Number.isInteger(perSuite) && perSuite > 0 ? perSuite : 1,
      source,
    });
    if (/UNVERIFIED/i.test(source)) s.verified = false;
  }
  return out;
}
