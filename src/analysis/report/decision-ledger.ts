import { type DataQualityData, ledgerRow, rejectedRowFindings } from '../checks/data-quality.ts';
import type { ClientInputs } from '../load/client-inputs.ts';
import { compareFindings } from '../model/finding.ts';
import type { LedgerEntry } from '../model/ledger.ts';
import type { Report } from '../model/report.ts';

/**
 * The decision files (workbook/findings.yaml, workbook/sections/*.mdx) are applied after the
 * analysis, which is cached without them. Their ledger entries still belong in the ledger and in
 * the data-quality family, exactly where a single pass over the whole folder puts them.
 */
export const isDecisionEntry = (e: LedgerEntry) => e.kind === 'workbook' || e.kind === 'sections';

/** The inputs without the decision files: what the cached analysis is made from. */
export function withoutDecisions(inputs: ClientInputs): ClientInputs {
  return {
    ...inputs,
    workbook: [],
    sections: {},
    ledger: inputs.ledger.filter((e) => !isDecisionEntry(e)),
    present: inputs.present.filter((k) => k !== 'workbook' && k !== 'sections'),
  };
}

/** Insert `entries` before the trailing "(client folder)" note, where a folder walk lists workbook/. */
function insert<T>(list: readonly T[], entries: readonly T[], isTail: (t: T) => boolean): T[] {
  const at = list.length > 0 && isTail(list[list.length - 1]!) ? list.length - 1 : list.length;
  return [...list.slice(0, at), ...entries, ...list.slice(at)];
}

/** Add the decision files' ledger entries to an analysed Report (ledger, data-quality, findings). */
export function addDecisionEntries(base: Report, entries: readonly LedgerEntry[]): Report {
  if (entries.length === 0) return base;
  const ledger = insert(base.ledger, entries, (e) => e.file === '(client folder)');
  const dq = base.families['data-quality'];
  const families = { ...base.families };
  let findings = base.findings;
  const summary = {
    ...base.summary,
    bySeverity: { ...base.summary.bySeverity },
    byFamily: { ...base.summary.byFamily },
  };
  if (dq && dq.status !== 'unavailable' && dq.data) {
    const data = dq.data as DataQualityData;
    const rows = entries.map(ledgerRow);
    const sum = (f: (r: ReturnType<typeof ledgerRow>) => number) => rows.reduce((s, r) => s + f(r), 0);
    const next: DataQualityData = {
      ...data,
      ledger: insert(data.ledger, rows, (r) => r.file === '(client folder)'),
      rowsRead: data.rowsRead + sum((r) => r.rowsRead),
      rowsAccepted: data.rowsAccepted + sum((r) => r.rowsAccepted),
      rowsRejected: data.rowsRejected + sum((r) => r.rowsRejected),
    };
    const used = [...dq.usedInputs];
    for (const e of entries) if (!e.fatal && !used.includes(e.kind)) used.push(e.kind);
    families['data-quality'] = {
      ...dq,
      usedInputs: used,
      figures: dq.figures.map((f) =>
        f.label === 'Input rows read'
          ? { ...f, value: next.rowsRead }
          : f.label === 'Rows rejected'
            ? { ...f, value: next.rowsRejected }
            : f,
      ),
      data: next,
    };
    const added = entries.flatMap(rejectedRowFindings);
    for (const f of added) {
      summary.bySeverity[f.severity]++;
      summary.byFamily[f.family]++;
    }
    if (added.length) findings = [...findings, ...added].sort(compareFindings);
    summary.findings = findings.length;
  }
  return { ...base, ledger, families, findings, summary };
}
