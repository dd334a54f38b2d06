import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { HEADERS, PATHS } from '../../src/generate/tables.ts';
import { generateToDisk, readCsv } from './helpers.ts';

const norm = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, '');

/** kind → field → canonical header (the first alias listed for the field). */
function canonicalHeaders(): Map<string, Map<string, string>> {
  const text = readFileSync(new URL('../../data/catalog/headers.csv', import.meta.url), 'utf8');
  const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy' }).data;
  const out = new Map<string, Map<string, string>>();
  for (const r of rows) {
    const kind = out.get(r.kind!) ?? new Map<string, string>();
    if (!kind.has(r.field!)) kind.set(r.field!, r.alias!);
    out.set(r.kind!, kind);
  }
  return out;
}

/** DESIGN.md §4 minimum columns, for kinds headers.csv does not list yet. */
const DESIGN_COLUMNS: Record<string, string[]> = {
  paks: [
    'PAK',
    'SKU',
    'Quantity',
    'Description',
    'Quantity Fulfilled',
    'Quantity Available',
    'Status',
    'Sales Order',
    'Order Date',
    'Bound UDI',
  ],
  inventory: ['Hostname', 'PID', 'Serial Number', 'Status', 'Retired Date', 'Site', 'OS Version', 'Source'],
  'cisco-one': ['Suite SKU', 'Quantity', 'Model', 'Start Date', 'End Date', 'SWSS Contract', 'Serials'],
  support: ['Serial Number', 'Contract', 'Start Date', 'End Date', 'PID', 'Service Level'],
  prices: ['SKU', 'List Price', 'Currency', 'Unit', 'Term Months'],
  alerts: ['Severity', 'Message', 'Source', 'Action Due', 'Virtual Account', 'License'],
};

/** Fields each loader requires (DESIGN.md §4 "required" column), by headers.csv field name. */
const REQUIRED: Record<string, string[]> = {
  licenses: ['virtualAccount', 'licence', 'purchased', 'inUse'],
  'product-instances': ['name', 'virtualAccount'],
  paks: ['pak', 'sku', 'quantity'],
  inventory: ['hostname', 'pid', 'serial'],
  transactions: ['transactionSource', 'quantity'],
};

describe('generated CSV headers', () => {
  const { folder } = generateToDisk({ id: 'headers', seed: '3', devices: 400 });
  const catalog = canonicalHeaders();

  for (const [kind, path] of Object.entries(PATHS)) {
    it(`${path} uses the canonical column names of ${kind}`, () => {
      const { header } = readCsv(folder, path);
      expect(header).toEqual([...HEADERS[kind as keyof typeof HEADERS]]);
      const known = catalog.get(kind);
      if (known) {
        const canonical = new Set(known.values());
        for (const h of header) expect(canonical.has(h), `${h} is a canonical ${kind} header`).toBe(true);
        // every required field of the loader is present
        const fields = new Set(header.map((h) => [...known].find(([, c]) => norm(c) === norm(h))?.[0]));
        for (const f of REQUIRED[kind] ?? []) expect(fields.has(f), `${kind} needs ${f}`).toBe(true);
      } else {
        expect([...header].sort()).toEqual([...DESIGN_COLUMNS[kind]!].sort());
      }
    });
  }
});
