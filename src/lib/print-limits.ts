import { type Finding, SEVERITIES } from '../analysis/model/finding.ts';

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
  const keptIds = new Set(kept.map((f) => f.id));
  const omitted = SEVERITIES.map((severity) => ({
    severity,
    count: findings.filter((f) => f.severity === severity && !keptIds.has(f.id)).length,
  })).filter((o) => o.count > 0);
  return { shown: kept, omitted };
}

/** "… 1,840 more rows in findings.xlsx, sheet deployment-mode." */
export function moreRowsNote(hidden: number, sheet: string): string {
  const n = new Intl.NumberFormat('en-GB').format(hidden);
  return `… ${n} more ${hidden === 1 ? 'row' : 'rows'} in findings.xlsx, sheet ${sheet}.`;
}

/** A stable id for a numbered section of a chapter, e.g. "sec-deployment-mode-findings". */
export function sectionId(chapter: string, key: string): string {
  return `sec-${chapter}-${key}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
}
