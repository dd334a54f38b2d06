import { readFileSync, statSync } from 'node:fs';
import type { Report } from '../analysis/model/report.ts';
import { processGlobal } from './process-global.ts';

/**
 * The Report a site build renders. Pages read it from the JSON file named by TRUEUP_REPORT and
 * never recompute analysis. Cached per path and modification time, so one process can build
 * several clients (or rebuild one) without a stale Report.
 */
let cached: { key: string; report: Report } | undefined;

export class ReportNotSetError extends Error {}

export function reportPath(): string {
  const path = process.env.TRUEUP_REPORT;
  if (!path) {
    throw new ReportNotSetError(
      'TRUEUP_REPORT is not set: the site renders one report.json; build it through buildSite() or `trueup build`.',
    );
  }
  return path;
}

/**
 * A build that has just written report.json hands the same Report over in memory: the site's
 * pages (rendered in the build's own process) then skip parsing it again, which at 200,000
 * devices is seconds and a second copy of a ~1 GB object. Keyed by the file's path, through a
 * global because Astro bundles its own copy of this module.
 */
const inMemory = processGlobal<{ path: string; report: Report }>('trueup.report-in-memory');

export function provideReport(path: string, report: Report | undefined): void {
  inMemory.set(report ? { path, report } : undefined);
}

export function getReport(): Report {
  const path = reportPath();
  const given = inMemory.get();
  if (given?.path === path) return given.report;
  const key = `${path}\u0000${statSync(path).mtimeMs}`;
  if (cached?.key !== key) {
    const report = JSON.parse(readFileSync(path, 'utf8')) as Report;
    if (report.schemaVersion !== 1)
      throw new Error(`${path}: unsupported report schemaVersion ${report.schemaVersion}`);
    cached = { key, report };
  }
  return cached.report;
}
