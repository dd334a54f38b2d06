import { resolveLicence } from '../load/catalog.ts';
import type { Catalog } from '../model/catalog.ts';
import type { LicenceRecord } from '../model/records.ts';

/** A rule that a higher licence may stand in for a lower one (data/catalog/licence-hierarchy.csv). */
export interface HierarchyRule {
  higher: string;
  lower: string;
  productFamily: string;
  enabled: boolean;
  source: string;
}

export function hierarchyRules(catalog: Catalog): HierarchyRule[] {
  return (catalog.tables['licence-hierarchy'] ?? [])
    .filter((r) => r.higher_licence && r.lower_licence)
    .map((r) => ({
      higher: r.higher_licence!.trim(),
      lower: r.lower_licence!.trim(),
      productFamily: r.product_family ?? '',
      enabled: /^(true|yes|1)$/i.test((r.enabled ?? '').trim()),
      source: r.source ?? '',
    }));
}

export interface Substitution {
  higher: string;
  lower: string;
  /** Why trueup may use it: an enabled catalog rule, or CSSM itself showing the substitution. */
  basis: 'catalog' | 'cssm';
  source: string;
}

/**
 * Substitutions trueup may apply (DOMAIN.md §7): OFF unless a catalog rule is enabled, or the
 * CSSM data shows the licences substituting (`licenseSubstitutions`). A CSSM-shown pair runs in
 * the catalog rule's direction when there is one (even a disabled one); otherwise the licence
 * that lists the substitute is the one that may be covered by it.
 */
export function allowedSubstitutions(catalog: Catalog, licences: readonly LicenceRecord[]): Substitution[] {
  const rules = hierarchyRules(catalog);
  const out = new Map<string, Substitution>();
  for (const r of rules) {
    if (r.enabled) out.set(`${r.higher}>${r.lower}`, { ...r, basis: 'catalog', source: r.source });
  }
  for (const l of licences) {
    for (const name of l.substitutions ?? []) {
      const other = resolveLicence(catalog, name).key;
      if (other === l.licenceKey) continue;
      const rule = rules.find(
        (r) =>
          (r.higher === other && r.lower === l.licenceKey) ||
          (r.higher === l.licenceKey && r.lower === other),
      );
      const higher = rule ? rule.higher : other;
      const lower = rule ? rule.lower : l.licenceKey;
      const k = `${higher}>${lower}`;
      if (!out.has(k)) {
        out.set(k, { higher, lower, basis: 'cssm', source: `${l.source.file}:${l.source.line}` });
      }
    }
  }
  return [...out.values()].sort((a, b) => a.lower.localeCompare(b.lower) || a.higher.localeCompare(b.higher));
}
