import type { Catalog } from '../model/catalog.ts';
import { ref } from '../model/ledger.ts';
import type { SupportRecord } from '../model/records.ts';
import { need, type Row, requireText } from './columns.ts';
import { requireOrder } from './contract-values.ts';
import type { InputBytes } from './file-source.ts';
import { loadTable } from './table-loader.ts';
import { type DateOrder, dateParser, withoutWhitespace } from './values.ts';

const REQUIRED = ['serial', 'contract', 'startDate', 'endDate'] as const;

/** One service-contract line (contracts/support*): the serial it covers and the period. */
function toRecord(file: string, row: Row, order: DateOrder): SupportRecord {
  const date = dateParser(order);
  const startDate = need(row, 'startDate', date);
  const endDate = need(row, 'endDate', date);
  requireOrder(startDate, endDate, row.header('endDate'));
  const serial = withoutWhitespace(requireText(row, 'serial')).toUpperCase();
  const contract = requireText(row, 'contract');
  const pid = row.get('pid').toUpperCase();
  const serviceLevel = row.get('serviceLevel');
  // one literal with every field, an empty one undefined (see product-instances.ts)
  return {
    source: ref(file, row.line),
    serial,
    contract,
    startDate,
    endDate,
    pid: pid || undefined,
    serviceLevel: serviceLevel || undefined,
  };
}

/** `keep`: only the records it keeps are returned; the ledger still accepts every valid row. */
export function loadSupport(
  file: string,
  bytes: InputBytes,
  catalog: Catalog,
  order: DateOrder,
  keep?: (record: SupportRecord) => boolean,
) {
  return loadTable(file, bytes, 'support', catalog, REQUIRED, (row) => toRecord(file, row, order), keep);
}
