import type { Finding } from '../analysis/model/finding.ts';
import type { Report } from '../analysis/model/report.ts';
import { linkTo } from './links.ts';
import { perReport } from './per-report.ts';

/**
 * The findings register split into pages of at most REGISTER_PAGE_SIZE (500: about 0.8 MB of HTML) findings, in the Report's
 * order (`/findings/`, `/findings/2/`, …). Every link to a finding goes straight to the page that
 * holds it; an id index (`/findings/ids/`, `/findings/ids/2/`, …, ids sorted) lets a reader (or a
 * bookmarked `/findings/#<id>`) find any id without JavaScript.
 */
export const REGISTER_PAGE_SIZE = 500;
export const ID_INDEX_PAGE_SIZE = 4000;

/** Register page number (1-based) of every finding id. */
const pages = perReport(
  'register-page-of',
  (report: Report): Map<string, number> =>
    new Map(report.findings.map((f, i) => [f.id, Math.floor(i / REGISTER_PAGE_SIZE) + 1])),
);

export function registerPageCount(report: Report): number {
  return Math.max(1, Math.ceil(report.findings.length / REGISTER_PAGE_SIZE));
}

/** Site path of register page `n` (1-based). */
export function registerPagePath(n: number): string {
  return n <= 1 ? '/findings/' : `/findings/${n}/`;
}

/** The findings on register page `n`. */
export function registerPageFindings(report: Report, n: number): Finding[] {
  return report.findings.slice((n - 1) * REGISTER_PAGE_SIZE, n * REGISTER_PAGE_SIZE);
}

/** Site path (with fragment) of a finding: `/findings/#id` or `/findings/3/#id`. */
export function findingPath(report: Report, id: string): string {
  return `${registerPagePath(pages(report).get(id) ?? 1)}#${id}`;
}

export interface IdIndexPage {
  n: number;
  path: string;
  ids: { id: string; page: number }[];
}

/** Site path of id index page `n` (1-based). */
export function idIndexPagePath(n: number): string {
  return n <= 1 ? '/findings/ids/' : `/findings/ids/${n}/`;
}

/** How many id index pages there are (one, even for no findings). */
export function idIndexPageCount(report: Report): number {
  return Math.max(1, Math.ceil(pages(report).size / ID_INDEX_PAGE_SIZE));
}

/** Finding ids sorted, in index pages; each names the register page that holds the id (once per Report). */
export const idIndex = perReport('id-index', (report: Report): IdIndexPage[] => {
  const m = pages(report);
  const sorted = [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return Array.from({ length: idIndexPageCount(report) }, (_, i) => ({
    n: i + 1,
    path: idIndexPagePath(i + 1),
    ids: sorted
      .slice(i * ID_INDEX_PAGE_SIZE, (i + 1) * ID_INDEX_PAGE_SIZE)
      .map(([id, page]) => ({ id, page })),
  }));
});

/** A link from the page at `here` to a finding, on the register page that holds it. */
export function findingHref(report: Report, here: string, id: string): string {
  return linkTo(here, findingPath(report, id));
}
