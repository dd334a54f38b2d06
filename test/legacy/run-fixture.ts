import { join } from 'node:path';
import { loadCatalog } from '../../src/analysis/load/catalog.ts';
import { loadClientFolder } from '../../src/analysis/load/client-folder.ts';
import type { Finding } from '../../src/analysis/model/finding.ts';
import { runChecks } from '../../src/analysis/report/build-report.ts';

export const LEGACY_FAMILIES = ['pak-estate', 'unactivated-pak', 'orphaned'] as const;

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
export const GOLDEN = join(import.meta.dirname, '..', 'golden');

/** Load a fixture client folder and run every check on it. */
export async function runFixture(name: string) {
  const catalog = await loadCatalog();
  const inputs = await loadClientFolder(join(FIXTURES, name), catalog);
  const { estate, results } = runChecks(inputs, catalog);
  const findings: Finding[] = Object.values(results).flatMap((r) => r?.findings ?? []);
  return { catalog, inputs, estate, results, findings };
}

/** The golden shape of a finding: what expected-findings.json lists. */
export function goldenOf(findings: readonly Finding[]) {
  return findings
    .filter((f) => (LEGACY_FAMILIES as readonly string[]).includes(f.family))
    .map((f) => ({ id: f.id, family: f.family, severity: f.severity, title: f.title, quantity: f.quantity }))
    .sort((a, b) => a.family.localeCompare(b.family) || a.id.localeCompare(b.id));
}
