import Papa from 'papaparse';
import { formatRef } from '../analysis/model/evidence.ts';
import type { Finding } from '../analysis/model/finding.ts';
import type { Report } from '../analysis/model/report.ts';
import { csvCell } from './neutralise.ts';

/** The findings.csv contract (DESIGN.md §6): these columns, in this order. */
export const FINDINGS_COLUMNS = [
  'id',
  'family',
  'severity',
  'title',
  'virtual_account',
  'licence',
  'pid',
  'serial',
  'pak',
  'quantity',
  'amount',
  'currency',
  'status',
  'action',
  'evidence',
] as const;

export const TRANSFER_PLAN_COLUMNS = [
  'request',
  'from_virtual_account',
  'to_virtual_account',
  'licence',
  'licence_type',
  'quantity',
] as const;

/** Money in the CSV keeps two decimals; empty when unpriced. */
function amount(v: number | null | undefined): string {
  return v === null || v === undefined ? '' : v.toFixed(2);
}

/** One finding as the contract's cells, in FINDINGS_COLUMNS order; numbers stay numbers. */
export function findingCells(report: Report, f: Finding): (string | number | null)[] {
  return [
    f.id,
    f.family,
    f.severity,
    f.title,
    f.virtualAccount ?? '',
    f.licence ?? '',
    f.pid ?? '',
    f.serial ?? '',
    f.pak ?? '',
    f.quantity ?? null,
    f.amount ?? null,
    report.client.currency,
    f.status,
    f.action,
    f.evidence.map(formatRef).join(';'),
  ];
}

const AMOUNT = FINDINGS_COLUMNS.indexOf('amount');

export function findingsRows(report: Report): string[][] {
  return report.findings.map((f) =>
    findingCells(report, f).map((v, i) => (i === AMOUNT ? amount(v as number | null) : csvCell(v))),
  );
}

export function findingsCsv(report: Report): string {
  return `${Papa.unparse({ fields: [...FINDINGS_COLUMNS], data: findingsRows(report) }, { newline: '\r\n' })}\r\n`;
}

export function transferPlanCsv(report: Report): string {
  const data = report.transferPlan.map((t) =>
    [t.request, t.fromVirtualAccount, t.toVirtualAccount, t.licence, t.licenceType, t.quantity].map((v) =>
      csvCell(v),
    ),
  );
  return `${Papa.unparse({ fields: [...TRANSFER_PLAN_COLUMNS], data }, { newline: '\r\n' })}\r\n`;
}
