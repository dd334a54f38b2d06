import { fileURLToPath } from 'node:url';
import { catalogFromTables, loadCatalog } from '../../src/analysis/load/catalog.ts';
import { loadClientFolder } from '../../src/analysis/load/client-folder.ts';
import type { ClientInputs } from '../../src/analysis/load/client-inputs.ts';
import type { Catalog } from '../../src/analysis/model/catalog.ts';
import type { Report } from '../../src/analysis/model/report.ts';
import { buildReport } from '../../src/analysis/report/build-report.ts';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** Load a fixture folder and build its Report with the shipped catalog (optionally tweaked). */
export async function fixtureReport(
  name: string,
  tweak?: (tables: Record<string, Record<string, string>[]>) => void,
): Promise<{ report: Report; inputs: ClientInputs; catalog: Catalog }> {
  let catalog = await loadCatalog();
  if (tweak) {
    const tables = structuredClone(catalog.tables);
    tweak(tables);
    catalog = catalogFromTables(tables);
  }
  const inputs = await loadClientFolder(`${FIXTURES}${name}`, catalog);
  return { report: buildReport(inputs, catalog), inputs, catalog };
}

export function familyData<T>(report: Report, family: keyof Report['families']): T {
  return report.families[family]?.data as T;
}
