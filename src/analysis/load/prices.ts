import type { Catalog } from '../model/catalog.ts';
import { ref } from '../model/ledger.ts';
import type { PriceRecord } from '../model/records.ts';
import { resolveLicence } from './catalog.ts';
import { maybe, need, type Row, RowError, requireText } from './columns.ts';
import { currencyInAmount, parseCurrency, parsePriceUnit } from './contract-values.ts';
import type { InputBytes } from './file-source.ts';
import { opt } from './licenses.ts';
import { loadTable } from './table-loader.ts';
import { parseCount, parseMoney } from './values.ts';

const REQUIRED = ['item', 'listPrice'] as const;

/**
 * One price-list line (contracts/prices*). The item may be a SKU or a licence name; it resolves
 * to a licence key through the catalog when it can (an unresolved item is kept: it may still
 * price a licence of the same exact name).
 */
function toRecord(file: string, row: Row, catalog: Catalog): PriceRecord {
  const item = requireText(row, 'item');
  const listPrice = need(row, 'listPrice', parseMoney);
  const written = maybe(row, 'currency', parseCurrency);
  const inCell = currencyInAmount(row.get('listPrice'));
  if (written && inCell && written !== inCell) {
    throw new RowError(
      `expected one currency, found ${inCell} in the price and ${written} in "${row.header('currency')}"`,
      row.header('listPrice'),
    );
  }
  const termMonths = maybe(row, 'termMonths', parseCount);
  if (termMonths === 0) throw new RowError('expected Term Months ≥ 1, found 0', row.header('termMonths'));
  const resolved = resolveLicence(catalog, item);
  return {
    source: ref(file, row.line),
    item,
    ...(resolved.known ? { licenceKey: resolved.key } : {}),
    listPrice,
    ...opt('currency', written ?? inCell),
    unit: need(row, 'unit', parsePriceUnit),
    ...(termMonths !== undefined ? { termMonths } : {}),
  };
}

export function loadPrices(file: string, bytes: InputBytes, catalog: Catalog) {
  return loadTable(file, bytes, 'prices', catalog, REQUIRED, (row) => toRecord(file, row, catalog));
}
