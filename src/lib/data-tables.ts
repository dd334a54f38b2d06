import type { SourceRef } from '../analysis/model/evidence.ts';
import { evidenceRef, num } from './format.ts';

/**
 * A family's `data` shown without knowing its shape: every array of flat records becomes a
 * table. Families with a page of their own (va-imbalance) do not need this; the others get their
 * rows on the site and in the print appendix until they get richer pages.
 */
export interface DataTable {
  key: string;
  title: string;
  columns: { key: string; label: string; numeric: boolean; short: boolean }[];
  rows: string[][];
}

type Cell = unknown;

function isRef(v: Cell): v is SourceRef {
  return typeof v === 'object' && v !== null && 'file' in v && 'line' in v;
}

function scalar(v: Cell): boolean {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

/** A cell as text; undefined when the value is too nested to show in a table. */
function cellText(v: Cell): string | undefined {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return num(v);
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (typeof v === 'string') return v;
  if (isRef(v)) return evidenceRef(v);
  if (Array.isArray(v) && v.every((x) => scalar(x) || isRef(x))) return v.map((x) => cellText(x)).join('; ');
  return undefined;
}

/** camelCase or kebab-case key → "Sentence case". */
export function humanise(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The columns of a table of records, the site's and the workbook's: every key in the order it
 * first appears, except where its value is undefined, as JSON leaves it out.
 */
export function columnKeys(records: readonly Record<string, unknown>[]): string[] {
  const keys: string[] = [];
  for (const r of records)
    for (const k of Object.keys(r)) if (r[k] !== undefined && !keys.includes(k)) keys.push(k);
  return keys;
}

export function dataTables(data: unknown): DataTable[] {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return [];
  const out: DataTable[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (!Array.isArray(value) || value.length === 0) continue;
    if (!value.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r) && !isRef(r))) continue;
    const records = value as Record<string, Cell>[];
    const keys = columnKeys(records);
    const shown = keys.filter((k) => records.every((r) => cellText(r[k]) !== undefined));
    if (shown.length === 0) continue;
    out.push({
      key,
      title: humanise(key),
      columns: shown.map((k) => ({
        key: k,
        label: humanise(k),
        numeric: records.every((r) => typeof r[k] === 'number' || r[k] === null || r[k] === undefined),
        // Codes, dates and SKUs read better on one line.
        short: records.every((r) => (cellText(r[k]) ?? '').length <= 18),
      })),
      rows: records.map((r) => shown.map((k) => cellText(r[k])!)),
    });
  }
  return out;
}
