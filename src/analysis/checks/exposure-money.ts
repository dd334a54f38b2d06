import type { ClientConfig } from '../model/client.ts';
import type { LicenceLine, UnitSteps } from './exposure-units.ts';
import { annualNet, monthsBetween, type PriceBasis, unitChargeNonEa } from './pricing.ts';

/** How shortages turn into money for this client (DESIGN.md §5.8, DOMAIN.md §6). */
export interface BillingTerms {
  model: 'non-EA' | 'EA' | 'ELA';
  discountPct: number;
  growthAllowancePct: number;
  swssUpliftPct: number;
  /** EA/ELA: the True Forward date billing starts from (the first one after asOf, else asOf). */
  from?: string;
  /** EA/ELA: the agreement's last day. */
  to?: string;
  /** EA/ELA: months from `from` to `to`, pro rata. */
  months: number;
  /** True when no True Forward date falls after asOf, so billing is assumed to start at asOf. */
  fromAsOf: boolean;
}

export function billingTerms(config: ClientConfig): BillingTerms {
  const a = config.agreement;
  const base = {
    discountPct: config.pricing.discountPct,
    swssUpliftPct: config.pricing.swssUpliftPct,
  };
  if (!a || a.type === 'none' || !a.end) {
    return { model: 'non-EA', ...base, growthAllowancePct: 0, months: 0, fromAsOf: false };
  }
  const next = [...a.trueForward].sort().find((d) => d > config.asOf);
  const from = next ?? config.asOf;
  return {
    model: a.type,
    ...base,
    growthAllowancePct: a.growthAllowancePct,
    from,
    to: a.end,
    months: monthsBetween(from, a.end),
    fromAsOf: next === undefined,
  };
}

export interface Money {
  /** Units billed: the shortage (non-EA) or the units over entitlement plus allowance (EA/ELA). */
  billedUnits: number;
  licence: number;
  swss: number;
  total: number;
}

/**
 * Money for `units` short of one licence (full precision; round only for display).
 * non-EA: units × unit net (perpetual, once) or × the term price (pro rata for its months).
 * EA/ELA: overUnits = max(0, consumed − purchased × (1 + g)) with consumed = purchased + units;
 * licence = overUnits × net (perpetual, once) or × annual net × months/12 (time-based);
 * SWSS = overUnits × (net or annual net) × uplift × months/12.
 */
export function moneyFor(units: number, line: LicenceLine, price: PriceBasis, t: BillingTerms): Money {
  if (t.model === 'non-EA') {
    const licence = units * unitChargeNonEa(price);
    return { billedUnits: units, licence, swss: 0, total: licence };
  }
  const consumed = line.purchased + units;
  const over = Math.max(0, consumed - line.purchased * (1 + t.growthAllowancePct / 100));
  const basis = price.billing === 'once' ? price.netPrice : annualNet(price);
  const years = t.months / 12;
  const licence = price.billing === 'once' ? over * basis : over * basis * years;
  const swss = over * basis * (t.swssUpliftPct / 100) * years;
  return { billedUnits: over, licence, swss, total: licence + swss };
}

export const STEPS = [
  'start',
  'withoutInvisible',
  'afterTransfers',
  'afterReclaims',
  'afterPakConversion',
  'afterSubstitution',
] as const satisfies readonly (keyof UnitSteps)[];
