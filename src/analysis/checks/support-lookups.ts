import type { CiscoOneRecord, PakRecord, SupportRecord } from '../model/records.ts';
import { serialOf, udiKey } from '../reconcile/udi.ts';

/**
 * The support records a check can ever look up, decided from the PAK and Cisco ONE records alone.
 * Support lines are read by three keys only (support-index.ts): unactivated-pak asks by the
 * serials a PAK line is bound to, and the Cisco ONE check by a line's serials, or by its SWSS
 * contract when it lists none (swss-continuity.ts). A record under none of those keys is never
 * read, so a load may count it in the ledger without keeping it: at 200,000 devices the support
 * file holds 203,000 records and 46,000 are under those keys. A test compares the analysis made
 * from all the records with the one made from these.
 */
export interface SupportLookups {
  /** Keys of `supportBySerial`: a PAK line's bound serials, as the check asks for them. */
  pakSerials: Set<string>;
  /** Keys of `supportByUdiKey`: the Cisco ONE lines' serials. */
  suiteSerials: Set<string>;
  /** Keys of `supportByContract`: the Cisco ONE lines' SWSS contracts. */
  suiteContracts: Set<string>;
}

export function supportLookups(
  paks: readonly PakRecord[],
  ciscoOne: readonly CiscoOneRecord[],
): SupportLookups {
  const pakSerials = new Set<string>();
  for (const p of paks) for (const u of p.boundUdis) pakSerials.add(u.serial);
  const suiteSerials = new Set<string>();
  const suiteContracts = new Set<string>();
  for (const l of ciscoOne) {
    for (const s of l.serials) suiteSerials.add(udiKey(s));
    // a line is matched by its contract only when it lists no serials (swss-continuity.ts)
    if (l.serials.length === 0 && l.swssContract) suiteContracts.add(l.swssContract);
  }
  return { pakSerials, suiteSerials, suiteContracts };
}

/**
 * The key `supportBySerial` files a record under: a whole UDI cell by its serial, a bare serial as
 * itself (its `udiKey`, which a caller that has it already passes in).
 */
export function serialIndexKey(serial: string, key?: string): string {
  return /[:=]/.test(serial) ? serialOf(serial) : (key ?? udiKey(serial));
}

/** Whether some check can look `r` up: it is under one of the keys in `lookups`. */
export function isLookedUp(r: SupportRecord, lookups: SupportLookups): boolean {
  const key = udiKey(r.serial);
  return (
    lookups.suiteContracts.has(r.contract) ||
    lookups.suiteSerials.has(key) ||
    lookups.pakSerials.has(serialIndexKey(r.serial, key))
  );
}
