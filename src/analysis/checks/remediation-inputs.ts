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

/** Where a family keeps its licence counts: table fields of its section data, and how to read a row. */
export interface TableSpec {
  /** Array fields of `section.data`, all summed. */
  fields: readonly string[];
  /** Numeric row fields tried in order for the quantity. */
  quantity: readonly string[];
  /** Rows to leave out (e.g. PAK lines already migrated). */
  keep?: (row: Record<string, unknown>) => boolean;
}

/** The tables of the families exposure reads (their section data as the legacy branch defines it). */
export const TABLES = {
  'pak-estate': { fields: ['licencesNeeded'], quantity: ['quantity'] },
  // only freely reclaimable units: reserved ones need a return code (`reclaimableViaReturnCode`)
  orphaned: { fields: ['reclaimable'], quantity: ['quantity'] },
  // unfulfilled PAK units not migrated, whose service coverage still allows conversion
  'unactivated-pak': {
    fields: ['convertible', 'lines'],
    quantity: ['unfulfilled', 'quantity'],
    keep: (r) => r.migrated !== true && r.coverage !== 'lapsed' && r.coverage !== 'none-found',
  },
} satisfies Partial<Record<Family, TableSpec>>;

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** A row's licence key: its `licenceKey`, else its SKU or licence name when the catalog knows it. */
function rowKey(r: Record<string, unknown>, catalog: Catalog): string {
  if (text(r.licenceKey)) return text(r.licenceKey);
  for (const name of [text(r.sku), text(r.licence)]) {
    if (!name) continue;
    const res = resolveLicence(catalog, name);
    if (res.known) return res.key;
  }
  return '';
}

/**
 * Read licence counts from an earlier family's result without trusting its shape: its section
 * tables when present (rows with `licenceKey`/`sku` and a quantity, optional `evidence` and
 * `findingIds`/`findingId`), else its findings (facts `licencesNeeded: "key:qty;…"`, or
 * `facts.licenceKey`/`licence`/`facts.sku` with `quantity`). A family that did not run, or ran
 * `unavailable`, gives `available: false` with the reason, so exposure can say it skipped it.
 */
export function familyUnits(
  family: Family,
  result: CheckResult | undefined,
  spec: TableSpec,
  catalog: Catalog,
): FamilyUnits {
  if (!result) return { available: false, reason: `the ${family} check did not run in this build` };
  // the Cisco view and exposure both read the PAK estate's units: counted once per result
  const done = counted.get(result);
  if (done?.spec === spec && done.catalog === catalog && done.family === family) return done.units;
  const units = countFamilyUnits(family, result, spec, catalog);
  counted.set(result, { family, spec, catalog, units });
  return units;
}

/** Each result's units, for the spec and catalog they were counted with (shared: read only). */
const counted = new WeakMap<
  CheckResult,
  { family: Family; spec: TableSpec; catalog: Catalog; units: FamilyUnits }
>();

