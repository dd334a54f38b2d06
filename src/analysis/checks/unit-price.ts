import type { SourceRef } from '../model/evidence.ts';
import type { PriceRecord } from '../model/records.ts';
import type { CheckContext } from './check.ts';

/**
 * Net one-off price of one unit from contracts/prices*: list × (1 − discount). Only prices per
 * unit (`each`) in the client's currency are used: a yearly or monthly price needs a term that a
 * PAK line or an inventory device does not state, so those stay unpriced (never priced as zero).
 */
export function netUnitPrice(
  ctx: CheckContext,
  item: { sku?: string; licenceKey?: string },
): { amount: number; source: SourceRef } | undefined {
  const norm = (s: string) => s.replace(/\s+/g, '').toUpperCase();
  const usable = (p: PriceRecord) =>
    p.unit === 'each' && (!p.currency || p.currency.toUpperCase() === ctx.inputs.config.currency);
  const bySku = item.sku
    ? ctx.inputs.prices.find((p) => usable(p) && norm(p.item) === norm(item.sku!))
    : undefined;
  const byKey = item.licenceKey
    ? ctx.inputs.prices.find((p) => usable(p) && p.licenceKey === item.licenceKey)
    : undefined;
  const hit = bySku ?? byKey;
  if (!hit) return undefined;
  const discount = ctx.inputs.config.pricing.discountPct / 100;
  return { amount: Math.round(hit.listPrice * (1 - discount) * 100) / 100, source: hit.source };
}
