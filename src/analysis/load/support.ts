import type { Catalog } from '../model/catalog.ts';
import { ref } from '../model/ledger.ts';
import type { SupportRecord } from '../model/records.ts';
import { need, type Row, requireText } from './columns.ts';
import { requireOrder } from './contract-values.ts';
import { opt } from './licenses.ts';
import { loadTable } from './table-loader.ts';
import { type DateOrder, parseDate } from './values.ts';

const REQUIRED = ['serial', 'contract', 'startDate', 'endDate'] as const;

/** One service-contract line (contracts/support*): the serial it covers and the period. */
function toRecord(file: string, row: Row, order: DateOrder): SupportRecord {
  const date = (s: string) => parseDate(s, order);
  const startDate = need(row, 'startDate', date);
  const endDate = need(row, 'endDate', date);
  requireOrder(startDate, endDate, row.header('endDate'));
  return {
    source: ref(file, row.line),
    serial: requireText(row, 'serial').replace(/\s+/g, '').toUpperCase(),
    contract: requireText(row, 'contract'),
    startDate,
    endDate,
    ...opt('pid', row.get('pid').toUpperCase()),
    ...opt('serviceLevel', row.get('serviceLevel')),
  };
}

export function loadSupport(file: string, bytes: Uint8Array, catalog: Catalog, order: DateOrder) {
  return loadTable(file, bytes, 'support', catalog, REQUIRED, (row) => toRecord(file, row, order));
}
