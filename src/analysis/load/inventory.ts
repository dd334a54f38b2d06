import type { Catalog } from '../model/catalog.ts';
import type { LedgerBuilder } from '../model/ledger.ts';
import { ref } from '../model/ledger.ts';
import type { InventoryRecord, InventoryStatus } from '../model/records.ts';
import { udiOfCells } from '../reconcile/udi.ts';
import { mapColumns, mapRows, maybe, type Row, RowError, requireText } from './columns.ts';
import type { InputBytes } from './file-source.ts';
import { mapColumnsOrFail } from './licenses.ts';
import { readTabular } from './tabular.ts';
import { type DateOrder, dateParser } from './values.ts';

const REQUIRED = ['hostname', 'pid', 'serial'] as const;

/**
 * Lifecycle words seen in CMDB, Catalyst Center and Prime exports, mapped to the four states
 * trueup reasons about. Decisions:
 * - `RMA` / `returned` are retired: the serial went back to Cisco and a replacement carries a new one.
 * - `in stock` / `cold spare` are spare: owned, not running, so not counted as deployed.
 * - `standby` is rejected: it may be an HA standby (running) or a cold spare; the client must say.
 * - An empty cell is active: inventories of running devices often have no status column at all.
 */
export const INVENTORY_STATUS_SYNONYMS: Record<InventoryStatus, readonly string[]> = {
  active: [
    'active',
    'in service',
    'inservice',
    'production',
    'prod',
    'operational',
    'live',
    'deployed',
    'installed',
    'up',
    'reachable',
    'managed',
  ],
  retired: ['retired', 'rma', 'returned', 'end of life', 'eol', 'removed', 'disposed', 'scrapped'],
  decommissioned: ['decommissioned', 'decommission', 'decom', 'decomm', 'decomissioned'],
  spare: ['spare', 'cold spare', 'in stock', 'stock', 'warehouse'],
};

/** Each synonym exactly as listed → its status: most cells are one of them, as written. */
const STATUS_OF_SYNONYM = new Map<string, InventoryStatus>();
for (const [status, words] of Object.entries(INVENTORY_STATUS_SYNONYMS)) {
  for (const w of words) if (!STATUS_OF_SYNONYM.has(w)) STATUS_OF_SYNONYM.set(w, status as InventoryStatus);
}

export function parseInventoryStatus(raw: string, column: string): InventoryStatus {
  const exact = STATUS_OF_SYNONYM.get(raw);
  if (exact) return exact;
  const k = raw
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();
  if (k === '') return 'active';
  for (const [status, words] of Object.entries(INVENTORY_STATUS_SYNONYMS)) {
    if (words.includes(k) || words.includes(k.replace(/ /g, ''))) return status as InventoryStatus;
  }
  throw new RowError(
    `expected Status active, retired, decommissioned or spare (or a synonym such as "in service", "production", "RMA", "in stock"), found "${raw.trim()}"`,
    column,
  );
}

function toRecord(file: string, row: Row, order: DateOrder): InventoryRecord {
  const hostname = requireText(row, 'hostname');
  const pidCell = requireText(row, 'pid');
  const serialCell = requireText(row, 'serial');
  // The serial column may hold a whole UDI (`PID:…,SN:…`); its PID must then agree with the PID column.
  const { serial, pid, udiPid } = udiOfCells(serialCell, pidCell);
  if (!serial) throw new RowError(`expected a serial number, found "${serialCell}"`, row.header('serial'));
  if (udiPid && udiPid !== pid)
    throw new RowError(
      `expected the UDI's PID to match PID "${pid}", found "${udiPid}" in "${serialCell}"`,
      row.header('serial'),
    );
  const status = parseInventoryStatus(row.text('status'), row.header('status'));
  const retiredDate = maybe(row, 'retiredDate', dateParser(order));
  const site = row.get('site');
  const osVersion = row.get('osVersion');
  const sourceSystem = row.get('sourceSystem');
  // one literal with every field, an empty one undefined (see product-instances.ts)
  return {
    source: ref(file, row.line),
    hostname,
    pid,
    serial,
    status,
    retiredDate: retiredDate || undefined,
    site: site || undefined,
    osVersion: osVersion || undefined,
    sourceSystem: sourceSystem || undefined,
  };
}

/** `inventory/*.{csv,xlsx}`: the client's device inventory (CMDB, Catalyst Center, Prime). */
export async function loadInventory(
  file: string,
  bytes: InputBytes,
  catalog: Catalog,
  order: DateOrder,
): Promise<{ records: InventoryRecord[]; ledger: LedgerBuilder }> {
  const { table, ledger } = await readTabular(file, bytes, 'inventory');
  if (!table) return { records: [], ledger };
  const columns = mapColumnsOrFail(ledger, () =>
    mapColumns('inventory', table, catalog.aliases, REQUIRED, ledger),
  );
  if (!columns) return { records: [], ledger };
  return { records: mapRows(table, columns, ledger, (row) => toRecord(file, row, order)), ledger };
}
