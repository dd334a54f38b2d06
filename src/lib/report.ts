import { readFileSync, statSync } from 'node:fs';
import type { Report } from '../analysis/model/report.ts';

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

export function getReport(): Report {
  const path = reportPath();
  const key = `${path}\u0000${statSync(path).mtimeMs}`;
  if (cached?.key !== key) {
    const report = JSON.parse(readFileSync(path, 'utf8')) as Report;
    if (report.schemaVersion !== 1)
      throw new Error(`${path}: unsupported report schemaVersion ${report.schemaVersion}`);
    cached = { key, report };
  }
  return cached.report;
}
