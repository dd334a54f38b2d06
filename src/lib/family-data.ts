import type { Family } from '../analysis/model/finding.ts';
import type { FamilySection, Report } from '../analysis/model/report.ts';

/**
 * A family's section with its data typed, or undefined when the check did not run (its page then
 * says which inputs were missing). Pages only format, sort and slice what is returned.
 */
export function familyData<T>(
  report: Report,
  family: Family,
): { section: FamilySection<T>; data: T } | undefined {
  const section = report.families[family] as FamilySection<T> | undefined;
  if (!section || section.status === 'unavailable' || section.data === null || section.data === undefined)
    return undefined;
  return { section, data: section.data };
}

/**
 * Rows a site page shows of one long table. Beyond it the page says how many more there are and
 * where the full list is (findings.xlsx, the PDF appendix): a page stays well under 1.5 MB even
 * for a 200,000-device estate.
 */
export const PAGE_ROWS = 300;

/** Evidence rows a page lists for one figure beyond those shown (the rest are counted, and are in the exports). */
export const EVIDENCE_FOLD_LIMIT = 100;

/** The first `limit` rows and how many were left off. */
export function firstRows<T>(rows: readonly T[], limit: number = PAGE_ROWS): { shown: T[]; more: number } {
  return { shown: rows.slice(0, limit), more: Math.max(0, rows.length - limit) };
}
