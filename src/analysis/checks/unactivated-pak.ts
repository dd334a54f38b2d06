import { supportSupplied } from '../load/client-inputs.ts';
import { normalisePak } from '../load/paks.ts';
import { PAK_MIGRATION } from '../load/transactions.ts';
import { daysBetween } from '../load/values.ts';
import { mergeRefs, type SourceRef } from '../model/evidence.ts';
import { type Finding, makeFinding, type Severity } from '../model/finding.ts';
import type { PakRecord, SupportRecord } from '../model/records.ts';
import { compareText, orderByText } from '../model/text-order.ts';

import type { Check, CheckContext, CheckResult } from './check.ts';
import { partitionInputs } from './check.ts';
import { recordsUnder, supportBySerial } from './support-index.ts';
import { PAK_LARGE_UNFULFILLED, PAK_OLD_DAYS, PAK_VERY_OLD_DAYS } from './thresholds.ts';
import { netUnitPrice } from './unit-price.ts';

/**
 * Whether service coverage still allows converting the PAK (conversion needs active SWSS,
 * DOMAIN.md §3): `covered` / `lapsed` by the support records of its bound serials; `unknown`
 * when no support file was supplied or the line is bound to no device.
 */
export type Coverage = 'covered' | 'lapsed' | 'none-found' | 'unknown';

export interface PakLineRow {
  pak: string;
  sku: string;
  description?: string;
  status?: string;
  quantity: number;
  unfulfilled: number;
  /** True when the unfulfilled count is inferred from the status alone (no quantity columns). */
  unfulfilledInferred: boolean;
  orderDate?: string;
  ageDays?: number;
  coverage: Coverage;
  coverageNote: string;
  migrated: boolean;
  findingId?: string;
  evidence: SourceRef[];
}

export interface UnactivatedPakData {
  lines: PakLineRow[];
  flaggedLines: number;
  unfulfilledUnits: number;
  /** Net value of the priced flagged lines (client currency); unpriced lines are counted apart. */
  value: number;
  unpricedLines: number;
  migratedLines: number;
  fulfilledLines: number;
  /** False when no contracts/support* file was supplied: coverage is unknown throughout. */
  coverageKnown: boolean;
}

/** Units not yet fulfilled: Quantity Available when given, else Quantity − Fulfilled, else by status. */
export function unfulfilledOf(p: PakRecord): { units: number; inferred: boolean } {
  if (p.quantityAvailable !== undefined) return { units: p.quantityAvailable, inferred: false };
  if (p.quantityFulfilled !== undefined) return { units: p.quantity - p.quantityFulfilled, inferred: false };
  if (p.status === 'Fulfilled') return { units: 0, inferred: true };
  // Unfulfilled: the whole line; Partially Fulfilled without counts: the line is the upper bound.
  return { units: p.status ? p.quantity : 0, inferred: true };
}

function coverageOf(p: PakRecord, support: readonly SupportRecord[], supplied: boolean, asOf: string) {
  if (!supplied)
    return { coverage: 'unknown' as const, note: 'no service contracts supplied', refs: [] as SourceRef[] };
  const serials = new Set(p.boundUdis.map((u) => u.serial));
  if (serials.size === 0)
    return {
      coverage: 'unknown' as const,
      note: 'bound to no device, and coverage is recorded by serial',
      refs: [] as SourceRef[],
    };
  const rows = recordsUnder(support, supportBySerial(support), serials);
  if (rows.length === 0)
    return { coverage: 'none-found' as const, note: 'no contract covers its bound serials', refs: [] };
  const active = rows.filter((s) => s.startDate <= asOf && s.endDate >= asOf);
  return active.length
    ? {
        coverage: 'covered' as const,
        note: `covered by ${active[0]!.contract} until ${active[0]!.endDate}`,
        refs: active.map((s) => s.source),
      }
    : {
        coverage: 'lapsed' as const,
        note: `coverage ended ${rows
          .map((s) => s.endDate)
          .sort()
          .at(-1)}`,
        refs: rows.map((s) => s.source),
      };
}

function severityOf(units: number, ageDays: number | undefined, coverage: Coverage): Severity {
  if (units >= PAK_LARGE_UNFULFILLED || coverage === 'lapsed') return 'high';
  if (ageDays !== undefined && ageDays >= PAK_VERY_OLD_DAYS) return 'high';
  if (ageDays === undefined || ageDays >= PAK_OLD_DAYS) return 'medium';
  return 'low';
}

