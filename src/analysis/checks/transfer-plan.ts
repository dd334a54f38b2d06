import type { SourceRef } from '../model/evidence.ts';
import { mergeRefs } from '../model/evidence.ts';
import type { TransferLine } from '../model/report.ts';
import type { VaPosition } from '../reconcile/positions.ts';

/** CSSM transfers licences between two VAs in one request of at most this many licence types. */
export const MAX_LICENCE_TYPES_PER_REQUEST = 10;

interface Need {
  va: string;
  qty: number;
  rows: SourceRef[];
}

export interface PlannedMove {
  from: string;
  to: string;
  licenceKey: string;
  licence: string;
  licenceType: string;
  quantity: number;
  evidence: SourceRef[];
}

/**
 * Match surpluses to shortages for one licence (same key and type, same Smart Account) with few
 * transfers: each shortage, largest first, takes an exact-size surplus if there is one, else the
 * smallest surplus that covers it whole, else the largest surplus and continues with the rest.
 * Only the balance (purchased − in use) moves; reserved units are in use and never move.
 */
export function planLicence(positions: readonly VaPosition[]): PlannedMove[] {
  const first = positions[0];
  if (!first) return [];
  const surplus: Need[] = positions
    .filter((p) => p.balance > 0)
    .map((p) => ({ va: p.virtualAccount, qty: p.balance, rows: p.rows }))
    .sort((a, b) => b.qty - a.qty || a.va.localeCompare(b.va));
  const shortage: Need[] = positions
    .filter((p) => p.balance < 0)
    .map((p) => ({ va: p.virtualAccount, qty: -p.balance, rows: p.rows }))
    .sort((a, b) => b.qty - a.qty || a.va.localeCompare(b.va));
  const moves: PlannedMove[] = [];
  const move = (from: Need, to: Need, qty: number) => {
    moves.push({
      from: from.va,
      to: to.va,
      licenceKey: first.licenceKey,
      licence: first.licenceName,
      licenceType: first.licenceType,
      quantity: qty,
      evidence: mergeRefs(from.rows, to.rows),
    });
    from.qty -= qty;
    to.qty -= qty;
  };
  for (const need of shortage) {
    while (need.qty > 0) {
      const open = surplus.filter((s) => s.qty > 0);
      if (open.length === 0) break;
      const exact = open.find((s) => s.qty === need.qty);
      const cover = open
        .filter((s) => s.qty >= need.qty)
        .sort((a, b) => a.qty - b.qty || a.va.localeCompare(b.va))[0];
      const donor = exact ?? cover ?? open.sort((a, b) => b.qty - a.qty || a.va.localeCompare(b.va))[0]!;
      move(donor, need, Math.min(donor.qty, need.qty));
    }
  }
  return moves;
}

/**
 * Group moves into CSSM transfer requests: one (from VA, to VA) pair per request, at most
 * MAX_LICENCE_TYPES_PER_REQUEST licence types each, numbered from 1 in a stable order.
 */
export function groupIntoRequests(moves: readonly PlannedMove[]): TransferLine[] {
  const byPair = Map.groupBy(moves, (m) => `${m.from}\u0000${m.to}`);
  const lines: TransferLine[] = [];
  let request = 0;
  for (const k of [...byPair.keys()].sort()) {
    const list = byPair
      .get(k)!
      .sort((a, b) => a.licence.localeCompare(b.licence) || a.licenceType.localeCompare(b.licenceType));
    const types: string[] = [];
    for (const m of list) {
      const t = `${m.licenceKey}\u0000${m.licenceType}`;
      if (!types.includes(t)) {
        if (types.length % MAX_LICENCE_TYPES_PER_REQUEST === 0) request++;
        types.push(t);
      }
      lines.push({
        request,
        fromVirtualAccount: m.from,
        toVirtualAccount: m.to,
        licence: m.licence,
        licenceKey: m.licenceKey,
        licenceType: m.licenceType,
        quantity: m.quantity,
        evidence: m.evidence,
      });
    }
  }
  return lines;
}

/** Positions after applying moves: balance per (VA, licence, type) key. */
export function applyMoves(
  positions: readonly VaPosition[],
  moves: readonly PlannedMove[],
): Map<string, number> {
  const after = new Map<string, number>();
  const key = (va: string, l: string, t: string) => `${va}\u0000${l}\u0000${t}`;
  for (const p of positions) after.set(key(p.virtualAccount, p.licenceKey, p.licenceType), p.balance);
  for (const m of moves) {
    const from = key(m.from, m.licenceKey, m.licenceType);
    const to = key(m.to, m.licenceKey, m.licenceType);
    after.set(from, (after.get(from) ?? 0) - m.quantity);
    after.set(to, (after.get(to) ?? 0) + m.quantity);
  }
  return after;
}
