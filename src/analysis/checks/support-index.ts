import type { SupportRecord } from '../model/records.ts';
import { udiKey } from '../reconcile/udi.ts';
import { serialIndexKey } from './support-lookups.ts';

/**
 * Support records indexed once per support array (memoised on the array itself), so a check can
 * look up a serial's or a contract's records without scanning every record per line. Lookups
 * return records in input order, exactly as `support.filter(…)` would.
 *
 * Each index is built on first use (unactivated-pak reads only serials), and a key's positions
 * are a bare number while it has one record: most serials have one, and 200,000 one-element
 * arrays were most of the cost of building the index.
 */
export type SupportPositions = Map<string, number | number[]>;

interface Indexes {
  bySerial?: SupportPositions;
  byUdiKey?: SupportPositions;
  byContract?: SupportPositions;
}

const cache = new WeakMap<readonly SupportRecord[], Indexes>();

function indexesOf(support: readonly SupportRecord[]): Indexes {
  let idx = cache.get(support);
  if (!idx) {
    idx = {};
    cache.set(support, idx);
  }
  return idx;
}

function add(map: SupportPositions, key: string, i: number): void {
  const at = map.get(key);
  if (at === undefined) map.set(key, i);
  else if (typeof at === 'number') map.set(key, [at, i]);
  else at.push(i);
}

/** Both serial indexes: one map when no cell holds a whole UDI (then the keys are the same). */
function buildSerialIndexes(support: readonly SupportRecord[], idx: Indexes): void {
  const byUdiKey: SupportPositions = new Map();
  let wholeUdis = false;
  for (let i = 0; i < support.length; i++) {
    const serial = support[i]!.serial;
    if (!wholeUdis && /[:=]/.test(serial)) wholeUdis = true;
    add(byUdiKey, udiKey(serial), i);
  }
  idx.byUdiKey = byUdiKey;
  if (!wholeUdis) {
    idx.bySerial = byUdiKey;
    return;
  }
  const bySerial: SupportPositions = new Map();
  for (let i = 0; i < support.length; i++) {
    const serial = support[i]!.serial;
    add(bySerial, serialIndexKey(serial), i);
  }
  idx.bySerial = bySerial;
}

/** By `serialOf(record.serial)`: the serial of a bare serial or a whole UDI cell. */
export function supportBySerial(support: readonly SupportRecord[]): SupportPositions {
  const idx = indexesOf(support);
  if (!idx.bySerial) buildSerialIndexes(support, idx);
  return idx.bySerial!;
}

/** By `udiKey(record.serial)`: the normalised cell text. */
export function supportByUdiKey(support: readonly SupportRecord[]): SupportPositions {
  const idx = indexesOf(support);
  if (!idx.byUdiKey) buildSerialIndexes(support, idx);
  return idx.byUdiKey!;
}

export function supportByContract(support: readonly SupportRecord[]): SupportPositions {
  const idx = indexesOf(support);
  if (!idx.byContract) {
    const byContract: SupportPositions = new Map();
    for (let i = 0; i < support.length; i++) add(byContract, support[i]!.contract, i);
    idx.byContract = byContract;
  }
  return idx.byContract;
}

/** The records under any of `keys`, in input order, each once. */
export function recordsUnder(
  support: readonly SupportRecord[],
  map: SupportPositions,
  keys: Iterable<string>,
): SupportRecord[] {
  let first: number | number[] | undefined;
  let more: (number | number[])[] | undefined;
  for (const k of keys) {
    const at = map.get(k);
    if (at === undefined) continue;
    if (first === undefined) first = at;
    else if (more) more.push(at);
    else more = [first, at];
  }
  if (first === undefined) return [];
  // one key's positions are already in input order, each record once
  if (!more) return typeof first === 'number' ? [support[first]!] : first.map((i) => support[i]!);
  const at = new Set<number>();
  for (const list of more)
    if (typeof list === 'number') at.add(list);
    else for (const i of list) at.add(i);
  return [...at].sort((a, b) => a - b).map((i) => support[i]!);
}
