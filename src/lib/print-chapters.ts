import type { Family } from '../analysis/model/finding.ts';
import type { Report } from '../analysis/model/report.ts';
import { pageAnchor } from './links.ts';
import { familyEntries } from './view.ts';

/**
 * The chapters of the print document, numbered: the summary, one per family in the Report (in
 * the fixed family order, so a chapter keeps its number from build to build), methodology; then
 * the appendices A and B. Ids are the site routes as anchors, so site links become fragments.
 */
export interface PrintChapter {
  id: string;
  no: string;
  title: string;
  kind: 'overview' | 'family' | 'methodology' | 'register' | 'vas';
  family?: Family;
}

export function printChapters(report: Report): { chapters: PrintChapter[]; appendices: PrintChapter[] } {
  const chapters: PrintChapter[] = [
    { id: pageAnchor('/'), no: '', title: 'Executive summary', kind: 'overview' },
  ];
  for (const f of familyEntries(report))
    chapters.push({ id: pageAnchor(f.path), no: '', title: f.title, kind: 'family', family: f.family });
  chapters.push({
    id: pageAnchor('/methodology/'),
    no: '',
    title: 'Methodology and assumptions',
    kind: 'methodology',
  });
  chapters.forEach((c, i) => {
    c.no = String(i + 1);
  });
  const appendices: PrintChapter[] = [
    { id: pageAnchor('/findings/'), no: 'A', title: 'Findings register', kind: 'register' },
    { id: pageAnchor('/va/'), no: 'B', title: 'Virtual Accounts', kind: 'vas' },
  ];
  return { chapters, appendices };
}
