import type { Catalog } from '../model/catalog.ts';
import { ref } from '../model/ledger.ts';
import type { CiscoOneRecord } from '../model/records.ts';
import { maybe, need, type Row, RowError, requireText } from './columns.ts';
import { parseSerialList, parseSuiteModel, requireOrder } from './contract-values.ts';
import type { InputBytes } from './file-source.ts';
import { opt } from './licenses.ts';
import { loadTable } from './table-loader.ts';
import { type DateOrder, parseCount, parseDate } from './values.ts';

const REQUIRED = ['suiteSku', 'quantity'] as const;

/** One Cisco ONE holding line (contracts/cisco-one*): suite SKU and quantity, optional term and serials. */
function toRecord(file: string, row: Row, order: DateOrder): CiscoOneRecord {
  const suiteSku = requireText(row, 'suiteSku').toUpperCase();
  const quantity = need(row, 'quantity', parseCount);
  if (quantity === 0)
    throw new RowError('expected a Quantity of at least 1, found 0', row.header('quantity'));
  const date = (s: string) => parseDate(s, order);
  const startDate = maybe(row, 'startDate', date);
  const endDate = maybe(row, 'endDate', date);
  if (startDate && endDate) requireOrder(startDate, endDate, row.header('endDate'));
  return {
    source: ref(file, row.line),
    suiteSku,
    quantity,
    model: need(row, 'model', parseSuiteModel),
    ...opt('startDate', startDate),
    ...opt('endDate', endDate),
    ...opt('swssContract', row.get('swssContract')),
    serials: parseSerialList(row.get('serials')),
    ...opt('virtualAccount', row.get('virtualAccount')),
  };
}

export function loadCiscoOne(file: string, bytes: InputBytes, catalog: Catalog, order: DateOrder) {
  return loadTable(file, bytes, 'cisco-one', catalog, REQUIRED, (row) => toRecord(file, row, order));
}
