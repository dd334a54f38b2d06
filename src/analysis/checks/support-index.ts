import type { SupportRecord } from '../model/records.ts';
import { serialOf, udiKey } from '../reconcile/udi.ts';

/**
 * Support records indexed once per support array (memoised on the array itself), so a check can
 * look up a serial's or a contract's records without scanning every record per line. Lookups
 * return records in input order, exactly as `support.filter(…)` would.
 */
export interface SupportIndex {
  /** By `serialOf(record.serial)`: the serial of a bare serial or a whole UDI cell. */
  bySerial: Map<string, number[]>;
  /** By `udiKey(record.serial)`: the normalised cell text. */
  byUdiKey: Map<string, number[]>;
  byContract: Map<string, number[]>;
}

const cache = new WeakMap<readonly SupportRecord[], SupportIndex>();

function push(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}

export function supportIndex(support: readonly SupportRecord[]): SupportIndex {
  let idx = cache.get(support);
  if (idx) return idx;
  idx = { bySerial: new Map(), byUdiKey: new Map(), byContract: new Map() };
  support.forEach((r, i) => {
    const key = udiKey(r.serial);
    // a cell with no UDI keyword is a bare serial: its serial is its key
    push(idx!.bySerial, /[:=]/.test(r.serial) ? serialOf(r.serial) : key, i);
    push(idx!.byUdiKey, key, i);
    push(idx!.byContract, r.contract, i);
  });
  cache.set(support, idx);
  return idx;
}

/** The records under any of `keys`, in input order, each once. */
export function recordsUnder(
  support: readonly SupportRecord[],
  map: Map<string, number[]>,
  keys: Iterable<string>,
): SupportRecord[] {
  const lists: number[][] = [];
  for (const k of keys) {
    const list = map.get(k);
    if (list) lists.push(list);
  }
  // one key's list is already in input order, each record once
  if (lists.length === 1) return lists[0]!.map((i) => support[i]!);
  const at = new Set<number>();
  for (const list of lists) for (const i of list) at.add(i);
  return [...at].sort((a, b) => a - b).map((i) => support[i]!);
}