function countFamilyUnits(
  family: Family,
  result: CheckResult,
  spec: TableSpec,
  catalog: Catalog,
): FamilyUnits {
  if (result.section.status === 'unavailable') {
    return { available: false, reason: result.section.note ?? `the ${family} check had no inputs` };
  }
  // evidence lists and ids are gathered, then merged once per licence (merging on every add
  // made this quadratic in the number of findings)
  const byKey = new Map<
    string,
    { licenceKey: string; quantity: number; lists: SourceRef[][]; ids: Set<string> }
  >();
  const add = (key: string, qty: number, evidence: SourceRef[], ids: string[]) => {
    if (!key || !(qty > 0)) return;
    let u = byKey.get(key);
    if (!u) {
      u = { licenceKey: key, quantity: 0, lists: [], ids: new Set() };
      byKey.set(key, u);
    }
    u.quantity += qty;
    if (evidence.length) u.lists.push(evidence);
    for (const id of ids) u.ids.add(id);
  };
  const data = (result.section.data ?? {}) as Record<string, unknown>;
  const tables = spec.fields.map((f) => data[f]).filter(Array.isArray) as Record<string, unknown>[][];
  // made only for a table whose rows name findings (the PAK estate's 23,000 findings name none)
  let byId: Map<string, Finding> | undefined;
  const evidenceOf = (id: string) => {
    if (!byId) {
      byId = new Map();
      for (const f of result.findings) byId.set(f.id, f);
    }
    return byId.get(id)?.evidence ?? [];
  };
  // findings state their licences in a few distinct ways: each `licencesNeeded` parsed once
  const keysOf = memoKeys(catalog);
  if (tables.length) {
    // rows name a few licences many times over: resolve each (key, SKU, name) once
    const keys = new Map<string, string>();
    const keyOf = (r: Record<string, unknown>) => {
      const k = `${text(r.licenceKey)}\u0000${text(r.sku)}\u0000${text(r.licence)}`;
      let key = keys.get(k);
      if (key === undefined) {
        key = rowKey(r, catalog);
        keys.set(k, key);
      }
      return key;
    };
    for (const r of tables.flat()) {
      if (spec.keep && !spec.keep(r)) continue;
      const qty = spec.quantity.map((q) => r[q]).find((v): v is number => typeof v === 'number') ?? 0;
      // `add` skips these: no need to merge their evidence first
      if (!(qty > 0)) continue;
      const ids = [
        ...(Array.isArray(r.findingIds) ? (r.findingIds as unknown[]).map(text) : []),
        text(r.findingId),
      ].filter(Boolean);
      const evidence = Array.isArray(r.evidence) ? (r.evidence as SourceRef[]) : [];
      add(keyOf(r), qty, mergeRefs(evidence, ...ids.map(evidenceOf)), ids);
    }
    // rows without their own evidence take it from every finding that names the same licence
    const bare = new Set([...byKey.values()].filter((u) => u.lists.length === 0).map((u) => u.licenceKey));
    for (const f of result.findings) {
      for (const k of keysOf(f)) {
        const u = byKey.get(k.key);
        if (u && bare.has(k.key) && f.evidence.length) u.lists.push(f.evidence);
        u?.ids.add(f.id);
      }
    }
  } else {
    for (const f of result.findings) for (const k of keysOf(f)) add(k.key, k.qty, f.evidence, [f.id]);
  }
  return {
    available: true,
    units: [...byKey.values()]
      .map((u) => ({
        licenceKey: u.licenceKey,
        quantity: u.quantity,
        evidence: mergeRefs(...u.lists),
        findingIds: [...u.ids].sort(),
      }))
      .sort((a, b) => a.licenceKey.localeCompare(b.licenceKey)),
  };
}

type LicenceCount = { key: string; qty: number };

/** `findingKeys` with each `licencesNeeded` text parsed once (the lists it returns are shared: read only). */
function memoKeys(catalog: Catalog): (f: Finding) => readonly LicenceCount[] {
  const parsed = new Map<string, LicenceCount[]>();
  return (f) => {
    const needed = f.facts?.licencesNeeded;
    if (typeof needed !== 'string') return findingKeys(f, catalog);
    let keys = parsed.get(needed);
    if (!keys) {
      keys = findingKeys(f, catalog);
      parsed.set(needed, keys);
    }
    return keys;
  };
}

/** Licence keys and quantities a finding states. */
function findingKeys(f: Finding, catalog: Catalog): LicenceCount[] {
  const needed = f.facts?.licencesNeeded;
  if (typeof needed === 'string' && needed.trim()) {
    return needed
      .split(';')
      .map((p) => /^(.+):(\d+(?:\.\d+)?)$/.exec(p.trim()))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ key: m[1]!, qty: Number(m[2]) }));
  }
  const key = rowKey({ licenceKey: f.facts?.licenceKey, sku: f.facts?.sku, licence: f.licence }, catalog);
  return key && f.quantity ? [{ key, qty: f.quantity }] : [];
}