export function runUnactivatedPak(ctx: CheckContext): CheckResult<UnactivatedPakData> {
  const { inputs } = ctx;
  const asOf = inputs.config.asOf;
  const supplied = supportSupplied(inputs);
  const migrations = new Map<string, SourceRef[]>();
  for (const t of inputs.transactions) {
    if (!t.pak || t.transactionSource !== PAK_MIGRATION) continue;
    const refs = migrations.get(t.pak);
    if (refs) refs.push(t.source);
    else migrations.set(t.pak, [t.source]);
  }
  const findings: Finding[] = [];
  const lines: PakLineRow[] = [];
  // 15,000 PAK numbers ordered mostly by numbers (`orderByText`, text-order.ts): the collator took 50 ms
  const paks = inputs.paks;
  const sorted = orderByText(
    paks.map((p) => p.pak),
    (a, b) => compareText(paks[a]!.sku, paks[b]!.sku) || paks[a]!.source.line - paks[b]!.source.line,
  ).map((i) => paks[i]!);
  for (const p of sorted) {
    const { units, inferred } = unfulfilledOf(p);
    const migratedRefs = migrations.get(normalisePak(p.pak));
    const ageDays = p.orderDate ? daysBetween(p.orderDate, asOf) : undefined;
    const cov = coverageOf(p, inputs.support, supplied, asOf);
    // Status alone gives the whole line (see unfulfilledOf); explicit counts of 0 win over a stale status.
    const open = units > 0;
    const row: PakLineRow = {
      pak: p.pak,
      sku: p.sku,
      ...(p.description ? { description: p.description } : {}),
      ...(p.status ? { status: p.status } : {}),
      quantity: p.quantity,
      unfulfilled: units,
      unfulfilledInferred: inferred,
      ...(p.orderDate ? { orderDate: p.orderDate } : {}),
      ...(ageDays !== undefined ? { ageDays } : {}),
      coverage: cov.coverage,
      coverageNote: cov.note,
      migrated: migratedRefs !== undefined,
      evidence: mergeRefs([p.source], migratedRefs ?? []),
    };
    lines.push(row);
    if (!open || migratedRefs) continue;
    const price = netUnitPrice(ctx, { sku: p.sku, ...(p.licenceKey ? { licenceKey: p.licenceKey } : {}) });
    const age = ageDays === undefined ? 'order date unknown' : `ordered ${ageDays} days before ${asOf}`;
    const f = makeFinding({
      // PAK and SKU identify the line; sales order disambiguates a SKU ordered twice on one PAK.
      key: `unactivated-pak|${p.pak}|${p.sku}|${p.salesOrder ?? ''}`,
      family: 'unactivated-pak',
      severity: severityOf(units, ageDays, cov.coverage),
      title: `PAK ${p.pak}: ${units} × ${p.sku} not fulfilled`,
      detail:
        `PAK ${p.pak} line ${p.sku}${p.description ? ` (${p.description})` : ''} is ${p.status ?? 'not fulfilled'}: ` +
        `${units} of ${p.quantity} ${inferred ? '(at most; the listing has no fulfilment counts) ' : ''}not fulfilled, ${age}. ` +
        'No PAK Migration into CSSM carries this PAK, so these entitlements look owned but may not survive the move to Smart Licensing. ' +
        `Service coverage: ${cov.coverage === 'unknown' ? `unknown (${cov.note})` : cov.note}.`,
      pak: p.pak,
      quantity: units,
      amount: price ? Math.round(price.amount * units * 100) / 100 : null,
      action:
        cov.coverage === 'lapsed' || cov.coverage === 'none-found'
          ? 'Renew service coverage or open a Cisco Licensing Support case before converting; without SWSS, upgrade SKUs must be bought.'
          : 'Convert the PAK into the right Virtual Account (CSSM License Conversion or the License Registration Portal) and record the PAK Migration.',
      evidence: mergeRefs([p.source], cov.refs, price ? [price.source] : []),
      facts: {
        sku: p.sku,
        status: p.status ?? null,
        quantityOrdered: p.quantity,
        unfulfilled: units,
        unfulfilledInferred: inferred,
        orderDate: p.orderDate ?? null,
        ageDays: ageDays ?? null,
        coverage: cov.coverage,
        salesOrder: p.salesOrder ?? null,
      },
    });
    row.findingId = f.id;
    findings.push(f);
  }
  const { used, missing } = partitionInputs(inputs, [...unactivatedPak.needs, ...unactivatedPak.uses]);
  const data: UnactivatedPakData = {
    lines,
    flaggedLines: findings.length,
    unfulfilledUnits: findings.reduce((s, f) => s + (f.quantity ?? 0), 0),
    value: findings.reduce((s, f) => s + (f.amount ?? 0), 0),
    unpricedLines: findings.filter((f) => f.amount === null).length,
    migratedLines: lines.filter((l) => l.migrated).length,
    fulfilledLines: lines.filter((l) => l.unfulfilled === 0).length,
    coverageKnown: supplied,
  };
  const notes = [
    missing.includes('transactions')
      ? 'No CSSM transactions were supplied, so no PAK can be shown as migrated.'
      : '',
    missing.includes('support')
      ? 'No service contracts were supplied, so whether coverage still allows conversion is unknown.'
      : '',
  ].filter(Boolean);
  return {
    findings,
    section: {
      family: 'unactivated-pak',
      title: unactivatedPak.title,
      status: notes.length ? 'partial' : 'complete',
      usedInputs: used,
      missingInputs: missing,
      ...(notes.length ? { note: notes.join(' ') } : {}),
      figures: [
        { label: 'PAK lines not fulfilled and not migrated', value: data.flaggedLines, unit: 'count' },
        { label: 'Units not fulfilled', value: data.unfulfilledUnits, unit: 'licences' },
        { label: 'PAK lines migrated to CSSM', value: data.migratedLines, unit: 'count' },
      ],
      data,
    },
    assumptions: [
      {
        id: 'unactivated-pak-migrated',
        text: 'A PAK counts as migrated when any CSSM transaction with source "PAK Migration" carries its PAK number; its lines are then not flagged.',
      },
      {
        id: 'unactivated-pak-age',
        text: `Ages count from the order date to asOf. Severity: high from ${PAK_LARGE_UNFULFILLED} units, ${PAK_VERY_OLD_DAYS} days or lapsed coverage; medium from ${PAK_OLD_DAYS} days or with no order date; low otherwise.`,
      },
    ],
  };
}

export const unactivatedPak: Check<UnactivatedPakData> = {
  family: 'unactivated-pak',
  title: 'PAK licences not fulfilled and not migrated',
  needs: ['paks'],
  uses: ['transactions', 'support'],
  run: runUnactivatedPak,
};
