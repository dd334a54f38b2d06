import { daysBetween } from '../load/values.ts';
import { mergeRefs, type SourceRef } from '../model/evidence.ts';
import type { Finding } from '../model/finding.ts';
import type { CiscoOneRecord } from '../model/records.ts';
import { type SuiteDefinition, suiteCatalog } from '../reconcile/suites.ts';
import { udiKey } from '../reconcile/udi.ts';
import { type Check, type CheckContext, type CheckResult, partitionInputs } from './check.ts';
import { ComponentPool, type ComponentRow, explodeLine } from './cisco-one-components.ts';
import { lineFindings } from './cisco-one-findings.ts';
import { type SwssContinuity, swssContinuity } from './swss-continuity.ts';
import { SWSS_GRACE_DAYS, TERM_ENDING_SOON_DAYS } from './thresholds.ts';

export type TermStatus =
  | 'not-term'
  | 'no-end-date'
  | 'ok'
  | 'expired'
  | 'ending-soon'
  | 'ends-before-agreement';

/** One Cisco ONE holding line as the Cisco ONE page shows it. */
export interface CiscoOneLineRow {
  /** Stable key of the line (input facts only); finding ids derive from it. */
  key: string;
  suiteSku: string;
  suiteName: string;
  /** False when the suite SKU is not in data/catalog/cisco-one-suites.csv (nothing exploded). */
  known: boolean;
  /** False when a catalog row behind the suite is marked UNVERIFIED. */
  verified: boolean;
  quantity: number;
  model: 'perpetual' | 'term';
  tier: string;
  platformFamily: string;
  /** The DNA tier the suite corresponds to (essentials/advantage), from the catalog. */
  dnaTier: string;
  startDate?: string;
  endDate?: string;
  swssContract?: string;
  serials: string[];
  /** Virtual Accounts of the suite's devices (the line's own VA column, and its serials' product instances). */
  virtualAccounts: string[];
  components: ComponentRow[];
  swss: SwssContinuity;
  term: { status: TermStatus; daysLeft?: number; agreementEnd?: string };
  retiredSerials: string[];
  findingIds: string[];
  source: SourceRef;
}

export interface CiscoOneData {
  lines: CiscoOneLineRow[];
  suiteUnits: number;
  unknownSuites: number;
  componentUnitsMissing: number;
  componentUnitsInOtherVas: number;
  swssLapsedLines: number;
  swssGraceLines: number;
  termAttentionLines: number;
  retiredHardwareLines: number;
  /** Suite units per DNA tier. */
  byDnaTier: { dnaTier: string; suites: number }[];
}

/** Input facts that identify a line whatever its row position. */
function baseKey(l: CiscoOneRecord): string {
  return [l.suiteSku, l.quantity, l.model, l.startDate, l.endDate, l.swssContract, l.virtualAccount]
    .map((v) => v ?? '')
    .concat([...l.serials].sort().join(';'))
    .join('|');
}

/** Keys of lines already in key order; identical lines get #2, #3, … */
function lineKeys(lines: readonly CiscoOneRecord[]): string[] {
  const seen = new Map<string, number>();
  return lines.map((l) => {
    const base = baseKey(l);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  });
}

function termStatus(
  model: 'perpetual' | 'term',
  end: string | undefined,
  asOf: string,
  agreementEnd: string | undefined,
): CiscoOneLineRow['term'] {
  if (model !== 'term') return { status: 'not-term' };
  if (!end) return { status: 'no-end-date' };
  const daysLeft = daysBetween(asOf, end);
  const ag = agreementEnd ? { agreementEnd } : {};
  if (daysLeft < 0) return { status: 'expired', daysLeft, ...ag };
  if (daysLeft <= TERM_ENDING_SOON_DAYS) return { status: 'ending-soon', daysLeft, ...ag };
  if (agreementEnd && end < agreementEnd) return { status: 'ends-before-agreement', daysLeft, ...ag };
  return { status: 'ok', daysLeft, ...ag };
}

