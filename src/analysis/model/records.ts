import type { SourceRef } from './evidence.ts';

/**
 * Normalised input records, one interface per input kind (DESIGN.md §4). Every record carries
 * `source` (file and line of the row it came from). Dates are ISO `YYYY-MM-DD` strings; the
 * loaders convert every accepted date form to that.
 */

export type LicenceType = 'PERPETUAL' | 'TERM' | 'SUBSCRIPTION' | 'UNKNOWN';

/** One row of the CSSM licences export: a licence's position in one Virtual Account. */
export interface LicenceRecord {
  source: SourceRef;
  virtualAccount: string;
  /** The licence name as CSSM shows it (display name). */
  licenceName: string;
  /** Catalog licence key when the name (or tag/SKU) maps to one; else the normalised name. */
  licenceKey: string;
  /** True when the catalog knows the licence; false makes a data-quality finding. */
  known: boolean;
  purchased: number;
  inUse: number;
  reserved: number;
  /** As exported (if the file has the column); checked against purchased − inUse. */
  balance?: number;
  status?: string;
  alerts?: string;
  billingType?: string;
  licenceType: LicenceType;
  startDate?: string;
  endDate?: string;
  entitlementTag?: string;
  sku?: string;
  /** CSSM API `licenseSubstitutions[]`: licence names this one may be substituted by/for. */
  substitutions?: string[];
}

export type Reservation = 'none' | 'SPECIFIC' | 'UNIVERSAL';

/** One CSSM product instance (a registered device or VM). */
export interface ProductInstanceRecord {
  source: SourceRef;
  name: string;
  virtualAccount: string;
  pid?: string;
  serial?: string;
  productType?: string;
  lastContact?: string;
  alerts?: string;
  /** Licences consumed: licence name (as written) → count. */
  licences: { name: string; licenceKey: string; count: number }[];
  reservation: Reservation;
  transport?: string;
}

export type PakStatus = 'Unfulfilled' | 'Partially Fulfilled' | 'Fulfilled';

export interface PakRecord {
  source: SourceRef;
  pak: string;
  sku: string;
  licenceKey?: string;
  description?: string;
  quantity: number;
  quantityFulfilled?: number;
  quantityAvailable?: number;
  status?: PakStatus;
  salesOrder?: string;
  orderDate?: string;
  boundUdis: { pid: string; serial: string }[];
}

export type InventoryStatus = 'active' | 'retired' | 'decommissioned' | 'spare';

export interface InventoryRecord {
  source: SourceRef;
  hostname: string;
  pid: string;
  serial: string;
  status: InventoryStatus;
  retiredDate?: string;
  site?: string;
  osVersion?: string;
  sourceSystem?: string;
}

/** CSSM licence transaction detail (e.g. source `PAK Migration`, `DLC Device Migration`). */
export interface TransactionRecord {
  source: SourceRef;
  virtualAccount?: string;
  licenceName?: string;
  licenceKey?: string;
  transactionSource: string;
  pak?: string;
  sku?: string;
  serial?: string;
  quantity: number;
  date?: string;
}

export interface AlertRecord {
  source: SourceRef;
  severity?: string;
  message: string;
  alertSource?: string;
  virtualAccount?: string;
  licenceName?: string;
  actionDue?: string;
}

export interface CiscoOneRecord {
  source: SourceRef;
  suiteSku: string;
  quantity: number;
  model: 'perpetual' | 'term' | 'unknown';
  startDate?: string;
  endDate?: string;
  swssContract?: string;
  serials: string[];
  virtualAccount?: string;
}

export interface SupportRecord {
  source: SourceRef;
  serial: string;
  contract: string;
  startDate: string;
  endDate: string;
  pid?: string;
  serviceLevel?: string;
}

export interface PriceRecord {
  source: SourceRef;
  /** SKU or licence name as written. */
  item: string;
  licenceKey?: string;
  listPrice: number;
  currency?: string;
  unit: 'each' | 'year' | 'month';
  termMonths?: number;
}
