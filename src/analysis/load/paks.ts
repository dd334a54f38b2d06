import type { Catalog } from '../model/catalog.ts';
import type { LedgerBuilder } from '../model/ledger.ts';
import { ref } from '../model/ledger.ts';
import type { PakRecord, PakStatus } from '../model/records.ts';
import { parseUdiList } from '../reconcile/udi.ts';
import { resolveLicence } from './catalog.ts';
import { mapColumns, mapRows, maybe, need, type Row, RowError, requireText } from './columns.ts';
import type { InputBytes } from './file-source.ts';
import { mapColumnsOrFail } from './licenses.ts';
import { readTabular } from './tabular.ts';
import { type DateOrder, dateParser, parseCount } from './values.ts';

const REQUIRED = ['pak', 'sku', 'quantity'] as const;

/** The License Registration Portal's fulfilment states, spelled as Cisco spells them (DOMAIN.md §3). */
export const PAK_STATUSES: readonly PakStatus[] = ['Unfulfilled', 'Partially Fulfilled', 'Fulfilled'];

/** Each status by its key (lower case, no spaces), made once rather than per row. */
const PAK_STATUS_BY_KEY = new Map(PAK_STATUSES.map((s) => [s.toLowerCase().replace(/\s+/g, ''), s]));

/** Case, spaces, `_` and `-` do not matter: `PARTIALLY_FULFILLED` ≡ `Partially Fulfilled`. */
export function parsePakStatus(raw: string, column: string): PakStatus {
  const k = raw.toLowerCase().replace(/[\s_-]+/g, '');
  const hit = PAK_STATUS_BY_KEY.get(k);
  if (!hit)
    throw new RowError(
      `expected Status ${PAK_STATUSES.map((s) => `"${s}"`).join(', ')}, found "${raw.trim()}"`,
      column,
    );
  return hit;
}

/** PAK ids are matched across the LRP listing and CSSM transactions: case and spacing do not count. */
export function normalisePak(s: string): string {
  return s.replace(/[\s-]+/g, '').toUpperCase();
}

function toRecord(file: string, row: Row, catalog: Catalog, order: DateOrder): PakRecord {
  const pak = normalisePak(requireText(row, 'pak'));
  const sku = requireText(row, 'sku').toUpperCase();
  const quantity = need(row, 'quantity', parseCount);
  const quantityFulfilled = maybe(row, 'quantityFulfilled', parseCount);
  const quantityAvailable = maybe(row, 'quantityAvailable', parseCount);
  const statusCell = row.text('status');
  const status = statusCell ? parsePakStatus(statusCell, row.header('status')) : undefined;
  if (quantityFulfilled !== undefined && quantityFulfilled > quantity)
    throw new RowError(
      `expected Quantity Fulfilled ≤ Quantity (${quantity}), found ${quantityFulfilled}`,
      row.header('quantityFulfilled'),
    );
  if (quantityAvailable !== undefined && quantityAvailable > quantity)
    throw new RowError(
      `expected Quantity Available ≤ Quantity (${quantity}), found ${quantityAvailable}`,
      row.header('quantityAvailable'),
    );
  let boundUdis: PakRecord['boundUdis'] = [];
  if (row.has('boundUdi')) {
    const { udis, invalid } = parseUdiList(row.get('boundUdi'));
    if (invalid.length)
      throw new RowError(
        `expected Bound UDI as "PID:SN" entries separated by ";", found "${invalid[0]}"`,
        row.header('boundUdi'),
      );
    boundUdis = udis.map((u) => ({ pid: u.pid, serial: u.serial }));
  }
  const resolved = resolveLicence(catalog, sku);
  const description = row.get('description');
  const salesOrder = row.get('salesOrder');
  const orderDate = maybe(row, 'orderDate', dateParser(order));
  // optional fields are assigned, not spread, in the order the spread wrote them
  const record = { source: ref(file, row.line), pak, sku } as PakRecord;
  if (resolved.known) record.licenceKey = resolved.key;
  if (description !== '') record.description = description;
  record.quantity = quantity;
  if (quantityFulfilled !== undefined) record.quantityFulfilled = quantityFulfilled;
  if (quantityAvailable !== undefined) record.quantityAvailable = quantityAvailable;
  if (status !== undefined) record.status = status;
  if (salesOrder !== '') record.salesOrder = salesOrder;
  if (orderDate !== undefined && orderDate !== '') record.orderDate = orderDate;
  record.boundUdis = boundUdis;
  return record;
}

/** `legacy/paks*.{csv,xlsx}`: the PAK listing from the License Registration Portal. */
export async function loadPaks(
  file: string,
  bytes: InputBytes,
  catalog: Catalog,
  order: DateOrder,
): Promise<{ records: PakRecord[]; ledger: LedgerBuilder }> {
  const { table, ledger } = await readTabular(file, bytes, 'paks');
  if (!table) return { records: [], ledger };
  const columns = mapColumnsOrFail(ledger, () =>
    mapColumns('paks', table, catalog.aliases, REQUIRED, ledger),
  );
  if (!columns) return { records: [], ledger };
  return { records: mapRows(table, columns, ledger, (row) => toRecord(file, row, catalog, order)), ledger };
}