export function runCiscoOne(ctx: CheckContext): CheckResult<CiscoOneData> {
  const { inputs, estate, catalog } = ctx;
  const asOf = inputs.config.asOf;
  const suites = suiteCatalog(catalog);
  const pool = new ComponentPool(estate.positions);
  const agreement = inputs.config.agreement;
  const agreementEnd = agreement && agreement.type !== 'none' ? agreement.end : undefined;
  const supportPresent = inputs.present.includes('support');
  // components are claimed in this order, so it depends on input facts only, never row order
  const ordered = [...inputs.ciscoOne].sort(
    (a, b) =>
      a.suiteSku.localeCompare(b.suiteSku) ||
      (a.startDate ?? '').localeCompare(b.startDate ?? '') ||
      baseKey(a).localeCompare(baseKey(b)),
  );
  const keys = lineKeys(ordered);
  const heldSuites = new Set(ordered.map((l) => l.suiteSku));
  const findings: Finding[] = [];
  const lines: CiscoOneLineRow[] = ordered.map((l, i) => {
    const def: SuiteDefinition | undefined = suites.get(l.suiteSku);
    const model = l.model === 'unknown' ? (def?.model ?? 'perpetual') : l.model;
    const devices = l.serials.map((s) => estate.devices.get(udiKey(s)));
    const vas = [
      ...new Set([
        ...(l.virtualAccount ? [l.virtualAccount] : []),
        ...devices.flatMap((d) => d?.instances.map((p) => p.virtualAccount) ?? []),
      ]),
    ].sort();
    const retiredSerials = devices
      .filter((d) => d?.inventory.some((r) => r.status === 'retired' || r.status === 'decommissioned'))
      .map((d) => d!.serial);
    const row: CiscoOneLineRow = {
      key: keys[i]!,
      suiteSku: l.suiteSku,
      suiteName: def?.name ?? l.suiteSku,
      known: def !== undefined,
      verified: def?.verified ?? false,
      quantity: l.quantity,
      model,
      tier: def?.tier ?? '',
      platformFamily: def?.platformFamily ?? '',
      dnaTier: def?.dnaTier ?? '',
      ...(l.startDate ? { startDate: l.startDate } : {}),
      ...(l.endDate ? { endDate: l.endDate } : {}),
      ...(l.swssContract ? { swssContract: l.swssContract } : {}),
      serials: l.serials,
      virtualAccounts: vas,
      components: def ? explodeLine(def, l.quantity, vas, pool, catalog) : [],
      swss: swssContinuity(l, model, inputs.support, supportPresent, asOf),
      term: termStatus(model, l.endDate, asOf, agreementEnd),
      retiredSerials,
      findingIds: [],
      source: l.source,
    };
    const retiredRefs = devices.flatMap((d) =>
      d && retiredSerials.includes(d.serial) ? d.inventory.map((r) => r.source) : [],
    );
    const missingRequired =
      def?.requiresSuite && !heldSuites.has(def.requiresSuite) ? def.requiresSuite : undefined;
    const fs = lineFindings(row, l, { retiredRefs: mergeRefs(retiredRefs), missingRequired });
    row.findingIds = fs.map((f) => f.id);
    findings.push(...fs);
    return row;
  });
  const tiers = new Map<string, number>();
  for (const r of lines)
    tiers.set(r.dnaTier || 'unknown', (tiers.get(r.dnaTier || 'unknown') ?? 0) + r.quantity);
  const sumComp = (f: (c: ComponentRow) => number) =>
    lines.reduce((s, r) => s + r.components.reduce((t, c) => t + f(c), 0), 0);
  const data: CiscoOneData = {
    lines,
    suiteUnits: lines.reduce((s, r) => s + r.quantity, 0),
    unknownSuites: lines.filter((r) => !r.known).length,
    componentUnitsMissing: sumComp((c) => c.missing),
    componentUnitsInOtherVas: sumComp((c) => c.inOtherVas.reduce((s, o) => s + o.quantity, 0)),
    swssLapsedLines: lines.filter((r) => r.swss.status === 'lapsed' || r.swss.status === 'no-record').length,
    swssGraceLines: lines.filter((r) => r.swss.status === 'grace').length,
    termAttentionLines: lines.filter((r) =>
      ['expired', 'ending-soon', 'ends-before-agreement'].includes(r.term.status),
    ).length,
    retiredHardwareLines: lines.filter((r) => r.retiredSerials.length > 0).length,
    byDnaTier: [...tiers.entries()].sort().map(([dnaTier, n]) => ({ dnaTier, suites: n })),
  };
  const { used, missing } = partitionInputs(inputs, [
    'cisco-one',
    'licenses',
    'product-instances',
    'support',
    'inventory',
  ]);
  const partial = missing.includes('support') || data.unknownSuites > 0;
  return {
    findings,
    section: {
      family: 'cisco-one',
      title: ciscoOne.title,
      status: partial ? 'partial' : 'complete',
      usedInputs: used,
      missingInputs: missing,
      ...(partial
        ? {
            note: [
              missing.includes('support')
                ? 'No service contracts were supplied, so SWSS continuity is unknown.'
                : '',
              data.unknownSuites
                ? `${data.unknownSuites} line(s) carry a suite SKU the catalog does not know; their components are not checked.`
                : '',
            ]
              .filter(Boolean)
              .join(' '),
          }
        : {}),
      figures: [
        { label: 'Cisco ONE suites held', value: data.suiteUnits, unit: 'licences' },
        {
          label: 'Component licences missing from CSSM',
          value: data.componentUnitsMissing,
          unit: 'licences',
        },
        {
          label: 'Component licences in another Virtual Account',
          value: data.componentUnitsInOtherVas,
          unit: 'licences',
        },
        { label: 'Lines that lost portability (SWSS gap)', value: data.swssLapsedLines, unit: 'lines' },
      ],
      data,
    },
    assumptions: [
      {
        id: 'c1-components',
        text: 'Cisco ONE suites are exploded into component licences through data/catalog/cisco-one-suites.csv. A component counts as present when CSSM shows enough purchased units of its licence; units are claimed line by line (suite SKU order) so no unit counts twice, and trueup cannot tell a suite’s units from à-la-carte units of the same licence.',
      },
      {
        id: 'c1-swss',
        text: `Perpetual Cisco ONE licences stay portable only with continuous SWSS from the line's start date (or the first contract) to asOf, per serial; a gap of up to ${SWSS_GRACE_DAYS} days is within Cisco's grace, a longer gap loses portability. Term suites carry their support and are treated as portable.`,
      },
    ],
  };
}

export const ciscoOne: Check<CiscoOneData> = {
  family: 'cisco-one',
  title: 'Cisco ONE holdings',
  needs: ['cisco-one'],
  uses: ['licenses', 'product-instances', 'support', 'inventory'],
  run: runCiscoOne,
};
