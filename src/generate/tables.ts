import type { SupportRow } from './contracts.ts';
import { CsvTable } from './csv.ts';
import { addDays, daysBetween } from './dates.ts';
import { licenceByKey } from './licence-catalog.ts';
import type { Device, Estate } from './model.ts';
import { skusOf } from './orders.ts';
import type { PriceRow } from './prices.ts';

/** Canonical headers of every CSV the generator writes (DESIGN.md §4, data/catalog/headers.csv). */
export const HEADERS = {
  licenses: [
    'Virtual Account',
    'License',
    'Purchased',
    'In Use',
    'Reserved',
    'Balance',
    'Status',
    'Alerts',
    'Billing Type',
    'License Type',
    'Start Date',
    'End Date',
    'Entitlement Tag',
    'SKU',
  ],
  'product-instances': [
    'Name',
    'Virtual Account',
    'PID',
    'Serial Number',
    'Product Type',
    'Last Contact',
    'Alerts',
    'Licenses',
    'Reservation',
    'Transport',
  ],
  alerts: ['Severity', 'Message', 'Source', 'Action Due', 'Virtual Account', 'License'],
  transactions: [
    'Virtual Account',
    'License',
    'Source',
    'PAK #',
    'Product SKU',
    'Product SN',
    'Quantity',
    'Date',
  ],
  paks: [
    'PAK',
    'SKU',
    'Description',
    'Quantity',
    'Quantity Fulfilled',
    'Quantity Available',
    'Status',
    'Sales Order',
    'Order Date',
    'Bound UDI',
  ],
  inventory: ['Hostname', 'PID', 'Serial Number', 'Status', 'Retired Date', 'Site', 'OS Version', 'Source'],
  'cisco-one': ['Suite SKU', 'Quantity', 'Model', 'Start Date', 'End Date', 'SWSS Contract', 'Serials'],
  support: ['Serial Number', 'Contract', 'Start Date', 'End Date', 'PID', 'Service Level'],
  prices: ['SKU or License', 'List Price', 'Currency', 'Unit', 'Term Months'],
} as const;

export const PATHS = {
  licenses: 'cssm/licenses.csv',
  'product-instances': 'cssm/product-instances.csv',
  alerts: 'cssm/alerts.csv',
  transactions: 'cssm/transactions.csv',
  paks: 'legacy/paks.csv',
  inventory: 'inventory/cmdb.csv',
  'cisco-one': 'contracts/cisco-one.csv',
  support: 'contracts/support.csv',
  prices: 'contracts/prices.csv',
} as const;

