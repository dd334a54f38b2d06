/**
 * How much of a long list a PDF chapter shows. The rest is in findings.xlsx (every row), and the
 * chapter says so where it stops; the appendix register keeps every finding.
 */
export const PRINT_ROW_LIMIT = 200;

/** "… 1,840 more rows in findings.xlsx, sheet deployment-mode." */
export function moreRowsNote(hidden: number, sheet: string): string {
  const n = new Intl.NumberFormat('en-GB').format(hidden);
  return `… ${n} more ${hidden === 1 ? 'row' : 'rows'} in findings.xlsx, sheet ${sheet}.`;
}

/** A stable id for a numbered section of a chapter, e.g. "sec-deployment-mode-findings". */
export function sectionId(chapter: string, key: string): string {
  return `sec-${chapter}-${key}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
}
