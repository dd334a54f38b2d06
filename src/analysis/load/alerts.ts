import type { Catalog } from '../model/catalog.ts';
import { ref } from '../model/ledger.ts';
import type { AlertRecord } from '../model/records.ts';
import { maybe, type Row, requireText } from './columns.ts';
import type { InputBytes } from './file-source.ts';
import { opt } from './licenses.ts';
import { loadTable } from './table-loader.ts';
import { type DateOrder, parseDate } from './values.ts';

const REQUIRED = ['message'] as const;

/** One CSSM alert (cssm/alerts*): `Severity, Message, Source, Action Due` (DOMAIN.md §1). */
function toRecord(file: string, row: Row, order: DateOrder): AlertRecord {
  return {
    source: ref(file, row.line),
    message: requireText(row, 'message'),
    ...opt('severity', row.get('severity')),
    ...opt('alertSource', row.get('alertSource')),
    ...opt('virtualAccount', row.get('virtualAccount')),
    ...opt('licenceName', row.get('licence')),
    ...opt(
      'actionDue',
      maybe(row, 'actionDue', (s) => parseDate(s, order)),
    ),
  };
}

export function loadAlerts(file: string, bytes: InputBytes, catalog: Catalog, order: DateOrder) {
  return loadTable(file, bytes, 'alerts', catalog, REQUIRED, (row) => toRecord(file, row, order));
}
