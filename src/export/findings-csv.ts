import Papa from 'papaparse';
import { formatRef } from '../analysis/model/evidence.ts';
import type { Finding } from '../analysis/model/finding.ts';
import type { Report } from '../analysis/model/report.ts';
import { bytesIn, type FileBytes } from '../lib/file-bytes.ts';
import { BLOCK, sameBlock } from './json-chunks.ts';
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

export function findingsRows(report: Report, findings: readonly Finding[] = report.findings): string[][] {
  return findings.map((f) =>
    findingCells(report, f).map((v, i) => (i === AMOUNT ? amount(v as number | null) : csvCell(v))),
  );
}

/** A CSV file: the header, each row, CRLF after every line (none blank, even with no rows). */
function csvText(fields: readonly string[], rows: unknown[][]): string {
  if (rows.length === 0) return `${Papa.unparse([[...fields]], { newline: '\r\n' })}\r\n`;
  return `${Papa.unparse({ fields: [...fields], data: rows }, { newline: '\r\n' })}\r\n`;
}

export function findingsCsv(report: Report): string {
  return csvText(FINDINGS_COLUMNS, findingsRows(report));
}

/**
 * findings.csv as it was written for an analysis's findings, kept with the analysis cache: a
 * Report whose findings (===) and currency are the analysis's gets their rows copied a block at a
 * time (a decision rewrites its finding's block only).
 */
export interface CsvReuse {
  findings: readonly Finding[];
  currency: string;
  /** The rows' text: in memory, or in a file (each piece valid until the next is taken: FileBytes). */
  text: Uint8Array | FileBytes;
  /** Block b's rows (findings b*BLOCK to (b+1)*BLOCK), without line breaks around them: [start, end) in `text`. */
  blocks: [number, number][];
}

/**
 * findingsCsv's text in pieces, block by block; `reuse` copies the blocks it holds for the same
 * findings; `blocks`, when given, is filled with where each block lies in the output.
 */
export function* findingsCsvPieces(
  report: Report,
  o: { reuse?: CsvReuse; blocks?: [number, number][] } = {},
): Generator<string | Uint8Array> {
  const { findings } = report;
  const reuse = o.reuse?.currency === report.client.currency ? o.reuse : undefined;
  const head = csvText(FINDINGS_COLUMNS, []);
  let pos = Buffer.byteLength(head);
  yield head;
  for (let b = 0; b * BLOCK < findings.length; b++) {
    const lo = b * BLOCK;
    const hi = Math.min(findings.length, lo + BLOCK);
    const span = reuse && sameBlock(findings, reuse.findings, lo, hi) ? reuse.blocks[b] : undefined;
    const fresh = span
      ? undefined
      : Buffer.from(Papa.unparse(findingsRows(report, findings.slice(lo, hi)), { newline: '\r\n' }));
    const length = fresh ? fresh.length : span![1] - span![0];
    o.blocks?.push([pos, pos + length]);
    pos += length + 2;
    if (fresh) yield fresh;
    else yield* bytesIn(reuse!.text, span![0], span![1]);
    yield '\r\n';
  }
}

export function transferPlanCsv(report: Report): string {
  const data = report.transferPlan.map((t) =>
    [t.request, t.fromVirtualAccount, t.toVirtualAccount, t.licence, t.licenceType, t.quantity].map((v) =>
      csvCell(v),
    ),
  );
  return csvText(TRANSFER_PLAN_COLUMNS, data);
}
