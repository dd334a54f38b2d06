import { mergeRefs, type SourceRef } from '../model/evidence.ts';
import { compareText } from '../model/text-order.ts';

/**
 * Licences that removing orphaned product instances returns to a Virtual Account's pool.
 * `viaReturnCode`: reserved (SLR/PLR) licences, which come back only with a reservation return
 * code (generated on the device) or a Cisco case, so they are never counted as freely reclaimable.
 */
export interface Reclaimable {
  virtualAccount: string;
  licenceKey: string;
  licenceType?: string;
  quantity: number;
  viaReturnCode: boolean;
  evidence: SourceRef[];
  findingIds: string[];
}

/** A (VA, licence, type) position as the VA page needs it: balance now and after the transfer plan. */
export interface PositionBefore {
  virtualAccount: string;
  licenceKey: string;
  licence: string;
  licenceType: string;
  inUse: number;
  reserved: number;
  balance: number;
  afterTransfers: number;
}

/** The "after remediation" position: before, after transfers, after reclaims, after return codes. */
export interface PositionAfterRemediation {
  virtualAccount: string;
  licenceKey: string;
  licence: string;
  licenceType: string;
  before: number;
  afterTransfers: number;
  reclaimed: number;
  afterReclaim: number;
  reclaimedViaReturnCode: number;
  afterReturnCodes: number;
}

/** Sum reclaim lines per (VA, licence, type, via return code); sorted, evidence merged. */
export function aggregateReclaims(lines: readonly Reclaimable[]): Reclaimable[] {
  // lines are gathered per group and merged once (merging on every line was quadratic)
  const groups = new Map<string, Reclaimable[]>();
  for (const l of lines) {
    const k = `${l.virtualAccount}\u0000${l.licenceKey}\u0000${l.licenceType ?? ''}\u0000${l.viaReturnCode}`;
    const g = groups.get(k);
    if (g) g.push(l);
    else groups.set(k, [l]);
  }
  return [...groups.values()]
    .map(sumGroup)
    .sort(
      (a, b) =>
        compareText(a.virtualAccount, b.virtualAccount) ||
        compareText(a.licenceKey, b.licenceKey) ||
        compareText(a.licenceType ?? '', b.licenceType ?? '') ||
        Number(a.viaReturnCode) - Number(b.viaReturnCode),
    );
}

/** One group's sum: the first line's fields, quantities added, evidence and finding ids merged. */
function sumGroup(group: readonly Reclaimable[]): Reclaimable {
  const first = group[0]!;
  if (group.length === 1)
    return { ...first, evidence: mergeRefs(first.evidence), findingIds: [...first.findingIds].sort() };
  let quantity = first.quantity;
  const ids = new Set(first.findingIds);
  for (let i = 1; i < group.length; i++) {
    quantity += group[i]!.quantity;
    for (const id of group[i]!.findingIds) ids.add(id);
  }
  return {
    ...first,
    quantity,
    evidence: mergeRefs(...group.map((l) => l.evidence)),
    findingIds: [...ids].sort(),
  };
}

/**
 * Apply reclaims to positions (pure). Each reclaim goes to the position of its VA and licence
 * (its licence type when stated, else the type shortest after transfers). Removing an instance
 * lowers in use, so balance rises by the units reclaimed, capped by what the position has in
 * use: unreserved units for free reclaims, reserved units for return codes.
 */
export function applyReclaims(
  positions: readonly PositionBefore[],
  reclaims: readonly Reclaimable[],
): PositionAfterRemediation[] {
  const rows = positions.map((p) => ({
    p,
    free: 0,
    rc: 0,
  }));
  for (const r of aggregateReclaims(reclaims)) {
    const candidates = rows
      .filter(
        (x) =>
          x.p.virtualAccount === r.virtualAccount &&
          x.p.licenceKey === r.licenceKey &&
          (r.licenceType === undefined || x.p.licenceType === r.licenceType),
      )
      .sort(
        (a, b) => a.p.afterTransfers - b.p.afterTransfers || compareText(a.p.licenceType, b.p.licenceType),
      );
    let left = r.quantity;
    for (const x of candidates) {
      if (left <= 0) break;
      const room = r.viaReturnCode ? x.p.reserved - x.rc : x.p.inUse - x.p.reserved - x.free;
      const take = Math.max(0, Math.min(room, left));
      if (r.viaReturnCode) x.rc += take;
      else x.free += take;
      left -= take;
    }
  }
  return rows.map(({ p, free, rc }) => ({
    virtualAccount: p.virtualAccount,
    licenceKey: p.licenceKey,
    licence: p.licence,
    licenceType: p.licenceType,
    before: p.balance,
    afterTransfers: p.afterTransfers,
    reclaimed: free,
    afterReclaim: p.afterTransfers + free,
    reclaimedViaReturnCode: rc,
    afterReturnCodes: p.afterTransfers + free + rc,
  }));
}
