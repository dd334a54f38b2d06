import type { Assumption } from '../model/report.ts';
import type { ScenarioStep } from './exposure.ts';
import type { BillingTerms } from './exposure-money.ts';
import { DEFAULT_TERM_MONTHS } from './pricing.ts';

/** The exposure formulas and the steps skipped, stated for the methodology page and the PDF. */
export function exposureAssumptions(
  t: BillingTerms,
  currency: string,
  skipped: { step: ScenarioStep['step']; reason: string }[],
): Assumption[] {
  const out: Assumption[] = [
    {
      id: 'exposure-unit-net',
      text: `Unit net price = list price × (1 − ${t.discountPct}/100). Prices in a currency other than ${currency} are not converted: the licence is listed as unpriced. A price row without a currency is taken to be in ${currency}.`,
    },
    {
      id: 'exposure-price-choice',
      text: `A licence is priced by the row whose SKU or name resolves to it; a perpetual licence prefers a one-off (each) price, a term or subscription licence a yearly/monthly price. A yearly or monthly price covers its Term Months (${DEFAULT_TERM_MONTHS} when not stated); an each-price with Term Months covers that term.`,
    },
    {
      id: 'exposure-scenarios',
      text: 'High = every Virtual Account shortage before transfers plus the licences of the invisible estate (devices missing from CSSM). Expected = the shortage left after the transfer plan. Low = expected less licences reclaimed from retired devices, unactivated PAKs converted, and substitution by a higher licence where the hierarchy allows it. Each step only uses units of the same licence (or an allowed higher one) and never counts a unit twice. Reclaims count only freely reclaimable units (reserved units that need a return code are left out); PAK conversion counts unfulfilled PAK units not yet migrated whose service coverage is not lapsed.',
    },
    {
      id: 'exposure-unpriced',
      text: 'A shortage with no usable price is listed as unpriced and left out of the money figures; it is never counted as zero.',
    },
  ];
  if (t.model === 'non-EA') {
    out.push({
      id: 'exposure-non-ea',
      text: 'No Enterprise Agreement: exposure = units short × unit net price (perpetual, billed once) or × the term price (yearly/monthly price × its months). No SWSS uplift is added.',
    });
  } else {
    out.push({
      id: 'exposure-ea',
      text:
        `${t.model}: overUnits = max(0, consumed − purchased × (1 + ${t.growthAllowancePct}/100)), with consumed = purchased + units short in each scenario, per licence across the Smart Account. ` +
        `Billed from ${t.from} to the agreement end ${t.to} (${t.months.toFixed(2)} months, pro rata by calendar month): term/subscription licences at overUnits × annual net × months/12; perpetual licences once at overUnits × unit net. ` +
        `SWSS uplift = ${t.swssUpliftPct}% of the net licence amount per year (the perpetual unit net, or the annual net) × years remaining (months/12). Units over the allowance are not rounded to whole licences.` +
        (t.fromAsOf ? ' No True Forward date falls after asOf, so billing is assumed to start at asOf.' : ''),
    });
  }
  for (const s of skipped) {
    out.push({ id: `exposure-skip-${s.step}`, text: `Scenario step "${s.step}" not applied: ${s.reason}.` });
  }
  return out;
}
