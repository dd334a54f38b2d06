import { licenceDisplayName } from '../load/catalog.ts';
import { mergeRefs, type SourceRef } from '../model/evidence.ts';
import { type Check, type CheckContext, type CheckResult, partitionInputs } from './check.ts';
import { type CiscoSignal, ciscoSignals, hasCiscoView } from './cisco-signals.ts';
import { accountRows, expiryRows, invisibleRows, viewFinding } from './cisco-view-rows.ts';
import type { VaImbalanceData } from './va-imbalance.ts';

export type Verdict = 'agree' | 'cisco-only' | 'trueup-only';

/** One line of the side-by-side table: what Cisco shows, what trueup computes, and who is right. */
export interface ViewRow {
  topic: 'shortage' | 'expired' | 'sync' | 'other' | 'invisible-estate';
  virtualAccount?: string;
  licenceKey?: string;
  licence?: string;
  /** Licence units in question (trueup's shortage, or the invisible estate's licences). */
  quantity?: number;
  cisco: string;
  trueup: string;
  verdict: Verdict;
  right: 'cisco' | 'trueup' | 'both' | 'unclear';
  explanation: string;
  findingId?: string;
  evidence: SourceRef[];
}

export interface CiscoViewData {
  /** False when the inputs carry no CSSM status or alert at all: only trueup's side can be shown. */
  ciscoViewSupplied: boolean;
  rows: ViewRow[];
  agree: number;
  ciscoOnly: number;
  trueupOnly: number;
  alertsByMessage: { message: string; count: number }[];
}

interface Position {
  virtualAccount: string;
  licenceKey: string;
  licence: string;
  shortage: number;
  residual: number;
  rows: SourceRef[];
}

/** trueup's side: shortage before and after transfers per (VA, licence), licence types pooled. */
function trueupPositions(ctx: CheckContext): Map<string, Position> {
  const r = ctx.earlier['va-imbalance'];
  const data = r && r.section.status !== 'unavailable' ? (r.section.data as VaImbalanceData) : undefined;
  const rows =
    data?.positions ??
    ctx.estate.positions.map((p) => ({ ...p, licence: p.licenceName, afterTransfers: p.balance }));
  const out = new Map<string, Position>();
  for (const p of rows) {
    const k = `${p.virtualAccount}\u0000${p.licenceKey}`;
    const o = out.get(k) ?? {
      virtualAccount: p.virtualAccount,
      licenceKey: p.licenceKey,
      licence: p.licence,
      shortage: 0,
      residual: 0,
      rows: [],
    };
    o.shortage += Math.max(0, -p.balance);
    o.residual += Math.max(0, -p.afterTransfers);
    o.rows = mergeRefs(o.rows, p.rows);
    out.set(k, o);
  }
  return out;
}

function shortageRow(
  p: Position | undefined,
  sig: CiscoSignal[],
  va: string,
  key: string,
  name: string,
): ViewRow | undefined {
  const cisco = sig.length ? [...new Set(sig.map((s) => s.text))].join('; ') : 'no alert, no shortage status';
  const evidence = mergeRefs(
    p?.rows ?? [],
    sig.map((s) => s.source),
  );
  const shortage = p?.shortage ?? 0;
  const base = {
    topic: 'shortage' as const,
    virtualAccount: va,
    licenceKey: key,
    licence: name,
    ...(shortage ? { quantity: shortage } : {}),
    cisco,
    evidence,
  };
  const residual = p?.residual ?? 0;
  const trueup =
    shortage === 0
      ? 'no shortage in the export'
      : `short ${shortage}; ${residual} left after the transfer plan`;
  if (sig.length && residual > 0)
    return {
      ...base,
      trueup,
      verdict: 'agree',
      right: 'both',
      explanation: 'Both see the shortage; transfers do not cover it.',
    };
  if (sig.length && shortage > 0)
    return {
      ...base,
      trueup,
      verdict: 'cisco-only',
      right: 'both',
      explanation:
        'Cisco is right about today; the planned transfers from other Virtual Accounts close the gap, so no purchase is needed.',
    };
  if (sig.length)
    return {
      ...base,
      trueup,
      verdict: 'cisco-only',
      right: 'unclear',
      explanation:
        'The export shows enough licences in this Virtual Account: the alert may predate a purchase or transfer, or the export may be stale. Check the alert date in CSSM.',
    };
  if (shortage > 0)
    return {
      ...base,
      trueup,
      verdict: 'trueup-only',
      right: 'trueup',
      explanation: `CSSM's own numbers give in use above purchased, but no alert or status says so yet. ${residual > 0 ? 'A true-up will count it.' : 'The transfer plan covers it.'}`,
    };
  return undefined;
}

/**
 * "Insufficient Licenses" alerts that name no licence: set against every shortage trueup sees in
 * the alert's Virtual Account (or the whole account when it names none).
 */
