import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../../src/analysis/load/catalog.ts';
import { loadClientFolder } from '../../src/analysis/load/client-folder.ts';
import type { Catalog } from '../../src/analysis/model/catalog.ts';
import type { Report } from '../../src/analysis/model/report.ts';
import { buildReport } from '../../src/analysis/report/build-report.ts';

export const REPO = new URL('../../', import.meta.url).pathname;
export const FIXTURES = join(REPO, 'test/fixtures');
export const GOLDEN = join(REPO, 'test/golden');

let catalogPromise: Promise<Catalog> | undefined;
export function catalog(): Promise<Catalog> {
  catalogPromise ??= loadCatalog();
  return catalogPromise;
}

export async function reportFor(dir: string): Promise<Report> {
  const c = await catalog();
  return buildReport(await loadClientFolder(dir, c), c);
}

export function fixtureDirs(): string[] {
  return readdirSync(FIXTURES)
    .filter((d) => statSync(join(FIXTURES, d)).isDirectory())
    .sort();
}

/** Every ledger entry balances: rows read = accepted + rejected. */
export function ledgerBalances(report: Pick<Report, 'ledger'>): boolean {
  return report.ledger.every((e) => e.rowsRead === e.rowsAccepted + e.rowsRejected);
}
