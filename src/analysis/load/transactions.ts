import type { Catalog } from '../model/catalog.ts';
import type { LedgerBuilder } from '../model/ledger.ts';
import { ref } from '../model/ledger.ts';
import type { TransactionRecord } from '../model/records.ts';
import { serialOf } from '../reconcile/udi.ts';
import { resolveLicence } from './catalog.ts';
import { mapColumns, mapRows, maybe, need, type Row, RowError } from './columns.ts';
import type { InputBytes } from './file-source.ts';
import { mapColumnsOrFail, opt } from './licenses.ts';
import { normalisePak } from './paks.ts';
import { readTabular } from './tabular.ts';
import { type DateOrder, parseCount, parseDate } from './values.ts';

const REQUIRED = ['quantity'] as const;

/** The transaction source CSSM prints for converted PAKs (DOMAIN.md §1). */
export const PAK_MIGRATION = 'PAK Migration';

/** `pak migration`, `PAK_MIGRATION` → `PAK Migration`; other sources kept as written. */
export function normaliseTransactionSource(raw: string): string {
  const k = raw
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();
  if (k === 'pak migration') return PAK_MIGRATION;
  if (k === 'dlc device migration') return 'DLC Device Migration';
  if (k === 'device migration') return 'Device Migration';
  return raw.trim();
}

function toRecord(file: string, row: Row, catalog: Catalog, order: DateOrder): TransactionRecord {
  const pak = row.get('pak');
  // Transaction detail exports differ per source; a file without a Source column whose rows carry
  // a PAK # is the PAK Migration table (it starts `PAK #, License…`).
  const source = row.has('transactionSource')
    ? normaliseTransactionSource(row.get('transactionSource'))
    : pak
      ? PAK_MIGRATION
      : '';
  if (!source)
    throw new RowError(
      'expected a transaction source (e.g. "PAK Migration") or a PAK #, found neither',
      row.header('transactionSource'),
    );
  const licenceName = row.get('licence');
  const resolved = licenceName ? resolveLicence(catalog, licenceName) : undefined;
  return {
    source: ref(file, row.line),
    ...opt('virtualAccount', row.get('virtualAccount')),
    ...opt('licenceName', licenceName),
    ...opt('licenceKey', resolved?.key),
    transactionSource: source,
    ...opt('pak', pak ? normalisePak(pak) : undefined),
    ...opt('sku', row.get('sku').toUpperCase()),
    ...opt('serial', serialOf(row.get('serial'))),
    quantity: need(row, 'quantity', parseCount),
    ...opt(
      'date',
      maybe(row, 'date', (s) => parseDate(s, order)),
    ),
  };
}

/** `cssm/transactions*.csv`: licence transaction detail (PAK Migration, DLC, Device Migration, …). */
export async function loadTransactions(
  file: string,
  bytes: InputBytes,
  catalog: Catalog,
  order: DateOrder,
): Promise<{ records: TransactionRecord[]; ledger: LedgerBuilder }> {
  const { table, ledger } = await readTabular(file, bytes, 'transactions');
  if (!table) return { records: [], ledger };
  const columns = mapColumnsOrFail(ledger, () =>
    mapColumns('transactions', table, catalog.aliases, REQUIRED, ledger),
  );
  if (!columns) return { records: [], ledger };
  if (!columns.has('transactionSource') && !columns.has('pak'))
    ledger.note('warning', 'no Source and no PAK # column: rows cannot be told apart by source', {
      line: table.headerLine,
    });
  else if (!columns.has('transactionSource'))
    ledger.note('info', 'no Source column: rows with a PAK # are read as PAK Migration', {
      line: table.headerLine,
    });
  return { records: mapRows(table, columns, ledger, (row) => toRecord(file, row, catalog, order)), ledger };
}
