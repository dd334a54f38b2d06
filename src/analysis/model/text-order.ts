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

/** Characters of a plain key that one 32-bit word holds: 37^6 < 2^32. Two words hold twelve. */
const WORD_CHARS = 6;

/**
 * The order in which `compareText` sorts distinct strings, as positions in `list`. Plain keys
 * (device serials) are ranked by a radix sort (`orderOfPlainText`): 200,000 device keys in a few
 * tens of ms where the string sort took 130-150 ms. Other strings go by `orderByText` (strings that
 * collate equal in the order they come).
 */
export function orderOfDistinctText(list: readonly string[]): number[] {
  return orderOfPlainText(list) ?? orderByText(list, (a, b) => a - b);
}

/**
 * The stable order in which `compareText` sorts `list` (equal strings keep their positions'
 * order), as positions in it; undefined unless every string is a plain key (`inCodeOrder`).
 * A radix sort of two numbers made of each key's first twelve characters, which tell keys of up
 * to twelve characters (every serial measured) apart; longer keys that tie on them go by code
 * unit.
 */
export function orderOfPlainText(list: readonly string[]): number[] | undefined {
  return sortPlainKeys(list)?.order;
}

/** Plain keys in order (`orderOfPlainText`), with the two numbers each is ranked by, in that order. */
export interface SortedPlainKeys {
  order: number[];
  /** `plainKeyHigh` and `plainKeyLow` of the key at each place of `order`. */
  high: Uint32Array;
  low: Uint32Array;
  /** Whether a key is longer than the twelve characters the numbers hold. */
  long: boolean;
}

