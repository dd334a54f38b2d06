import type { Catalog } from '../model/catalog.ts';
import { LedgerBuilder, ref } from '../model/ledger.ts';
import type { ProductInstanceRecord, Reservation } from '../model/records.ts';
import { resolveLicence } from './catalog.ts';
import { mapColumns, mapRows, maybe, type Row, RowError, requireText } from './columns.ts';
import { jsonRows } from './json-rows.ts';
import { mapColumnsOrFail, opt } from './licenses.ts';
import { readTabular } from './tabular.ts';
import { type DateOrder, parseCount, parseDate } from './values.ts';

const REQUIRED = ['name', 'virtualAccount'] as const;

export function parseReservation(raw: string, column: string): Reservation {
  const s = raw.trim().toUpperCase();
  if (s === '' || s === 'NONE' || s === 'NO' || s === '-') return 'none';
  if (s.startsWith('SPECIFIC') || s === 'SLR') return 'SPECIFIC';
  if (s.startsWith('UNIVERSAL') || s === 'PLR') return 'UNIVERSAL';
  throw new RowError(`expected Reservation none, SPECIFIC or UNIVERSAL, found "${raw.trim()}"`, column);
}

/** `C9300 DNA Advantage:1; C9300 Network Advantage:1` (a bare name counts 1). */
export function parseLicenceList(
  raw: string,
  column: string,
  catalog: Catalog,
): ProductInstanceRecord['licences'] {
  const out: ProductInstanceRecord['licences'] = [];
  for (const part of raw.split(/[;\n]/)) {
    const p = part.trim();
    if (!p) continue;
    const m = /^(.*?)(?:\s*[:=x×]\s*(\d[\d,.]*))?$/.exec(p);
    const name = (m?.[1] ?? p).trim();
    const count = m?.[2] ? parseCount(m[2]) : { ok: true as const, value: 1 };
    if (!count.ok) throw new RowError(`licence "${name}": ${count.reason}`, column);
    // "name:x" is a count that is not a number, not a licence called "name:x"
    if (!name || /[:=×]/.test(name))
      throw new RowError(`expected "licence name:count" entries separated by ";", found "${p}"`, column);
    out.push({ name, licenceKey: resolveLicence(catalog, name).key, count: count.value });
  }
  return out;
}

function toRecord(file: string, row: Row, catalog: Catalog, order: DateOrder): ProductInstanceRecord {
  return {
    source: ref(file, row.line),
    name: requireText(row, 'name'),
    virtualAccount: requireText(row, 'virtualAccount'),
    ...opt('pid', row.get('pid').toUpperCase()),
    ...opt('serial', row.get('serial').toUpperCase()),
    ...opt('productType', row.get('productType')),
    ...opt(
      'lastContact',
      maybe(row, 'lastContact', (s) => parseDate(s, order)),
    ),
    ...opt('alerts', row.get('alerts')),
    licences: parseLicenceList(row.get('licences'), row.header('licences'), catalog),
    reservation: parseReservation(row.get('reservation'), row.header('reservation')),
    ...opt('transport', row.get('transport')),
  };
}

export async function loadProductInstances(
  file: string,
  bytes: Uint8Array,
  catalog: Catalog,
  order: DateOrder,
): Promise<{ records: ProductInstanceRecord[]; ledger: LedgerBuilder }> {
  if (/\.json$/i.test(file)) return loadJson(file, bytes, catalog);
  const { table, ledger } = await readTabular(file, bytes, 'product-instances');
  if (!table) return { records: [], ledger };
  const columns = mapColumnsOrFail(ledger, () =>
    mapColumns('product-instances', table, catalog.aliases, REQUIRED, ledger),
  );
  if (!columns) return { records: [], ledger };
  return { records: mapRows(table, columns, ledger, (row) => toRecord(file, row, catalog, order)), ledger };
}

/** CSSM API: `{ devices: [{ instanceName, virtualAccount, productTagName, sudi: {udiPid, udiSerialNumber}, ... }] }`. */
function loadJson(file: string, bytes: Uint8Array, catalog: Catalog) {
  const ledger = new LedgerBuilder(file, 'product-instances', 'json');
  const records: ProductInstanceRecord[] = [];
  for (const r of jsonRows(bytes, 'devices', ledger)) {
    try {
      const sudi = (r.value.sudi ?? {}) as Record<string, unknown>;
      const lic = Array.isArray(r.value.licenses) ? (r.value.licenses as Record<string, unknown>[]) : [];
      const lastContact = r.optionalText('lastContactDate') ?? r.optionalText('lastContact');
      records.push({
        source: ref(file, r.line),
        name: r.text('instanceName'),
        virtualAccount: r.text('virtualAccount'),
        ...opt('pid', typeof sudi.udiPid === 'string' ? sudi.udiPid.toUpperCase() : undefined),
        ...opt(
          'serial',
          typeof sudi.udiSerialNumber === 'string' ? sudi.udiSerialNumber.toUpperCase() : undefined,
        ),
        ...opt('productType', r.optionalText('productTagName') ?? r.optionalText('productType')),
        ...opt('lastContact', lastContact ? lastContact.slice(0, 10) : undefined),
        licences: lic.map((l) => {
          const name = String(l.license ?? l.name ?? '');
          const raw = l.quantity ?? l.count ?? 1;
          const count = parseCount(typeof raw === 'number' || typeof raw === 'string' ? String(raw) : '');
          if (!count.ok) throw new RowError(`licence "${name}" quantity: ${count.reason}`, 'licenses');
          return { name, licenceKey: resolveLicence(catalog, name).key, count: count.value };
        }),
        reservation: parseReservation(String(r.value.reservationType ?? ''), 'reservationType'),
        ...opt('transport', r.optionalText('transport')),
      });
      ledger.accept();
    } catch (e) {
      if (e instanceof RowError) ledger.reject(r.line, e.message, e.column);
      else throw e;
    }
  }
  return { records, ledger };
}
