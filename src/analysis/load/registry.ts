import type { Catalog } from '../model/catalog.ts';
import type { LedgerBuilder } from '../model/ledger.ts';
import { loadAlerts } from './alerts.ts';
import { loadCaptures } from './captures/loader.ts';
import { loadCiscoOne } from './cisco-one.ts';
import type { ClientInputs } from './client-inputs.ts';
import { type InputBytes, wholeBytes } from './file-source.ts';
import { loadInventory } from './inventory.ts';
import { loadLicences } from './licenses.ts';
import { loadPaks } from './paks.ts';
import { loadPrices } from './prices.ts';
import { loadProductInstances } from './product-instances.ts';
import { loadSupport } from './support.ts';
import { loadTransactions } from './transactions.ts';
import type { DateOrder } from './values.ts';
import { loadWorkbook } from './workbook.ts';

export interface LoaderContext {
  catalog: Catalog;
  dateOrder: DateOrder;
}

/** Record arrays of ClientInputs that a loader can fill. */
export type RecordSlot = {
  [K in keyof ClientInputs]-?: ClientInputs[K] extends unknown[] ? K : never;
}[keyof ClientInputs];

/**
 * One entry per input kind of the client-folder contract (DESIGN.md §4). `match` sees the path
 * relative to the client folder with `/` separators. Order matters: the first match wins.
 */
export interface LoaderSpec {
  slot: RecordSlot;
  match: (rel: string) => boolean;
  load: (
    file: string,
    bytes: InputBytes,
    ctx: LoaderContext,
  ) => Promise<{ records: unknown[]; ledger: LedgerBuilder }>;
}

const TABULAR = /\.(csv|xlsx)$/i;
const TABULAR_OR_JSON = /\.(csv|xlsx|json)$/i;

export const LOADERS: LoaderSpec[] = [
  {
    slot: 'licences',
    match: (p) => /^cssm\/licen[sc]es[^/]*$/i.test(p) && TABULAR_OR_JSON.test(p),
    load: (f, b, c) => loadLicences(f, b, c.catalog, c.dateOrder),
  },
  {
    slot: 'productInstances',
    match: (p) => /^cssm\/product-instances[^/]*$/i.test(p) && TABULAR_OR_JSON.test(p),
    load: (f, b, c) => loadProductInstances(f, b, c.catalog, c.dateOrder),
  },
  {
    slot: 'captures',
    match: (p) => /^captures\/.*\.txt$/i.test(p),
    load: (f, b, c) => loadCaptures(f, wholeBytes(b), c.catalog),
  },
  {
    slot: 'workbook',
    match: (p) => /^workbook\/findings\.ya?ml$/i.test(p),
    load: async (f, b) => loadWorkbook(f, wholeBytes(b)),
  },
  {
    slot: 'transactions',
    match: (p) => /^cssm\/transactions[^/]*$/i.test(p) && TABULAR.test(p),
    load: (f, b, c) => loadTransactions(f, b, c.catalog, c.dateOrder),
  },
  {
    slot: 'paks',
    match: (p) => /^legacy\/paks[^/]*$/i.test(p) && TABULAR.test(p),
    load: (f, b, c) => loadPaks(f, b, c.catalog, c.dateOrder),
  },
  {
    slot: 'inventory',
    match: (p) => /^inventory\/[^/]+$/i.test(p) && TABULAR.test(p),
    load: (f, b, c) => loadInventory(f, b, c.catalog, c.dateOrder),
  },
  {
    slot: 'alerts',
    match: (p) => /^cssm\/alerts[^/]*$/i.test(p) && TABULAR.test(p),
    load: (f, b, c) => loadAlerts(f, b, c.catalog, c.dateOrder),
  },
  {
    slot: 'ciscoOne',
    match: (p) => /^contracts\/cisco-?one[^/]*$/i.test(p) && TABULAR.test(p),
    load: (f, b, c) => loadCiscoOne(f, b, c.catalog, c.dateOrder),
  },
  {
    slot: 'support',
    match: (p) => /^contracts\/support[^/]*$/i.test(p) && TABULAR.test(p),
    load: (f, b, c) => loadSupport(f, b, c.catalog, c.dateOrder),
  },
  {
    slot: 'prices',
    match: (p) => /^contracts\/prices[^/]*$/i.test(p) && TABULAR.test(p),
    load: (f, b, c) => loadPrices(f, b, c.catalog),
  },
];

export { TABULAR, TABULAR_OR_JSON };
