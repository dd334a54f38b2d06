/**
 * Cell value parsers shared by every loader. Each returns the value or a reason that names what
 * was expected; loaders turn the reason into a ledger rejection with line and column.
 */
import { detached } from './cell-interner.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

/** Whole, non-negative licence/device counts. Accepts `1,200`, `1.200`, `1 200` thousands forms. */
export function parseCount(raw: string): Parsed<number> {
  const s = raw.trim();
  if (s === '') return bad('expected a whole number, found an empty cell');
  // most cells are plain digits: what the patterns below would conclude, without running them
  if (s.length <= 15 && isDigits(s)) return ok(Number(s));
  let digits = s.replace(/[\s\u00a0\u202f']/g, '');
  if (/^-?\d{1,3}([,.]\d{3})+$/.test(digits)) digits = digits.replace(/[,.]/g, '');
  if (/^-?\d+\.0+$/.test(digits)) digits = digits.replace(/\.0+$/, '');
  if (/^-\d+$/.test(digits)) return bad(`expected a whole number ≥ 0, found "${s}" (negative)`);
  if (/^\d+$/.test(digits)) {
    const n = Number(digits);
    return Number.isSafeInteger(n) ? ok(n) : bad(`expected a whole number, found "${s}" (too large)`);
  }
  if (/^-?\d*[.,]\d+$/.test(digits)) return bad(`expected a whole number, found "${s}" (fractional)`);
  return bad(`expected a whole number, found "${s}"`);
}

function isDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Money: `1234.50`, `1,234.50`, `1.234,50`, `€ 1 234,50`, `USD 99`. */
export function parseMoney(raw: string): Parsed<number> {
  let s = raw
    .trim()
    .replace(/^[A-Z]{3}\s*|\s*[A-Z]{3}$/g, '')
    .replace(/[€$£¥\s\u00a0\u202f']/g, '');
  if (s === '') return bad('expected an amount, found an empty cell');
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma > lastDot) {
    // comma is the decimal separator unless it groups exactly three trailing digits with no dot
    const decimals = s.length - lastComma - 1;
    s =
      lastDot === -1 && decimals === 3 && /^\d{1,3}(,\d{3})+$/.test(s)
        ? s.replace(/,/g, '')
        : s.replace(/\./g, '').replace(',', '.');
  } else {
    s = s.replace(/,/g, '');
  }
  if (!/^-?\d+(\.\d+)?$/.test(s)) return bad(`expected an amount, found "${raw.trim()}"`);
  const n = Number(s);
  if (n < 0) return bad(`expected an amount ≥ 0, found "${raw.trim()}"`);
  return ok(n);
}

export function parsePercent(raw: string): Parsed<number> {
  const m = raw.trim().replace(/%$/, '');
  const v = parseMoney(m);
  return v.ok && v.value <= 100 ? v : bad(`expected a percentage 0-100, found "${raw.trim()}"`);
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

export type DateOrder = 'DMY' | 'MDY';

/**
 * Dates to ISO `YYYY-MM-DD`: ISO (with optional time), `DD.MM.YYYY`, slash dates in the client's
 * `dateOrder` (unambiguous ones either way), `15-Nov-2026`, `Nov 15, 2026`, Excel serials.
 */
export function parseDate(raw: string, order: DateOrder = 'MDY'): Parsed<string> {
  // an estate has a few thousand distinct dates in hundreds of thousands of cells; one memo per
  // order, keyed by the cell itself (no key string to build per cell)
  const memo = order === 'DMY' ? dmyMemo : mdyMemo;
  const hit = memo.get(raw);
  if (hit) return hit;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  const parsed = parseDateText(raw, order);
  // a cell is cut from its piece of the file: a key of its own does not keep the piece alive
  memo.set(detached(raw), parsed);
  return parsed;
}

/** `parseDate` in one order, made once: a loader needs no closure per row. */
export function dateParser(order: DateOrder): (raw: string) => Parsed<string> {
  return order === 'DMY' ? parseDmyDate : parseMdyDate;
}

const parseDmyDate = (raw: string) => parseDate(raw, 'DMY');
const parseMdyDate = (raw: string) => parseDate(raw, 'MDY');

const MEMO_LIMIT = 50_000;
const dmyMemo = new Map<string, Parsed<string>>();
const mdyMemo = new Map<string, Parsed<string>>();

function parseDateText(raw: string, order: DateOrder): Parsed<string> {
  const s = raw.trim();
  if (s === '') return bad('expected a date, found an empty cell');
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) return ymd(+m[1]!, +m[2]!, +m[3]!, s);
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (m) return ymd(+m[3]!, +m[2]!, +m[1]!, s);
  m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?:\s+[\d:]+(?:\s*[AP]M)?)?$/i.exec(s);
  if (m) {
    const a = +m[1]!;
    const b = +m[2]!;
    const [month, day] = a > 12 ? [b, a] : b > 12 ? [a, b] : order === 'MDY' ? [a, b] : [b, a];
    return ymd(+m[3]!, month, day, s);
  }
  m = /^(\d{1,2})[-\s]([A-Za-z]{3,4})[a-z]*[-\s,]+(\d{4})$/.exec(s);
  if (m && MONTHS[m[2]!.toLowerCase()]) return ymd(+m[3]!, MONTHS[m[2]!.toLowerCase()]!, +m[1]!, s);
  m = /^([A-Za-z]{3,4})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})(?:\s.*)?$/.exec(s);
  if (m && MONTHS[m[1]!.toLowerCase()]) return ymd(+m[3]!, MONTHS[m[1]!.toLowerCase()]!, +m[2]!, s);
  if (/^\d{5}(\.\d+)?$/.test(s)) return fromExcelSerial(Number(s));
  return bad(`expected a date (YYYY-MM-DD), found "${s}"`);
}

/** Excel's day 0 is 1899-12-30 (with the 1900 leap-year bug folded in). */
export function fromExcelSerial(serial: number): Parsed<string> {
  if (serial < 20000 || serial > 80000) return bad(`expected a date, found the number ${serial}`);
  const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000);
  return ok(d.toISOString().slice(0, 10));
}

function ymd(y: number, mo: number, d: number, s: string): Parsed<string> {
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1980 || y > 2100 || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) {
    return bad(`expected a real calendar date, found "${s}"`);
  }
  return ok(dt.toISOString().slice(0, 10));
}

/** Days from `a` to `b` (ISO dates), positive when b is later. */
export function daysBetween(a: string, b: string): number {
  return Math.round((epochMs(b) - epochMs(a)) / 86_400_000);
}

const dayMemo = new Map<string, number>();

/** `Date.parse` of an ISO date at UTC midnight, remembered (NaN for a malformed date, as before). */
function epochMs(iso: string): number {
  let t = dayMemo.get(iso);
  if (t === undefined) {
    if (dayMemo.size >= MEMO_LIMIT) dayMemo.clear();
    t = Date.parse(`${iso}T00:00:00Z`);
    dayMemo.set(iso, t);
  }
  return t;
}

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Canonical form for matching names: lower case, single spaces, no surrounding punctuation. */
export function normaliseName(s: string): string {
  return s
    .toLowerCase()
    .replace(/[\s_]+/g, ' ')
    .trim();
}

/** `s.replace(/\s+/g, '')`, without running the regex over text that is all printable ASCII. */
export function withoutWhitespace(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 32 || c >= 127) return s.replace(/\s+/g, '');
  }
  return s;
}
