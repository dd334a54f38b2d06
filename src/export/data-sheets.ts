import { FAMILIES, type Family } from '../analysis/model/finding.ts';
import type { Report } from '../analysis/model/report.ts';
import { columnKeys } from '../lib/data-tables.ts';

/**
 * Every array of flat records in a family's `data` (device lists, PAK lines, positions…) as a
 * sheet of findings.xlsx, in full: the PDF shows at most a page or two of such a list and names
 * the sheet that holds the rest (`dataSheetName`).
 */
export interface DataSheet {
  family: Family;
  key: string;
  name: string;
  columns: string[];
  rows: (string | number | null)[][];
  /**
   * The digest `identify` gave the table (`dataSheets`), in place of one of its content; its
   * columns and rows are left empty when the caller did not need them.
   */
  digest?: string;
}

/** Sheet name for a family's data table: "<family> <key>", at most 31 characters (Excel's limit). */
export function dataSheetName(family: Family, key: string): string {
  return `${family} ${key}`.slice(0, 31);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function cell(v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) return v.map((x) => cell(x) ?? '').join('; ');
  if (isRecord(v) && 'file' in v && 'line' in v) return `${String(v.file)}:${String(v.line)}`;
  return JSON.stringify(v);
}

/**
 * `identify(family, key, table)`, when given, may name a table by what it was made from rather
 * than by its rows (the very table of a cached analysis): the sheet then carries that digest, and
 * its columns and rows are left empty when `needed(name, digest)` says the caller has the sheet
 * already. `families`: only theirs (all, in the fixed family order, by default).
 */
export function dataSheets(
  report: Report,
  identify?: (family: Family, key: string, table: unknown[]) => string | undefined,
  needed: (name: string, digest: string) => boolean = () => true,
  families: readonly Family[] = FAMILIES,
): DataSheet[] {
  const out: DataSheet[] = [];
  for (const family of families) {
    const data = report.families[family]?.data;
    if (!isRecord(data)) continue;
    for (const [key, value] of Object.entries(data)) {
      if (!Array.isArray(value) || value.length === 0 || !value.every(isRecord)) continue;
      const records = value as Record<string, unknown>[];
      if (records.every((r) => 'file' in r && 'line' in r)) continue;
      const name = dataSheetName(family, key);
      const digest = identify?.(family, key, value);
      if (digest && !needed(name, digest)) {
        out.push({ family, key, name, columns: [], rows: [], digest });
        continue;
      }
      const columns = columnKeys(records);
      const rows = records.map((r) => columns.map((c) => cell(r[c])));
      out.push({ family, key, name, columns, rows, ...(digest ? { digest } : {}) });
    }
  }
  return out;
}
