import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Catalog, LicenceCatalogEntry } from '../model/catalog.ts';
import { type HeaderAliases, headerKey } from './columns.ts';
import { normaliseName } from './values.ts';

/** The catalog folder shipped with trueup (not a client's). */
export const CATALOG_DIR = new URL('../../../data/catalog/', import.meta.url).pathname;

function parseCsv(text: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy' }).data;
}

/** Read every `data/catalog/*.csv`: headers and licences get typed indexes, the rest stay as rows. */
export async function loadCatalog(dir: string = CATALOG_DIR): Promise<Catalog> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.csv')).sort();
  const tables: Record<string, Record<string, string>[]> = {};
  for (const f of files) tables[f.replace(/\.csv$/, '')] = parseCsv(await readFile(join(dir, f), 'utf8'));
  return catalogFromTables(tables);
}

export function catalogFromTables(tables: Record<string, Record<string, string>[]>): Catalog {
  const aliases: HeaderAliases = new Map();
  for (const r of tables.headers ?? []) {
    const kind = r.kind ?? '';
    if (!aliases.has(kind)) aliases.set(kind, new Map());
    if (!aliases.has(`${kind}#canonical`)) aliases.set(`${kind}#canonical`, new Map());
    aliases.get(kind)!.set(headerKey(r.alias ?? ''), r.field ?? '');
    const canonical = aliases.get(`${kind}#canonical`)!;
    if (![...canonical.values()].includes(r.field ?? '')) canonical.set(r.alias ?? '', r.field ?? '');
  }
  const licences: LicenceCatalogEntry[] = (tables.licences ?? []).map((r) => ({
    key: r.key ?? '',
    displayName: r.display_name ?? '',
    names: (r.names ?? '').split('|').filter(Boolean),
    productFamily: r.product_family ?? '',
    tier: r.tier ?? '',
    licenceType: (r.licence_type ?? 'PERPETUAL') as LicenceCatalogEntry['licenceType'],
    source: r.source ?? '',
  }));
  const licenceIndex = new Map<string, string>();
  for (const l of licences) {
    for (const n of [l.key, l.displayName, ...l.names]) licenceIndex.set(licenceLookupKey(n), l.key);
  }
  return { aliases, licences, licenceIndex, tables };
}

/** Entitlement tags carry a version/uuid suffix after the comma; names differ in case and spacing. */
export function licenceLookupKey(name: string): string {
  return normaliseName(name.replace(/^(regid\.[^,]+),.*$/, '$1'));
}

/**
 * Resolve any spelling of a licence (CSSM display name, device short name with its truncated
 * description, entitlement tag, SKU) to a catalog key. Unknown names return `known: false` and
 * a key made from the name itself, so they still group but are flagged by data-quality.
 */
export function resolveLicence(catalog: Catalog, name: string): { key: string; known: boolean } {
  const direct = catalog.licenceIndex.get(licenceLookupKey(name));
  if (direct) return { key: direct, known: true };
  // device form: "network-advantage (C9300-48 Network Advan...)": match the description by prefix
  const m = /^\s*([\w-]+)\s*\((.+?)(?:\.\.\.|…)?\)\s*$/.exec(name);
  if (m) {
    const desc = normaliseName(m[2]!);
    const hit = catalog.licences.find((l) =>
      l.names.some((n) => {
        const inner = /\((.+)\)/.exec(n)?.[1];
        return inner !== undefined && normaliseName(inner).startsWith(desc) && n.startsWith(m[1]!);
      }),
    );
    if (hit) return { key: hit.key, known: true };
  }
  return { key: `unknown:${normaliseName(name)}`, known: false };
}

export function licenceDisplayName(catalog: Catalog, key: string): string {
  return catalog.licences.find((l) => l.key === key)?.displayName ?? key.replace(/^unknown:/, '');
}
