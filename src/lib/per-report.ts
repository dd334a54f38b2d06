import type { Report } from '../analysis/model/report.ts';

/**
 * `f` computed once per Report object, under `name`. A site build renders a hundred pages from
 * one Report; a view helper that scans 50,000 findings on every page (and every table row that
 * links to a Virtual Account) costs minutes at 200,000 devices. The Report is never mutated while
 * pages render.
 *
 * The results are kept on globalThis under a registered symbol, as `processGlobal` keeps values:
 * Astro bundles its own copy of every module a page imports, so a module-level cache would be
 * computed twice, once for the build's page reuse and once for the pages (the id index of 48,000
 * findings: 85 ms each time at 200,000 devices). Both copies run the same code on the same
 * Report, so either's result serves the other.
 */
export function perReport<T>(name: string, f: (report: Report) => T): (report: Report) => T {
  const key = Symbol.for(`trueup.per-report.${name}`);
  const holder = globalThis as unknown as Record<symbol, WeakMap<Report, T> | undefined>;
  holder[key] ??= new WeakMap<Report, T>();
  const cache = holder[key];
  return (report) => {
    if (!cache.has(report)) cache.set(report, f(report));
    return cache.get(report) as T;
  };
}
