import type { Catalog } from '../model/catalog.ts';
import { LedgerBuilder, ref } from '../model/ledger.ts';
import type { LicenceRecord, LicenceType } from '../model/records.ts';
import { resolveLicence } from './catalog.ts';
import { mapColumns, mapRows, maybe, need, type Row, RowError, requireText } from './columns.ts';
import { type InputBytes, wholeBytes } from './file-source.ts';
import { type JsonRow, jsonRows } from './json-rows.ts';
import { readTabular } from './tabular.ts';
import { type DateOrder, parseCount, parseDate } from './values.ts';

const REQUIRED = ['virtualAccount', 'licence', 'purchased', 'inUse'] as const;

export function licenceType(raw: string): LicenceType {
  const s = raw.trim().toUpperCase();
  if (s === '') return 'UNKNOWN';
  if (s.startsWith('PERP')) return 'PERPETUAL';
  if (s.startsWith('TERM')) return 'TERM';
  if (s.startsWith('SUB')) return 'SUBSCRIPTION';
  return 'UNKNOWN';
}

/** One licence row (CSV/XLSX) to a record; reserved must fit inside in use (DESIGN.md §5.1). */
function toRecord(file: string, row: Row, catalog: Catalog, order: DateOrder): LicenceRecord {
  const licenceName = requireText(row, 'licence');
  const purchased = need(row, 'purchased', parseCount);
  const inUse = need(row, 'inUse', parseCount);
  const reserved = maybe(row, 'reserved', parseCount) ?? 0;
  if (reserved > inUse) {
    throw new RowError(`expected Reserved ≤ In Use (${inUse}), found ${reserved}`, row.header('reserved'));
  }
  const balance = maybe(row, 'balance', (s) => parseSignedCount(s));
  const tag = row.get('entitlementTag');
  const sku = row.get('sku');
  let resolved = resolveLicence(catalog, licenceName);
  if (!resolved.known && tag) resolved = resolveLicence(catalog, tag);
  if (!resolved.known && sku) resolved = resolveLicence(catalog, sku);
  const date = (s: string) => parseDate(s, order);
  return {
    source: ref(file, row.line),
    virtualAccount: requireText(row, 'virtualAccount'),
    licenceName,
    licenceKey: resolved.key,
    known: resolved.known,
    purchased,
    inUse,
    reserved,
    ...(balance !== undefined ? { balance } : {}),
    ...opt('status', row.get('status')),
    ...opt('alerts', row.get('alerts')),
    ...opt('billingType', row.get('billingType')),
    licenceType: licenceType(row.get('licenceType')),
    ...opt('startDate', maybe(row, 'startDate', date)),
    ...opt('endDate', maybe(row, 'endDate', date)),
    ...opt('entitlementTag', tag),
    ...opt('sku', sku),
  };
}

/** Balance may be negative (a shortage), so it has its own parser. */
export function parseSignedCount(s: string) {
  const neg = /^\s*[-−(]/.test(s);
  const r = parseCount(s.replace(/[-−()]/g, ''));
  return r.ok ? { ok: true as const, value: neg ? -r.value : r.value } : r;
}

export function opt<K extends string, V>(key: K, v: V | undefined | ''): { [P in K]?: V } {
  return v === undefined || v === '' ? {} : ({ [key]: v } as { [P in K]: V });
}

export async function loadLicences(
  file: string,
  bytes: InputBytes,
  catalog: Catalog,
  order: DateOrder,
): Promise<{ records: LicenceRecord[]; ledger: LedgerBuilder }> {
  if (/\.json$/i.test(file)) return loadLicencesJson(file, wholeBytes(bytes), catalog);
  const { table, ledger } = await readTabular(file, bytes, 'licenses');
  if (!table) return { records: [], ledger };
  const columns = mapColumnsOrFail(ledger, () =>
    mapColumns('licenses', table, catalog.aliases, REQUIRED, ledger),
  );
  if (!columns) return { records: [], ledger };
  return { records: mapRows(table, columns, ledger, (row) => toRecord(file, row, catalog, order)), ledger };
}

export function mapColumnsOrFail<T>(ledger: LedgerBuilder, f: () => T): T | undefined {
  try {
    return f();
  } catch (e) {
    ledger.fail((e as Error).message);
    return undefined;
  }
}

/** The CSSM API shape: `{ licenses: [{ license, virtualAccount, quantity, inUse, ... }] }`. */
function loadLicencesJson(file: string, bytes: Uint8Array, catalog: Catalog) {
  const ledger = new LedgerBuilder(file, 'licenses', 'json');
  const rows = jsonRows(bytes, 'licenses', ledger);
  const records: LicenceRecord[] = [];
  for (const r of rows) {
    try {
      records.push(jsonRecord(file, r, catalog));
      ledger.accept();
    } catch (e) {
      if (e instanceof RowError) ledger.reject(r.line, e.message, e.column);
      else throw e;
    }
  }
  return { records, ledger };
}

function jsonRecord(file: string, r: JsonRow, catalog: Catalog): LicenceRecord {
  const licenceName = r.text('license');
  const virtualAccount = r.text('virtualAccount');
  const purchased = r.count('quantity');
  const inUse = r.count('inUse');
  const reserved = r.optionalCount('reserved') ?? 0;
  if (reserved > inUse)
    throw new RowError(`expected reserved ≤ inUse (${inUse}), found ${reserved}`, 'reserved');
  const details = (r.value.licenseDetails as Record<string, unknown>[] | undefined) ?? [];
  const subs = (r.value.licenseSubstitutions as Record<string, unknown>[] | undefined) ?? [];
  const resolved = resolveLicence(catalog, licenceName);
  const available = r.optionalSignedNumber('available');
  const first = details[0] ?? {};
  return {
    source: ref(file, r.line),
    virtualAccount,
    licenceName,
    licenceKey: resolved.key,
    known: resolved.known,
    purchased,
    inUse,
    reserved,
    ...(available !== undefined ? { balance: available } : {}),
    ...opt('status', r.optionalText('status')),
    ...opt('billingType', r.optionalText('billingType')),
    licenceType: licenceType(r.optionalText('licenseType') ?? String(first.licenseType ?? '')),
    ...opt('startDate', typeof first.startDate === 'string' ? first.startDate.slice(0, 10) : undefined),
    ...opt('endDate', typeof first.endDate === 'string' ? first.endDate.slice(0, 10) : undefined),
    ...(subs.length
      ? { substitutions: subs.map((s) => String(s.substitutedLicense ?? '')).filter(Boolean) }
      : {}),
  };
}
