/**
 * `a.localeCompare(b)` with the default locale, from one collator made once: the same order,
 * without resolving the locale on every comparison (sorting 200,000 device keys calls it
 * millions of times).
 */
const collator = new Intl.Collator();
export const compareText: (a: string, b: string) => number = collator.compare;

/**
 * English collation gives each of 0-9 and A-Z its own primary weight, in code-unit order, with
 * no contractions: strings made only of them sort by code unit exactly as `compareText` sorts
 * them. Other locales may reorder letters (Danish "AA", Lithuanian "Y"), so they never take it.
 */
const PLAIN_IS_CODE_ORDER = /^en(-|$)/.test(collator.resolvedOptions().locale);

/** Characters a plain key may hold, ranked in code-unit order from 1 (0 ends a key): 0-9, A-Z. */
const RANK = new Uint8Array(128);
for (let c = 48; c <= 57; c++) RANK[c] = c - 47;
for (let c = 65; c <= 90; c++) RANK[c] = c - 54;

/** Whether `compareText` orders `s` against other such strings by plain code units. */
export function inCodeOrder(s: string): boolean {
  if (!PLAIN_IS_CODE_ORDER) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || RANK[c] === 0) return false;
  }
  return true;
}

/** Characters of a plain key that its number holds: 37^10 < 2^53, so the number is exact. */
const PREFIX = 10;
const LOW = 2 ** 24;

/**
 * The order in which `compareText` sorts distinct strings, as positions in `list`. Plain keys
 * (device serials) are ranked by a radix sort (`orderOfPlainText`): 200,000 device keys in a few
 * tens of ms where the string sort took 130-150 ms. Other strings go through the collator.
 */
export function orderOfDistinctText(list: readonly string[]): number[] {
  return orderOfPlainText(list) ?? collatorOrder(list);
}

/**
 * The stable order in which `compareText` sorts `list` (equal strings keep their positions'
 * order), as positions in it; undefined unless every string is a plain key (`inCodeOrder`).
 * A radix sort of a number made of each key's first ten characters, then by code unit where
 * that number ties.
 */
export function orderOfPlainText(list: readonly string[]): number[] | undefined {
  if (!list.every(inCodeOrder)) return undefined;
  const n = list.length;
  const high = new Uint32Array(n);
  const low = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const s = list[i]!;
    let code = 0;
    for (let k = 0; k < PREFIX; k++) code = code * 37 + (k < s.length ? RANK[s.charCodeAt(k)]! : 0);
    high[i] = Math.floor(code / LOW);
    low[i] = code % LOW;
  }
  let order: Uint32Array = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // least significant digit first, 12 bits a pass: two passes over the low 24 bits, three over the high 29
  order = radixPass(radixPass(order, low, 0), low, 12);
  order = radixPass(radixPass(radixPass(order, high, 0), high, 12), high, 24);
  const out = Array.from(order);
  // keys whose first ten characters tie: by code unit, which is the collator's order for plain
  // keys; equal keys stay in position order, as the stable passes left them
  for (let a = 0; a < n; ) {
    let b = a + 1;
    let mixed = false;
    while (b < n && high[out[b]!] === high[out[a]!] && low[out[b]!] === low[out[a]!]) {
      if (list[out[b]!] !== list[out[a]!]) mixed = true;
      b++;
    }
    if (mixed) {
      const run = out.slice(a, b).sort((x, y) => {
        const p = list[x]!;
        const q = list[y]!;
        return p < q ? -1 : p > q ? 1 : x - y;
      });
      for (let k = 0; k < run.length; k++) out[a + k] = run[k]!;
    }
    a = b;
  }
  return out;
}

/** One stable counting-sort pass of `order` on the 12 bits of `digits` from `shift`. */
function radixPass(order: Uint32Array, digits: Uint32Array, shift: number): Uint32Array {
  const counts = new Uint32Array(4097);
  for (let i = 0; i < order.length; i++) counts[((digits[order[i]!]! >>> shift) & 4095) + 1]!++;
  for (let d = 1; d <= 4096; d++) counts[d]! += counts[d - 1]!;
  const out = new Uint32Array(order.length);
  for (let i = 0; i < order.length; i++) {
    const at = order[i]!;
    out[counts[(digits[at]! >>> shift) & 4095]!++] = at;
  }
  return out;
}

function collatorOrder(list: readonly string[]): number[] {
  return Array.from(list.keys()).sort((a, b) => compareText(list[a]!, list[b]!));
}
