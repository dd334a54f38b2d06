import { resolveLicence } from '../load/catalog.ts';
import type { Catalog } from '../model/catalog.ts';
import { mergeRefs, type SourceRef } from '../model/evidence.ts';
import type { Family, Finding } from '../model/finding.ts';
import type { CheckResult } from './check.ts';

/** Licence units another family found (invisible estate, reclaimable, convertible), by licence key. */
export interface LicenceUnits {
  licenceKey: string;
  quantity: number;
  evidence: SourceRef[];
  findingIds: string[];
}

export type FamilyUnits = { available: true; units: LicenceUnits[] } | { available: false; reason: string };

/**
 * Read licence counts from an earlier family's result without trusting its shape: first the
 * section table `data[field]` (`{ licenceKey, quantity }[]`), else its findings (facts
 * `licencesNeeded: "key:qty;…"`, or `facts.licenceKey` / a resolvable `licence` with `quantity`).
 * A family that did not run, or ran `unavailable`, gives `available: false` and the reason.
 */
export function familyUnits(
  family: Family,
  result: CheckResult | undefined,
  fields: readonly string[],
  catalog: Catalog,
): FamilyUnits {
  if (!result) return { available: false, reason: `the ${family} check did not run in this build` };
  if (result.section.status === 'unavailable') {
    return { available: false, reason: result.section.note ?? `the ${family} check had no inputs` };
  }
  const byKey = new Map<string, LicenceUnits>();
  const add = (key: string, qty: number, f?: Finding) => {
    if (!key || !(qty > 0)) return;
    const u = byKey.get(key) ?? { licenceKey: key, quantity: 0, evidence: [], findingIds: [] };
    u.quantity += qty;
    if (f) {
      u.evidence = mergeRefs(u.evidence, f.evidence);
      if (!u.findingIds.includes(f.id)) u.findingIds.push(f.id);
    }
    byKey.set(key, u);
  };
  const data = (result.section.data ?? {}) as Record<string, unknown>;
  const table = fields.map((f) => data[f]).find(Array.isArray) as Record<string, unknown>[] | undefined;
  if (table) {
    for (const r of table) {
      const key = typeof r.licenceKey === 'string' ? r.licenceKey : '';
      const qty = typeof r.quantity === 'number' ? r.quantity : 0;
      add(key, qty);
    }
    // evidence comes from the findings that name the same licences
    for (const f of result.findings) {
      for (const key of findingKeys(f, catalog).map((k) => k.key)) {
        const u = byKey.get(key);
        if (u) {
          u.evidence = mergeRefs(u.evidence, f.evidence);
          if (!u.findingIds.includes(f.id)) u.findingIds.push(f.id);
        }
      }
    }
  } else {
    for (const f of result.findings) for (const k of findingKeys(f, catalog)) add(k.key, k.qty, f);
  }
  return {
    available: true,
    units: [...byKey.values()]
      .map((u) => ({ ...u, findingIds: u.findingIds.sort() }))
      .sort((a, b) => a.licenceKey.localeCompare(b.licenceKey)),
  };
}

/** Licence keys and quantities a finding states. */
function findingKeys(f: Finding, catalog: Catalog): { key: string; qty: number }[] {
  const needed = f.facts?.licencesNeeded;
  if (typeof needed === 'string' && needed.trim()) {
    return needed
      .split(';')
      .map((p) => /^(.+):(\d+(?:\.\d+)?)$/.exec(p.trim()))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ key: m[1]!, qty: Number(m[2]) }));
  }
  const key =
    typeof f.facts?.licenceKey === 'string'
      ? f.facts.licenceKey
      : f.licence
        ? resolveLicence(catalog, f.licence).known
          ? resolveLicence(catalog, f.licence).key
          : ''
        : '';
  return key && f.quantity ? [{ key, qty: f.quantity }] : [];
}
