import { licenceLookupKey } from '../load/catalog.ts';
import { mergeRefs, type SourceRef } from '../model/evidence.ts';
import type { Finding } from '../model/finding.ts';
import type { Assumption, ExposureSummary } from '../model/report.ts';
import { allowedSubstitutions, type Substitution } from '../reconcile/hierarchy.ts';
import { type Check, type CheckContext, type CheckResult, partitionInputs } from './check.ts';
import { exposureAssumptions } from './exposure-assumptions.ts';
import { exposureFinding } from './exposure-finding.ts';
import { type BillingTerms, billingTerms, type Money, moneyFor, STEPS } from './exposure-money.ts';
import { type LicenceLine, licenceLines, type PositionLike, type UnitSteps } from './exposure-units.ts';
import { findPrice, type PriceBasis } from './pricing.ts';
import { type FamilyUnits, familyUnits, TABLES } from './remediation-inputs.ts';
import type { VaImbalanceData } from './va-imbalance.ts';

/** One licence's exposure: units at each step, the price used, and money for high/expected/low. */
export interface ExposureLine extends LicenceLine {
  price: PriceBasis | null;
  unpricedReason?: string;
  /** Money at each step (null when unpriced). */
  money: Record<keyof UnitSteps, Money> | null;
  high: number | null;
  expected: number | null;
  low: number | null;
  /** Set when the line is money at stake after transfers (or unpriced units): one finding per such licence. */
  findingId?: string;
}

/** One row of the scenario table: exposure after each remediation step in turn. */
export interface ScenarioStep {
  step: 'start' | 'invisible-estate' | 'transfers' | 'reclaims' | 'pak-conversion' | 'substitution';
  label: string;
  units: number;
  amount: number;
  delta: number;
  /** False when the step's source family was missing or unavailable: the step changes nothing. */
  applied: boolean;
  note?: string;
}

export interface UnpricedLicence {
  licenceKey: string;
  licence: string;
  licenceType: string;
  /** Units short in the high case. */
  units: number;
  reason: string;
}

/** A price-list row trueup did not use, and why (currency, unknown item). */
export interface PriceNote {
  file: string;
  line: number;
  item: string;
  reason: string;
}

export interface ExposureData {
  /** Null when no price list was supplied: the report then shows no money figure rather than zeros. */
  summary: ExposureSummary | null;
  terms: BillingTerms;
  lines: ExposureLine[];
  scenarios: ScenarioStep[];
  unpriced: UnpricedLicence[];
  priceNotes: PriceNote[];
  substitutions: Substitution[];
  /** Remediation steps skipped because their family was missing, with the reason. */
  skipped: { step: ScenarioStep['step']; reason: string }[];
}

const STEP_META: { step: ScenarioStep['step']; key: (typeof STEPS)[number]; label: string }[] = [
  {
    step: 'start',
    key: 'start',
    label: 'Every VA shortage before transfers, and the invisible estate (high)',
  },
  {
    step: 'invisible-estate',
    key: 'withoutInvisible',
    label: 'Invisible estate stays on its traditional licences',
  },
  { step: 'transfers', key: 'afterTransfers', label: 'After the transfer plan (expected)' },
  { step: 'reclaims', key: 'afterReclaims', label: 'After reclaiming licences from retired devices' },
  { step: 'pak-conversion', key: 'afterPakConversion', label: 'After converting unactivated PAKs' },
  {
    step: 'substitution',
    key: 'afterSubstitution',
    label: 'After substitution where the hierarchy allows (low)',
  },
];

function positionsOf(ctx: CheckContext): { rows: PositionLike[]; transfersApplied: boolean } {
  const r = ctx.earlier['va-imbalance'];
  const data =
    r?.section.status !== 'unavailable' ? (r?.section.data as VaImbalanceData | undefined) : undefined;
  if (data?.positions) return { rows: data.positions, transfersApplied: true };
  const rows = ctx.estate.positions.map((p) => ({
    virtualAccount: p.virtualAccount,
    licenceKey: p.licenceKey,
    licence: p.licenceName,
    licenceType: p.licenceType,
    purchased: p.purchased,
    inUse: p.inUse,
    balance: p.balance,
    afterTransfers: p.balance,
    rows: p.rows,
  }));
  return { rows, transfersApplied: false };
}

function priceNotes(ctx: CheckContext, lines: readonly LicenceLine[]): PriceNote[] {
  const currency = ctx.inputs.config.currency;
  const names = new Set(lines.map((l) => licenceLookupKey(l.licence)));
  const notes: PriceNote[] = [];
  for (const p of ctx.inputs.prices) {
    const base = { file: p.source.file, line: p.source.line, item: p.item };
    if (p.currency && p.currency !== currency) {
      notes.push({
        ...base,
        reason: `price in ${p.currency}, client currency ${currency}: not converted, not used`,
      });
    } else if (!p.licenceKey && !names.has(licenceLookupKey(p.item))) {
      notes.push({ ...base, reason: 'item matches no licence in the catalog or the licences export' });
    }
  }
  return notes;
}

