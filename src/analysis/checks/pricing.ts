import { licenceLookupKey } from '../load/catalog.ts';
import { addDays, daysBetween } from '../load/values.ts';
import type { SourceRef } from '../model/evidence.ts';
import type { PriceRecord } from '../model/records.ts';

/** The price row chosen for a licence, with its net price (list × (1 − discount)) per price unit. */
export interface PriceBasis {
  item: string;
  listPrice: number;
  unit: 'each' | 'year' | 'month';
  termMonths?: number;
  currency: string;
  /** listPrice × (1 − discountPct/100), per `unit`. Full precision. */
  netPrice: number;
  /** `once`: an each-price without a term (a perpetual licence, billed once); else time-based. */
  billing: 'once' | 'time';
  source: SourceRef;
}

export type PriceLookup = { price: PriceBasis } | { price: null; reason: string; evidence: SourceRef[] };

/** A price row's currency; a row without one is taken to be in the client's currency. */
function rowCurrency(p: PriceRecord, clientCurrency: string): string {
  return p.currency ?? clientCurrency;
}

/** Perpetual licences prefer an each-price without term; term/subscription ones a time-based price. */
function preference(p: PriceRecord, licenceType: string): number {
  const once = p.unit === 'each' && p.termMonths === undefined;
  return licenceType === 'PERPETUAL' ? (once ? 0 : 1) : once ? 1 : 0;
}

/**
 * Pick the price of a licence: rows whose item resolved to the licence key, or that name the
 * licence exactly. Rows in another currency are never converted: when only those exist the
 * licence is unpriced, with the reason.
 */
export function findPrice(
  prices: readonly PriceRecord[],
  licenceKey: string,
  licenceName: string,
  licenceType: string,
  clientCurrency: string,
  discountPct: number,
): PriceLookup {
  const name = licenceLookupKey(licenceName);
  const candidates = prices.filter(
    (p) => p.licenceKey === licenceKey || (!p.licenceKey && licenceLookupKey(p.item) === name),
  );
  if (candidates.length === 0)
    return { price: null, reason: 'no price-list row for this licence', evidence: [] };
  const usable = candidates.filter((p) => rowCurrency(p, clientCurrency) === clientCurrency);
  if (usable.length === 0) {
    const found = [...new Set(candidates.map((p) => rowCurrency(p, clientCurrency)))].join(', ');
    return {
      price: null,
      reason: `priced only in ${found}; not converted to ${clientCurrency}`,
      evidence: candidates.map((p) => p.source),
    };
  }
  const p = [...usable].sort(
    (a, b) =>
      preference(a, licenceType) - preference(b, licenceType) ||
      a.source.file.localeCompare(b.source.file) ||
      a.source.line - b.source.line,
  )[0]!;
  return {
    price: {
      item: p.item,
      listPrice: p.listPrice,
      unit: p.unit,
      ...(p.termMonths !== undefined ? { termMonths: p.termMonths } : {}),
      currency: clientCurrency,
      netPrice: p.listPrice * (1 - discountPct / 100),
      billing: p.unit === 'each' && p.termMonths === undefined ? 'once' : 'time',
      source: p.source,
    },
  };
}

/** Months a time-based price covers when bought à la carte: its Term Months, else 12. */
export const DEFAULT_TERM_MONTHS = 12;

/**
 * Net price of one unit bought outside an agreement: an each-price as is (for its term, if it
 * has one); a yearly or monthly price pro rata for its Term Months (12 when not stated).
 */
export function unitChargeNonEa(p: PriceBasis): number {
  const months = p.termMonths ?? DEFAULT_TERM_MONTHS;
  if (p.unit === 'each') return p.netPrice;
  return p.unit === 'year' ? (p.netPrice * months) / 12 : p.netPrice * months;
}

/** Net price of one unit for one year: the basis of time-based True Forward billing and of SWSS. */
export function annualNet(p: PriceBasis): number {
  if (p.unit === 'year') return p.netPrice;
  if (p.unit === 'month') return p.netPrice * 12;
  return p.termMonths ? (p.netPrice * 12) / p.termMonths : p.netPrice;
}

function addMonths(iso: string, n: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/**
 * Months from `from` to `endInclusive` (the agreement's last day): whole calendar months, plus
 * the remaining days as a fraction of the next month. 2027-02-01 → 2029-01-31 is exactly 24.
 */
export function monthsBetween(from: string, endInclusive: string): number {
  const to = addDays(endInclusive, 1);
  if (to <= from) return 0;
  let n = 0;
  while (addMonths(from, n + 1) <= to) n++;
  const start = addMonths(from, n);
  const rest = daysBetween(start, to);
  return rest === 0 ? n : n + rest / daysBetween(start, addMonths(from, n + 1));
}
