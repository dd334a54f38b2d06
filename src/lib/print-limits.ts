import { type Finding, SEVERITIES } from '../analysis/model/finding.ts';
import type { Report } from '../analysis/model/report.ts';
import type { DataTable } from './data-tables.ts';
import { perReport } from './per-report.ts';

/**
 * How much of a long list a PDF chapter shows. The rest is in findings.xlsx (every row), and the
 * chapter says so where it stops.
 */
export const PRINT_ROW_LIMIT = 100;

/**
 * Findings the appendix register prints in full. A negotiation document of a few hundred pages
 * is still read; one of several thousand (a 200,000-device estate has ~50,000 findings) is not,
 * and takes Chromium minutes to lay out. Above this the most severe are kept.
 */
export const PRINT_REGISTER_LIMIT = 200;

/** Evidence rows per finding in Appendix A; an alert on 10,000 devices lists the rest in findings.csv. */
export const PRINT_EVIDENCE_ROWS = 50;

/** Remediation rows and findings per Virtual Account in Appendix B (the register has them all). */
export const PRINT_VA_ROWS = 50;

/**
 * The appendix register: every finding when there are at most `limit`, else the `limit` most
 * severe (register order breaks ties), shown in register order, with what was left off per severity.
 */
export function printRegister(
  findings: readonly Finding[],
  limit = PRINT_REGISTER_LIMIT,
): { shown: Finding[]; omitted: { severity: Finding['severity']; count: number }[] } {
  if (findings.length <= limit) return { shown: [...findings], omitted: [] };
  const rank = (f: Finding) => SEVERITIES.indexOf(f.severity);
  const byIndex = findings.map((f, i) => ({ f, i }));
  const kept = byIndex
    .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
    .slice(0, limit)
    .sort((a, b) => a.i - b.i)
    .map((x) => x.f);
  // what is left off: every finding counted by severity, less the kept ones
  const left = new Map<Finding['severity'], number>();
  for (const f of findings) left.set(f.severity, (left.get(f.severity) ?? 0) + 1);
  for (const f of kept) left.set(f.severity, left.get(f.severity)! - 1);
  const omitted = SEVERITIES.map((severity) => ({ severity, count: left.get(severity) ?? 0 })).filter(
    (o) => o.count > 0,
  );
  return { shown: kept, omitted };
}

/** The Report's appendix register (computed once per Report: the layout, the appendix and every chapter ask). */
export const printedRegister = perReport('printed-register', (report: Report) =>
  printRegister(report.findings),
);

/** Whether Appendix A lists every finding (else the most severe: the rest are in the exports). */
export const registerIsComplete = (report: Report) => printedRegister(report).omitted.length === 0;

/** "… 1,840 more rows in findings.xlsx, sheet deployment-mode." */
export function moreRowsNote(hidden: number, sheet: string): string {
  const n = new Intl.NumberFormat('en-GB').format(hidden);
  return `… ${n} more ${hidden === 1 ? 'row' : 'rows'} in findings.xlsx, sheet ${sheet}.`;
}

/** A stable id for a numbered section of a chapter, e.g. "sec-deployment-mode-findings". */
export function sectionId(chapter: string, key: string): string {
  return `sec-${chapter}-${key}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
}

/** More columns than this and a chapter's data table prints on A4 landscape pages. */
export const PRINT_PORTRAIT_COLUMNS = 8;

/**
 * What a chapter prints of a family data table: at most PRINT_ROW_LIMIT rows, without the
 * evidence lists and other long text columns (they would squeeze the table into slivers; on paper
 * they are left to the workbook sheet). `wide`: more than PRINT_PORTRAIT_COLUMNS columns, printed
 * in its own section on landscape pages (a table wider than the portrait page would make Chromium
 * shrink the whole document to fit it).
 */
export interface PrintedTable {
  rows: string[][];
  /** Indexes of the columns printed. */
  columns: number[];
  /** Labels of the columns left to the workbook. */
  left: string[];
  /** Rows past PRINT_ROW_LIMIT. */
  hidden: number;
  wide: boolean;
}

export function printedTable(table: DataTable): PrintedTable {
  const rows = table.rows.slice(0, PRINT_ROW_LIMIT);
  const long = (i: number) =>
    /evidence/i.test(table.columns[i]!.key) ||
    rows.reduce((n, r) => n + (r[i]?.length ?? 0), 0) / Math.max(1, rows.length) > 48;
  const columns = table.columns.map((_, i) => i).filter((i) => !long(i));
  const left = table.columns.filter((_, i) => !columns.includes(i)).map((c) => c.label);
  return {
    rows,
    columns,
    left,
    hidden: table.rows.length - rows.length,
    wide: columns.length > PRINT_PORTRAIT_COLUMNS,
  };
}
