import { licenceDisplayName } from '../load/catalog.ts';
import type { Catalog } from '../model/catalog.ts';
import { mergeRefs, type SourceRef } from '../model/evidence.ts';
import type { Substitution } from '../reconcile/hierarchy.ts';
import type { LicenceUnits } from './remediation-inputs.ts';
import type { PositionRow } from './va-imbalance.ts';

/** Units short of one licence after each remediation step, in the order the scenario table applies them. */
export interface UnitSteps {
  /** Every VA shortage before transfers + the invisible estate's licences (the high case). */
  start: number;
  withoutInvisible: number;
  /** Residual after transfers (the expected case). */
  afterTransfers: number;
  afterReclaims: number;
  afterPakConversion: number;
  /** After substitution where the hierarchy allows it (the low case). */
  afterSubstitution: number;
}

/** One licence (key and type) at Smart Account level, as the exposure table shows it. */
export interface LicenceLine {
  licenceKey: string;
  licence: string;
  licenceType: string;
  purchased: number;
  consumed: number;
  vaShortage: number;
  invisible: number;
  units: UnitSteps;
  substitutedBy: { licenceKey: string; quantity: number; basis: Substitution['basis'] }[];
  evidence: SourceRef[];
  vaFindingIds: string[];
  remediationFindingIds: string[];
}

export type PositionLike = Pick<
  PositionRow,
  | 'virtualAccount'
  | 'licenceKey'
  | 'licence'
  | 'licenceType'
  | 'purchased'
  | 'inUse'
  | 'balance'
  | 'afterTransfers'
  | 'rows'
  | 'findingId'
>;

interface Remediation {
  invisible: LicenceUnits[];
  reclaims: LicenceUnits[];
  conversions: LicenceUnits[];
  substitutions: Substitution[];
}

/** Draw `units` from a per-key pool (shared by every line of the key), returning what was taken. */
function draw(pool: Map<string, number>, key: string, want: number): number {
  const have = pool.get(key) ?? 0;
  const q = Math.min(have, want);
  pool.set(key, have - q);
  return q;
}

export function licenceLines(
  positions: readonly PositionLike[],
  rem: Remediation,
  catalog: Catalog,
): LicenceLine[] {
  const lines = new Map<string, LicenceLine>();
  const lineFor = (key: string, name: string, type: string) => {
    const k = `${key}\u0000${type}`;
    let l = lines.get(k);
    if (!l) {
      l = {
        licenceKey: key,
        licence: name,
        licenceType: type,
        purchased: 0,
        consumed: 0,
        vaShortage: 0,
        invisible: 0,
        units: {
          start: 0,
          withoutInvisible: 0,
          afterTransfers: 0,
          afterReclaims: 0,
          afterPakConversion: 0,
          afterSubstitution: 0,
        },
        substitutedBy: [],
        evidence: [],
        vaFindingIds: [],
        remediationFindingIds: [],
      };
      lines.set(k, l);
    }
    return l;
  };
  // SA-level surplus after transfers, per licence key: what substitution may draw on
  const surplus = new Map<string, number>();
  for (const p of positions) {
    const l = lineFor(p.licenceKey, p.licence, p.licenceType);
    l.purchased += p.purchased;
    l.consumed += p.inUse;
    l.vaShortage += Math.max(0, -p.balance);
    l.units.afterTransfers += Math.max(0, -p.afterTransfers);
    l.evidence = mergeRefs(l.evidence, p.rows);
    if (p.findingId) l.vaFindingIds.push(p.findingId);
    surplus.set(p.licenceKey, (surplus.get(p.licenceKey) ?? 0) + Math.max(0, p.afterTransfers));
  }
  for (const u of rem.invisible) {
    const existing = [...lines.values()]
      .filter((l) => l.licenceKey === u.licenceKey)
      .sort((a, b) => a.licenceType.localeCompare(b.licenceType))[0];
    const type =
      existing?.licenceType ??
      catalog.licences.find((c) => c.key === u.licenceKey)?.licenceType ??
      'PERPETUAL';
    const l = lineFor(u.licenceKey, existing?.licence ?? licenceDisplayName(catalog, u.licenceKey), type);
    l.invisible += u.quantity;
    l.evidence = mergeRefs(l.evidence, u.evidence);
    for (const id of u.findingIds) l.remediationFindingIds.push(id);
  }
  const pool = (list: LicenceUnits[]) => new Map(list.map((u) => [u.licenceKey, u.quantity]));
  const reclaims = pool(rem.reclaims);
  const conversions = pool(rem.conversions);
  const sorted = [...lines.values()].sort(
    (a, b) => a.licence.localeCompare(b.licence) || a.licenceType.localeCompare(b.licenceType),
  );
  const refsOf = (list: LicenceUnits[], key: string) => list.find((u) => u.licenceKey === key);
  for (const l of sorted) {
    l.units.start = l.vaShortage + l.invisible;
    l.units.withoutInvisible = l.vaShortage;
    const r = draw(reclaims, l.licenceKey, l.units.afterTransfers);
    l.units.afterReclaims = l.units.afterTransfers - r;
    const c = draw(conversions, l.licenceKey, l.units.afterReclaims);
    l.units.afterPakConversion = l.units.afterReclaims - c;
    for (const [list, used] of [
      [rem.reclaims, r],
      [rem.conversions, c],
    ] as const) {
      const u = refsOf(list, l.licenceKey);
      if (u && used > 0) {
        l.evidence = mergeRefs(l.evidence, u.evidence);
        for (const id of u.findingIds) l.remediationFindingIds.push(id);
      }
    }
    let left = l.units.afterPakConversion;
    for (const s of rem.substitutions.filter((x) => x.lower === l.licenceKey)) {
      const q = draw(surplus, s.higher, left);
      if (q > 0) l.substitutedBy.push({ licenceKey: s.higher, quantity: q, basis: s.basis });
      left -= q;
    }
    l.units.afterSubstitution = left;
    l.remediationFindingIds = [...new Set(l.remediationFindingIds)].sort();
  }
  return sorted.filter((l) => l.units.start > 0);
}