function unnamedShortageRows(signals: readonly CiscoSignal[], positions: Map<string, Position>): ViewRow[] {
  const groups = Map.groupBy(
    signals.filter((x) => x.topic === 'shortage' && !x.licenceKey),
    (s) => s.virtualAccount ?? '',
  );
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([va, sig]) => {
      const mine = [...positions.values()].filter(
        (p) => (va === '' || p.virtualAccount === va) && p.shortage > 0,
      );
      const shortage = mine.reduce((n, p) => n + p.shortage, 0);
      const residual = mine.reduce((n, p) => n + p.residual, 0);
      const base = {
        topic: 'shortage' as const,
        ...(va ? { virtualAccount: va } : {}),
        ...(shortage ? { quantity: shortage } : {}),
        cisco: `${[...new Set(sig.map((x) => x.text))].join('; ')} (no licence named)`,
        trueup: shortage
          ? `short ${shortage} across ${mine.map((p) => p.licence).join(', ')}; ${residual} left after the transfer plan`
          : 'no shortage in the export',
        evidence: mergeRefs(
          sig.map((x) => x.source),
          ...mine.map((p) => p.rows),
        ),
      };
      if (residual > 0)
        return {
          ...base,
          verdict: 'agree',
          right: 'both',
          explanation: 'Both see a shortage in this Virtual Account.',
        } satisfies ViewRow;
      if (shortage > 0)
        return {
          ...base,
          verdict: 'cisco-only',
          right: 'both',
          explanation: 'Cisco is right about today; the planned transfers close the gap.',
        } satisfies ViewRow;
      return {
        ...base,
        verdict: 'cisco-only',
        right: 'unclear',
        explanation:
          'The export shows no shortage here: the alert may predate a purchase or transfer. Check it in CSSM.',
      } satisfies ViewRow;
    });
}

export function runCiscoView(ctx: CheckContext): CheckResult<CiscoViewData> {
  const { inputs, catalog } = ctx;
  const supplied = hasCiscoView(inputs.licences, inputs.present.includes('alerts'));
  const signals = ciscoSignals(inputs.licences, inputs.alerts, catalog);
  const positions = trueupPositions(ctx);
  const rows: ViewRow[] = [];
  // shortages: every (VA, licence) where either side sees one
  const shortSignals = signals.filter((s) => s.topic === 'shortage' && s.licenceKey);
  const keys = new Set<string>();
  for (const s of shortSignals) {
    const vas = s.virtualAccount
      ? [s.virtualAccount]
      : [...positions.values()]
          .filter((p) => p.licenceKey === s.licenceKey && p.shortage > 0)
          .map((p) => p.virtualAccount);
    for (const va of vas.length ? vas : ['(Smart Account)']) keys.add(`${va}\u0000${s.licenceKey}`);
  }
  if (supplied) for (const [k, p] of positions) if (p.shortage > 0) keys.add(k);
  for (const k of [...keys].sort()) {
    const [va, key] = k.split('\u0000') as [string, string];
    const sig = shortSignals.filter(
      (s) => s.licenceKey === key && (s.virtualAccount === undefined || s.virtualAccount === va),
    );
    const p = positions.get(k);
    const row = shortageRow(
      p,
      sig,
      va,
      key,
      p?.licence ?? sig[0]?.licence ?? licenceDisplayName(catalog, key),
    );
    if (row) rows.push(row);
  }
  rows.push(...unnamedShortageRows(signals, positions));
  rows.push(...expiryRows(ctx, signals));
  rows.push(...accountRows(ctx, signals));
  rows.push(...invisibleRows(ctx));
  const findings = rows.filter((r) => r.verdict !== 'agree').map((r) => viewFinding(r));
  const alertsByMessage = new Map<string, number>();
  for (const a of inputs.alerts) alertsByMessage.set(a.message, (alertsByMessage.get(a.message) ?? 0) + 1);
  const data: CiscoViewData = {
    ciscoViewSupplied: supplied,
    rows,
    agree: rows.filter((r) => r.verdict === 'agree').length,
    ciscoOnly: rows.filter((r) => r.verdict === 'cisco-only').length,
    trueupOnly: rows.filter((r) => r.verdict === 'trueup-only').length,
    alertsByMessage: [...alertsByMessage].sort().map(([message, count]) => ({ message, count })),
  };
  const { used, missing } = partitionInputs(inputs, ['licenses', 'alerts']);
  return {
    findings,
    section: {
      family: 'cisco-view',
      title: ciscoView.title,
      status: supplied ? 'complete' : 'partial',
      usedInputs: used,
      missingInputs: missing,
      ...(supplied
        ? {}
        : {
            note: 'No CSSM alerts export and no Status/Alerts column in the licences export: Cisco’s side is unknown, so only what Cisco cannot see (the invisible estate) is shown.',
          }),
      figures: [
        { label: 'Points where Cisco and trueup agree', value: data.agree, unit: 'count' },
        { label: 'Cisco sees, trueup explains away', value: data.ciscoOnly, unit: 'count' },
        { label: 'trueup sees, Cisco does not yet', value: data.trueupOnly, unit: 'count' },
      ],
      data,
    },
  };
}

export const ciscoView: Check<CiscoViewData> = {
  family: 'cisco-view',
  title: 'What Cisco sees',
  needs: ['licenses'],
  uses: ['alerts'],
  run: runCiscoView,
};