export function runExposure(ctx: CheckContext): CheckResult<ExposureData> {
  const { inputs, catalog } = ctx;
  const currency = inputs.config.currency;
  const terms = billingTerms(inputs.config);
  const { rows, transfersApplied } = positionsOf(ctx);
  const read = (f: keyof typeof TABLES) => familyUnits(f, ctx.earlier[f], TABLES[f], catalog);
  const invisible = read('pak-estate');
  const reclaims = read('orphaned');
  const conversions = read('unactivated-pak');
  const substitutions = allowedSubstitutions(catalog, inputs.licences);
  const units = (f: FamilyUnits) => (f.available ? f.units : []);
  const base = licenceLines(
    rows,
    {
      invisible: units(invisible),
      reclaims: units(reclaims),
      conversions: units(conversions),
      substitutions,
    },
    catalog,
  );
  const pricesPresent = inputs.present.includes('prices');
  const findings: Finding[] = [];
  const lines: ExposureLine[] = base.map((l) => {
    const found = pricesPresent
      ? findPrice(inputs.prices, l.licenceKey, l.licence, l.licenceType, currency, terms.discountPct)
      : { price: null, reason: 'no price list supplied (contracts/prices*)', evidence: [] as SourceRef[] };
    const price = found.price;
    const money = price
      ? (Object.fromEntries(STEPS.map((s) => [s, moneyFor(l.units[s], l, price, terms)])) as Record<
          keyof UnitSteps,
          Money
        >)
      : null;
    const line: ExposureLine = {
      ...l,
      price,
      ...(found.price === null ? { unpricedReason: found.reason } : {}),
      money,
      high: money?.start.total ?? null,
      expected: money?.afterTransfers.total ?? null,
      low: money?.afterSubstitution.total ?? null,
      evidence: mergeRefs(l.evidence, price ? [price.source] : found.price === null ? found.evidence : []),
    };
    // a line whose expected cost is zero (covered by transfers or within the growth allowance)
    // stays in the tables; only money still at stake, or units without a price, is a finding
    if (l.units.afterTransfers > 0 && (line.expected === null || line.expected > 0)) {
      const f = exposureFinding(line, currency, terms);
      line.findingId = f.id;
      findings.push(f);
    }
    return line;
  });
  const skipped: ExposureData['skipped'] = [];
  if (!invisible.available) skipped.push({ step: 'invisible-estate', reason: invisible.reason });
  if (!transfersApplied) skipped.push({ step: 'transfers', reason: 'the va-imbalance check did not run' });
  if (!reclaims.available) skipped.push({ step: 'reclaims', reason: reclaims.reason });
  if (!conversions.available) skipped.push({ step: 'pak-conversion', reason: conversions.reason });
  if (substitutions.length === 0) {
    skipped.push({
      step: 'substitution',
      reason: 'no hierarchy rule is enabled and CSSM shows no substitution',
    });
  }
  let previous = 0;
  const scenarios: ScenarioStep[] = STEP_META.map((m, i) => {
    const amount = lines.reduce((s, l) => s + (l.money?.[m.key].total ?? 0), 0);
    const skip = skipped.find((s) => s.step === m.step);
    const row: ScenarioStep = {
      step: m.step,
      label: m.label,
      units: lines.reduce((s, l) => s + l.units[m.key], 0),
      amount,
      delta: i === 0 ? 0 : amount - previous,
      applied: !skip,
      ...(skip ? { note: `skipped: ${skip.reason}` } : {}),
    };
    previous = amount;
    return row;
  });
  const unpriced: UnpricedLicence[] = lines
    .filter((l) => l.price === null)
    .map((l) => ({
      licenceKey: l.licenceKey,
      licence: l.licence,
      licenceType: l.licenceType,
      units: l.units.start,
      reason: l.unpricedReason ?? '',
    }));
  const summary: ExposureSummary = {
    low: scenarios[5]!.amount,
    expected: scenarios[2]!.amount,
    high: scenarios[0]!.amount,
    currency,
    unpricedLicences: unpriced.length,
  };
  const notes = priceNotes(ctx, base);
  const { used, missing } = partitionInputs(inputs, ['licenses', 'prices']);
  const partial = unpriced.length > 0 || !pricesPresent;
  const assumptions: Assumption[] = exposureAssumptions(terms, currency, skipped);
  return {
    findings,
    section: {
      family: 'exposure',
      title: exposure.title,
      status: partial ? 'partial' : 'complete',
      usedInputs: used,
      missingInputs: missing,
      ...(partial
        ? {
            note: pricesPresent
              ? `${unpriced.length} licence(s) with a shortage have no usable price and are not in the figures: ${unpriced.map((u) => u.licence).join(', ')}.`
              : 'No price list was supplied: shortages are listed in licence units, and no money figure is given for them.',
          }
        : {}),
      figures: [
        { label: 'Exposure, high', value: summary.high, unit: 'money' },
        { label: 'Exposure, expected', value: summary.expected, unit: 'money' },
        { label: 'Exposure, low', value: summary.low, unit: 'money' },
        { label: 'Licences short with no price', value: unpriced.length, unit: 'count' },
      ],
      data: {
        summary: pricesPresent ? summary : null,
        terms,
        lines,
        scenarios,
        unpriced,
        priceNotes: notes,
        substitutions,
        skipped,
      },
    },
    assumptions,
  };
}

export const exposure: Check<ExposureData> = {
  family: 'exposure',
  title: 'Exposure: money at stake',
  needs: ['licenses', 'prices'],
  uses: ['product-instances', 'inventory', 'paks', 'transactions'],
  run: runExposure,
};
