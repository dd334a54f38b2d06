import type { Report } from '../analysis/model/report.ts';
import { renderNarrative } from '../narrative/render-narrative.ts';
import { linkTo, rel } from './links.ts';
import { narrativeCharts } from './narrative-charts.ts';
import { findingHref } from './register-pages.ts';

/**
 * The narrative of one report section as the page at `here` shows it (report.sections[name]: the
 * client's override or the template), or '' when it shows none. A template for a check that did
 * not run would cite figures that do not exist: the page says what is missing instead. A client's
 * own text is always shown. The Narrative component renders this, and the site's page reuse keys
 * a family page by it: a narrative may cite findings of any family, by status.
 */
export function narrativeHtml(report: Report, name: string, here: string): string {
  const family = report.families[name as keyof typeof report.families];
  const section = report.sections[name];
  const skip = section?.source === 'template' && family?.status === 'unavailable';
  if (!section || skip) return '';
  return renderNarrative(section.mdx, {
    report,
    base: here.startsWith('/print') ? linkTo(here, '/').replace(/#.*$/, '') : rel(here, '/'),
    charts: (chart) => narrativeCharts(report)[chart],
    findingHref: (id) => findingHref(report, here, id),
  }).html;
}
