import { RowError } from './columns.ts';
import type { Parsed } from './values.ts';

/**
 * Cell parsers for the contract inputs (Cisco ONE, support, prices): small vocabularies that
 * reject anything they do not know, naming what was expected.
 */

export function parseSuiteModel(raw: string): Parsed<'perpetual' | 'term' | 'unknown'> {
  const s = raw.trim().toLowerCase();
  if (s === '') return { ok: true, value: 'unknown' };
  if (/^(perpetual|perp|p)$/.test(s)) return { ok: true, value: 'perpetual' };
  if (/^(term|subscription|sub|t)$/.test(s)) return { ok: true, value: 'term' };
  return { ok: false, reason: `expected Model perpetual or term, found "${raw.trim()}"` };
}

export function parsePriceUnit(raw: string): Parsed<'each' | 'year' | 'month'> {
  const s = raw
    .trim()
    .toLowerCase()
    .replace(/^per[\s-]*/, '');
  if (s === '' || /^(each|unit|ea|one-?time|once|perpetual)$/.test(s)) return { ok: true, value: 'each' };
  if (/^(year|yearly|annual|annually|yr|y|12 ?months?)$/.test(s)) return { ok: true, value: 'year' };
  if (/^(month|monthly|mo|m)$/.test(s)) return { ok: true, value: 'month' };
  return { ok: false, reason: `expected Unit each, year or month, found "${raw.trim()}"` };
}

export function parseCurrency(raw: string): Parsed<string> {
  const s = raw.trim().toUpperCase();
  const symbol: Record<string, string> = { '€': 'EUR', $: 'USD', '£': 'GBP' };
  if (symbol[s]) return { ok: true, value: symbol[s] };
  return /^[A-Z]{3}$/.test(s)
    ? { ok: true, value: s }
    : { ok: false, reason: `expected a 3-letter ISO currency code such as EUR, found "${raw.trim()}"` };
}

/** A currency code written inside the price cell itself (`USD 1,200`, `1 200 EUR`). */
export function currencyInAmount(raw: string): string | undefined {
  return /^\s*([A-Z]{3})\s*\d|\d\s*([A-Z]{3})\s*$/.exec(raw)?.slice(1).find(Boolean);
}

/** Serial lists: `FOC1;FOC2`, `FOC1, FOC2`, `FOC1 FOC2`, one per line. */
export function parseSerialList(raw: string): string[] {
  return [
    ...new Set(
      raw
        .split(/[;,|\s]+/)
        .map((s) => s.trim().toUpperCase())
        .filter(Boolean),
    ),
  ];
}

export function requireOrder(start: string, end: string, column: string): void {
  if (end < start)
    throw new RowError(`expected End Date on or after Start Date (${start}), found ${end}`, column);
}
