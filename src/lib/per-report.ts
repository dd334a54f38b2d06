import type { Report } from '../analysis/model/report.ts';

/**
 * `f` computed once per Report object. A site build renders a hundred pages from one Report; a
 * view helper that scans 50,000 findings on every page (and every table row that links to a
 * Virtual Account) costs minutes at 200,000 devices. The Report is never mutated while pages render.
 */
export function perReport<T>(f: (report: Report) => T): (report: Report) => T {
  const cache = new WeakMap<Report, T>();
  return (report) => {
    if (!cache.has(report)) cache.set(report, f(report));
    return cache.get(report) as T;
  };
}
