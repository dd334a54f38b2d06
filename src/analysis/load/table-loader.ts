import type { Catalog } from '../model/catalog.ts';
import type { InputKind, LedgerBuilder } from '../model/ledger.ts';
import { mapColumns, mapRows, type Row } from './columns.ts';
import type { InputBytes } from './file-source.ts';
import { mapColumnsOrFail } from './licenses.ts';
import { readTabular } from './tabular.ts';

/**
 * The shared shape of a CSV/XLSX loader: read the table, map headers through the catalog's
 * aliases (a missing required column is a fatal ledger entry), then map every row to a record
 * or a rejection with line, column and reason (`keep`: see mapRows).
 */
export async function loadTable<T>(
  file: string,
  bytes: InputBytes,
  kind: InputKind,
  catalog: Catalog,
  required: readonly string[],
  mapper: (row: Row) => T,
  keep?: (record: T) => boolean,
): Promise<{ records: T[]; ledger: LedgerBuilder }> {
  const { table, ledger } = await readTabular(file, bytes, kind);
  if (!table) return { records: [], ledger };
  const columns = mapColumnsOrFail(ledger, () => mapColumns(kind, table, catalog.aliases, required, ledger));
  if (!columns) return { records: [], ledger };
  return { records: mapRows(table, columns, ledger, mapper, keep), ledger };
}
