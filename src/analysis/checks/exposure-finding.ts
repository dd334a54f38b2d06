import { type Finding, makeFinding } from '../model/finding.ts';
import type { ExposureLine } from './exposure.ts';
import type { BillingTerms } from './exposure-money.ts';

/** Display only: amounts keep full precision in the Report. */
export function formatMoney(amount: number, currency: string): string {
  return `${currency} ${amount.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/**
 * Units over the growth allowance: the allowance is a percentage of what was purchased, so the
 * count can be fractional; shown to two decimals at most, never as a float's binary tail.
 */
export function formatBilledUnits(units: number): string {
  return String(Math.round(units * 100) / 100);
}

/** One exposure finding per licence short (findings.csv row): amount = the expected figure, null when unpriced. */
export function exposureFinding(l: ExposureLine, currency: string, t: BillingTerms): Finding {
  const u = l.units;
  const money =
    l.expected === null
      ? `unpriced (${l.unpricedReason})`
      : `${formatMoney(l.expected, currency)} expected (${formatMoney(l.low ?? 0, currency)} to ${formatMoney(l.high ?? 0, currency)})`;
  return makeFinding({
    key: `${l.licenceKey}|${l.licenceType}`,
    family: 'exposure',
    severity:
      l.expected === null ? (u.afterTransfers > 0 ? 'medium' : 'low') : l.expected > 0 ? 'high' : 'low',
    title:
      `${l.licence} (${l.licenceType.toLowerCase()}): ${u.afterTransfers} short after transfers` +
      (t.model !== 'non-EA' && l.money
        ? ` (${formatBilledUnits(l.money.afterTransfers.billedUnits)} over the growth allowance)`
        : '') +
      `, ${l.expected === null ? 'unpriced' : formatMoney(l.expected, currency)}`,
    detail:
      `Short before transfers: ${l.vaShortage}` +
      (l.invisible ? `, plus ${l.invisible} for the invisible estate` : '') +
      `; after transfers ${u.afterTransfers}; after reclaims ${u.afterReclaims}; after PAK conversion ${u.afterPakConversion}; after substitution ${u.afterSubstitution}. ` +
      (t.model === 'non-EA'
        ? 'Priced as à-la-carte purchases. '
        : `Billed at True Forward from ${t.from} to ${t.to} (${t.months.toFixed(2)} months) for units over ${l.purchased} purchased + ${t.growthAllowancePct}% growth allowance. `) +
      `Money: ${money}.`,
    licence: l.licence,
    quantity: u.afterTransfers,
    amount: l.expected,
    action:
      l.expected === null
        ? 'Add a price for this licence to contracts/prices* (in the client currency) to size the exposure.'
        : u.afterTransfers > 0
          ? 'Budget for the expected figure, or remediate (reclaim, convert PAKs, substitute) before the true-up.'
          : 'Carry out the transfer plan before the true-up.',
    evidence: l.evidence,
    facts: {
      licenceKey: l.licenceKey,
      licenceType: l.licenceType,
      unitsHigh: u.start,
      unitsExpected: u.afterTransfers,
      unitsLow: u.afterSubstitution,
      high: l.high,
      expected: l.expected,
      low: l.low,
      netPrice: l.price?.netPrice ?? null,
      priceUnit: l.price?.unit ?? null,
    },
  });
}