/** `file:line` of each planted data-quality row, filled while writing. */
export interface DataQualityRefs {
  nonNumericQuantity: string[];
  balanceContradictions: string[];
  serialsInTwoVas: string[];
  unknownLicenceNames: string[];
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function licensesTable(e: Estate, dq: DataQualityRefs): CsvTable {
  const t = new CsvTable(PATHS.licenses, HEADERS.licenses);
  for (const p of e.positions) {
    const lic = p.key === 'unknown' ? undefined : licenceByKey(e.catalog, p.key);
    const line = t.add([
      p.va,
      p.name,
      p.purchased,
      p.inUse,
      p.reserved,
      p.balance,
      p.status,
      p.alert,
      'PREPAID',
      p.licenceType,
      p.startDate ?? '',
      p.endDate ?? '',
      lic?.entitlementTag ?? '',
      lic ? skusOf(lic)[0] : 'C9300X-NW-A-48',
    ]);
    if (p.balance !== p.purchased - p.inUse) dq.balanceContradictions.push(`${t.path}:${line}`);
    if (!lic) dq.unknownLicenceNames.push(`${t.path}:${line}`);
  }
  return t;
}

function piRow(e: Estate, d: Device, va: string): (string | number)[] {
  const stale = d.lastContact !== undefined && daysBetween(d.lastContact, e.profile.asOf) > 90;
  return [
    d.piName,
    va,
    d.pid,
    d.serial,
    d.platform.productType,
    d.lastContact ?? '',
    stale ? 'Product Instance Failed to Connect' : '',
    d.licences.map((l) => `${licenceByKey(e.catalog, l.key).displayName}:${l.count}`).join(';'),
    d.reservation,
    d.transport,
  ];
}

export function productInstancesTable(e: Estate, dq: DataQualityRefs): CsvTable {
  const t = new CsvTable(PATHS['product-instances'], HEADERS['product-instances']);
  const rows = e.devices.filter((d) => d.inCssm).map((d) => ({ d, va: d.va, dup: false }));
  for (const x of e.duplicates) rows.push({ d: x.device, va: x.va, dup: true });
  rows.sort((a, b) => byName(a.va, b.va) || byName(a.d.piName, b.d.piName));
  for (const r of rows) {
    const line = t.add(piRow(e, r.d, r.va));
    if (r.dup) dq.serialsInTwoVas.push(`${t.path}:${line}`);
  }
  return t;
}

export function alertsTable(e: Estate): CsvTable {
  const t = new CsvTable(PATHS.alerts, HEADERS.alerts);
  const due = addDays(e.profile.asOf, 30);
  for (const p of e.positions) {
    if (p.alert === 'Insufficient Licenses') t.add(['Major', p.alert, 'Licenses', due, p.va, p.name]);
    else if (p.alert === 'Licenses Expiring') t.add(['Minor', p.alert, 'Licenses', p.endDate, p.va, p.name]);
  }
  // only the stale satellite raises the sync alert; the others synchronise daily
  const stale = e.profile.staleOnPremVa;
  if (e.devices.some((d) => d.inCssm && d.mode === 'onprem' && d.va === stale)) {
    t.add(['Major', 'Synchronization Overdue', 'SSM On-Prem', e.profile.asOf, stale, '']);
  }
  for (const d of e.devices) {
    if (
      d.inCssm &&
      d.lastContact &&
      daysBetween(d.lastContact, e.profile.asOf) > 90 &&
      d.reservation === 'none'
    ) {
      t.add(['Minor', 'Product Instance Failed to Connect', d.piName, addDays(d.lastContact, 90), d.va, '']);
    }
  }
  return t;
}

export function transactionsTable(e: Estate): CsvTable {
  const t = new CsvTable(PATHS.transactions, HEADERS.transactions);
  const name = (key: string) =>
    key === 'unknown' ? 'Catalyst 9300X Network Advantage' : licenceByKey(e.catalog, key).displayName;
  const rows = [...e.transactions].sort(
    (a, b) => byName(a.va, b.va) || byName(a.licence, b.licence) || byName(a.date, b.date),
  );
  for (const x of rows)
    t.add([x.va, name(x.licence), x.source, x.pak ?? '', x.sku, x.serial ?? '', x.quantity, x.date]);
  return t;
}

export function paksTable(e: Estate, dq: DataQualityRefs): CsvTable {
  const t = new CsvTable(PATHS.paks, HEADERS.paks);
  for (const p of e.paks) {
    const line = t.add([
      p.pak,
      p.sku,
      p.description,
      p.quantityText ?? p.quantity,
      p.fulfilled,
      p.quantity - p.fulfilled,
      p.status,
      p.salesOrder,
      p.orderDate,
      p.bound.map((d) => `${d.pid}:${d.serial}`).join(';'),
    ]);
    if (p.quantityText) dq.nonNumericQuantity.push(`${t.path}:${line}`);
  }
  return t;
}

export function inventoryTable(e: Estate): CsvTable {
  const t = new CsvTable(PATHS.inventory, HEADERS.inventory);
  const rows = [...e.devices.filter((d) => d.inInventory), ...e.spares].sort((a, b) =>
    byName(a.hostname, b.hostname),
  );
  for (const d of rows) {
    t.add([d.hostname, d.pid, d.serial, d.status, d.retiredDate ?? '', d.site, d.os, d.inventorySource]);
  }
  return t;
}

export function ciscoOneTable(e: Estate): CsvTable {
  const t = new CsvTable(PATHS['cisco-one'], HEADERS['cisco-one']);
  for (const l of e.ciscoOne) {
    t.add([
      l.suiteSku,
      l.devices.length,
      l.model,
      l.start,
      l.end ?? '',
      l.contract,
      l.devices.map((d) => d.serial).join(';'),
    ]);
  }
  return t;
}

export function supportTable(rows: readonly SupportRow[]): CsvTable {
  const t = new CsvTable(PATHS.support, HEADERS.support);
  for (const r of rows) t.add([r.serial, r.contract, r.start, r.end, r.pid, r.level]);
  return t;
}

export function pricesTable(rows: readonly PriceRow[], currency: string): CsvTable {
  const t = new CsvTable(PATHS.prices, HEADERS.prices);
  for (const r of rows) t.add([r.item, r.listPrice.toFixed(2), currency, r.unit, r.termMonths]);
  return t;
}
