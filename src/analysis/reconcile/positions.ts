import { mergeRefs, type SourceRef } from '../model/evidence.ts';
import type { LicenceRecord } from '../model/records.ts';

/**
 * A licence's position in one Virtual Account: the sum of its rows there. Balance is
 * purchased − in use; reserved units are part of in use, so they are never surplus.
 */
export interface VaPosition {
  virtualAccount: string;
  licenceKey: string;
  licenceName: string;
  licenceType: string;
  known: boolean;
  purchased: number;
  inUse: number;
  reserved: number;
  balance: number;
  rows: SourceRef[];
}

export function positionKey(va: string, licenceKey: string, licenceType: string): string {
  return `${va}\u0000${licenceKey}\u0000${licenceType}`;
}

/** Group licence rows by (VA, licence key, licence type); sorted so output never depends on row order. */
export function vaPositions(licences: readonly LicenceRecord[]): VaPosition[] {
  const map = new Map<string, VaPosition>();
  for (const r of licences) {
    const type = r.licenceType === 'UNKNOWN' ? 'PERPETUAL' : r.licenceType;
    const k = positionKey(r.virtualAccount, r.licenceKey, type);
    let p = map.get(k);
    if (!p) {
      p = {
        virtualAccount: r.virtualAccount,
        licenceKey: r.licenceKey,
        licenceName: r.licenceName,
        licenceType: type,
        known: r.known,
        purchased: 0,
        inUse: 0,
        reserved: 0,
        balance: 0,
        rows: [],
      };
      map.set(k, p);
    }
    p.purchased += r.purchased;
    p.inUse += r.inUse;
    p.reserved += r.reserved;
    p.balance = p.purchased - p.inUse;
    p.rows.push(r.source);
    // the same licence spelt two ways: keep one spelling, chosen without regard to row order
    if (r.licenceName.localeCompare(p.licenceName) < 0) p.licenceName = r.licenceName;
  }
  for (const p of map.values()) p.rows = mergeRefs(p.rows);
  return [...map.values()].sort(
    (a, b) =>
      a.virtualAccount.localeCompare(b.virtualAccount) ||
      a.licenceName.localeCompare(b.licenceName) ||
      a.licenceType.localeCompare(b.licenceType),
  );
}
