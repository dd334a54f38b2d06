import type { Catalog } from '../model/catalog.ts';
import { LedgerBuilder, ref } from '../model/ledger.ts';
import type { ProductInstanceRecord, Reservation } from '../model/records.ts';
import { resolveLicence } from './catalog.ts';
import { mapColumns, mapRows, maybe, type Row, RowError, requireText } from './columns.ts';
import { type InputBytes, wholeBytes } from './file-source.ts';
import { jsonRows } from './json-rows.ts';
import { mapColumnsOrFail, opt } from './licenses.ts';
import { readTabular } from './tabular.ts';
import { type DateOrder, dateParser, parseCount } from './values.ts';

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

/**
 * `parseLicenceList` remembered per cell text: a large estate repeats a few hundred licence lists
 * over hundreds of thousands of rows. Records with the same text share one list, frozen with its
 * entries so that a stray write throws instead of changing every record that shares it.
 */
function licenceListParser(catalog: Catalog) {
  const memo = new Map<string, ProductInstanceRecord['licences'] | string>();
  return (raw: string, column: string): ProductInstanceRecord['licences'] => {
    let hit = memo.get(raw);
    if (hit === undefined) {
      if (memo.size >= 50_000) memo.clear();
      try {
        hit = frozenList(parseLicenceList(raw, column, catalog));
      } catch (e) {
        if (!(e instanceof RowError)) throw e;
        hit = e.message;
      }
      memo.set(raw, hit);
    }
    if (typeof hit === 'string') throw new RowError(hit, column);
    return hit;
  };
}

function frozenList(list: ProductInstanceRecord['licences']): ProductInstanceRecord['licences'] {
  for (const l of list) Object.freeze(l);
  return Object.freeze(list) as ProductInstanceRecord['licences'];
}

function toRecord(
  file: string,
  row: Row,
  order: DateOrder,
  licences: (raw: string, column: string) => ProductInstanceRecord['licences'],
): ProductInstanceRecord {
  const source = ref(file, row.line);
  const name = requireText(row, 'name');
  const virtualAccount = requireText(row, 'virtualAccount');
  const pid = row.get('pid').toUpperCase();
  const serial = row.get('serial').toUpperCase();
  const productType = row.get('productType');
  const lastContact = maybe(row, 'lastContact', dateParser(order));
  const alerts = row.get('alerts');
  const licenceList = licences(row.get('licences'), row.header('licences'));
  const reservation = parseReservation(row.text('reservation'), row.header('reservation'));
  const transport = row.get('transport');
  // One literal with every field, an empty one undefined (which JSON leaves out, as it left out
  // the field): fields added one by one past the literal's went to a second, growing object.
  return {
    source,
    name,
    virtualAccount,
    pid: pid || undefined,
    serial: serial || undefined,
    productType: productType || undefined,
    lastContact: lastContact || undefined,
    alerts: alerts || undefined,
    licences: licenceList,
    reservation,
    transport: transport || undefined,
  };
}

export async function loadProductInstances(
  file: string,
  bytes: InputBytes,
  catalog: Catalog,
  order: DateOrder,
): Promise<{ records: ProductInstanceRecord[]; ledger: LedgerBuilder }> {
  if (/\.json$/i.test(file)) return loadJson(file, wholeBytes(bytes), catalog);
  const { table, ledger } = await readTabular(file, bytes, 'product-instances');
  if (!table) return { records: [], ledger };
  const columns = mapColumnsOrFail(ledger, () =>
    mapColumns('product-instances', table, catalog.aliases, REQUIRED, ledger),
  );
  if (!columns) return { records: [], ledger };
  const licences = licenceListParser(catalog);
  return { records: mapRows(table, columns, ledger, (row) => toRecord(file, row, order, licences)), ledger };
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