/** `orderOfPlainText`, keeping the numbers it ranked by (the device join looks keys up by them). */
export function sortPlainKeys(list: readonly string[]): SortedPlainKeys | undefined {
  if (!list.every(inCodeOrder)) return undefined;
  const n = list.length;
  // two sets of buffers that the passes write into in turn: fresh ones for each of the six passes
  // were 27 MB of new memory at 370,000 keys (a first sort took 187-213 ms, against 134-137 ms)
  let a = { order: new Uint32Array(n), high: new Uint32Array(n), low: new Uint32Array(n) };
  let b = { order: new Uint32Array(n), high: new Uint32Array(n), low: new Uint32Array(n) };
  let long = false;
  for (let i = 0; i < n; i++) {
    const s = list[i]!;
    a.high[i] = word(s, 0);
    a.low[i] = word(s, WORD_CHARS);
    a.order[i] = i;
    if (s.length > 2 * WORD_CHARS) long = true;
  }
  // least significant word first, 11 bits a pass; the codes move with the positions, so every
  // pass reads its input in order (reading them through the positions missed the cache)
  for (const part of ['low', 'high'] as const) {
    for (let shift = 0; shift < 32; shift += DIGIT_BITS) {
      radixPass(a, b, part, shift);
      [a, b] = [b, a];
    }
  }
  const { order, high, low } = a;
  // not Array.from: it walks a typed array through its iterator, a result object per key
  const out: number[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = order[i]!;
  if (long) breakLongTies(list, out, high, low);
  return { order: out, high, low, long };
}

/**
 * The two numbers a plain key is ranked by: its characters 1-6 and 7-12 (`orderOfPlainText`).
 * Keys of up to twelve characters are equal exactly when both numbers are.
 */
export const plainKeyHigh = (s: string): number => word(s, 0);
export const plainKeyLow = (s: string): number => word(s, WORD_CHARS);

function word(s: string, from: number): number {
  let code = 0;
  for (let k = from; k < from + WORD_CHARS; k++)
    code = code * 37 + (k < s.length ? RANK[s.charCodeAt(k)]! : 0);
  return code;
}

/** Keys longer than twelve characters whose first twelve tie: by code unit, equal keys in position order. */
function breakLongTies(list: readonly string[], out: number[], high: Uint32Array, low: Uint32Array): void {
  for (let a = 0; a < out.length; ) {
    let b = a + 1;
    while (b < out.length && high[b] === high[a] && low[b] === low[a]) b++;
    if (b - a > 1) {
      const run = out.slice(a, b).sort((x, y) => {
        const p = list[x]!;
        const q = list[y]!;
        return p < q ? -1 : p > q ? 1 : x - y;
      });
      for (let k = 0; k < run.length; k++) out[a + k] = run[k]!;
    }
    a = b;
  }
}

const DIGIT_BITS = 11;
const DIGIT_MASK = (1 << DIGIT_BITS) - 1;

interface Codes {
  order: Uint32Array;
  high: Uint32Array;
  low: Uint32Array;
}

/** One stable counting-sort pass of `from` into `to` on the 11 bits from `shift` of one word. */
function radixPass(from: Codes, to: Codes, part: 'high' | 'low', shift: number): void {
  const digits = from[part];
  const n = digits.length;
  const counts = new Uint32Array(DIGIT_MASK + 2);
  for (let i = 0; i < n; i++) counts[((digits[i]! >>> shift) & DIGIT_MASK) + 1]!++;
  for (let d = 1; d <= DIGIT_MASK + 1; d++) counts[d]! += counts[d - 1]!;
  for (let i = 0; i < n; i++) {
    const at = counts[(digits[i]! >>> shift) & DIGIT_MASK]!++;
    to.order[at] = from.order[i]!;
    to.high[at] = from.high[i]!;
    to.low[at] = from.low[i]!;
  }
}

/**
 * Sorting many texts in `compareText` order with most comparisons made on numbers.
 *
 * The collator compares two strings by the primary weights of their characters first (letters
 * regardless of case or accent, digits, punctuation), over the whole strings, and looks at case
 * and accents only when those are equal. In the English and root orders each printable ASCII
 * character has one primary weight of its own (no contractions, nothing ignored), so two numbers
 * made of the weights of a string's first sixteen characters order any two strings whose weights
 * differ there exactly as the collator does. Only strings whose numbers tie go to the collator.
 *
 * 48,000 finding titles took 140-170 ms to sort with the collator at 200,000 devices.
 */

/** Characters whose primary weight the numbers hold: printable ASCII. */
const FIRST = 0x20;
const LAST = 0x7e;

const base = new Intl.Collator(undefined, { sensitivity: 'base' });

/**
 * Each printable ASCII character's primary weight as a rank from 1 (0 ends a string); empty when
 * the default locale is not English, whose order this rests on.
 */
const PRIMARY_RANK = new Uint8Array(128);
let ranks = 0;
if (/^en(-|$)/.test(base.resolvedOptions().locale)) {
  const chars: string[] = [];
  for (let c = FIRST; c <= LAST; c++) chars.push(String.fromCharCode(c));
  chars.sort(base.compare);
  for (let i = 0; i < chars.length; i++) {
    if (i === 0 || base.compare(chars[i - 1]!, chars[i]!) !== 0) ranks++;
    PRIMARY_RANK[chars[i]!.charCodeAt(0)] = ranks;
  }
}

/** Characters one number holds: (ranks + 1)^8 stays below 2^53 for up to 90 ranks. */
const CHARS_PER_NUMBER = 8;
const RADIX = ranks + 1;
const USABLE = ranks > 0 && RADIX ** CHARS_PER_NUMBER < Number.MAX_SAFE_INTEGER;

/**
 * The order in which `compareText` sorts `list`, positions whose texts compare equal ordered by
 * `tie`, as positions in `list`. Falls back to the collator for every comparison when a text has
 * a character other than printable ASCII among its first sixteen.
 */
export function orderByText(list: readonly string[], tie: (a: number, b: number) => number): number[] {
  const n = list.length;
  const order: number[] = new Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const byCollator = (a: number, b: number) => compareText(list[a]!, list[b]!) || tie(a, b);
  if (!USABLE) return order.sort(byCollator);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  if (!fillPrefixNumbers(list, high, low)) return order.sort(byCollator);
  return order.sort(
    (a, b) => high[a]! - high[b]! || low[a]! - low[b]! || compareText(list[a]!, list[b]!) || tie(a, b),
  );
}

/** Each text's two numbers; false at the first text they cannot describe. */
function fillPrefixNumbers(list: readonly string[], high: Float64Array, low: Float64Array): boolean {
  for (let i = 0; i < list.length; i++) {
    const s = list[i]!;
    const h = prefixNumber(s, 0);
    const l = prefixNumber(s, CHARS_PER_NUMBER);
    if (h < 0 || l < 0) return false;
    high[i] = h;
    low[i] = l;
  }
  return true;
}

/** The ranks of `s`'s characters from `from`, eight of them, as one number; -1 past printable ASCII. */
function prefixNumber(s: string, from: number): number {
  let code = 0;
  for (let k = from; k < from + CHARS_PER_NUMBER; k++) {
    let rank = 0;
    if (k < s.length) {
      const c = s.charCodeAt(k);
      rank = c < 128 ? PRIMARY_RANK[c]! : 0;
      if (rank === 0) return -1;
    }
    code = code * RADIX + rank;
  }
  return code;
}
