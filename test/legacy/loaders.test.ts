import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/analysis/load/catalog.ts';
import { loadInventory } from '../../src/analysis/load/inventory.ts';
import { loadPaks } from '../../src/analysis/load/paks.ts';
import { LOADERS } from '../../src/analysis/load/registry.ts';
import { loadTransactions } from '../../src/analysis/load/transactions.ts';
import type { Catalog } from '../../src/analysis/model/catalog.ts';
import type { LedgerBuilder } from '../../src/analysis/model/ledger.ts';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog();
});

const csv = (s: string) => new TextEncoder().encode(s);

async function xlsx(rows: (string | number)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Export');
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** rows read = accepted + rejected, and accepted = records returned. */
function balanced(ledger: LedgerBuilder, records: unknown[]): void {
  const e = ledger.entry;
  expect(e.rowsRead).toBe(e.rowsAccepted + e.rowsRejected);
  expect(e.rowsAccepted).toBe(records.length);
  expect(e.rejections.length).toBe(e.rowsRejected);
}

describe('registry', () => {
  it('routes each legacy input to one loader', () => {
    const slot = (p: string) => LOADERS.filter((l) => l.match(p)).map((l) => l.slot);
    expect(slot('legacy/paks.csv')).toEqual(['paks']);
    expect(slot('legacy/paks-2024.xlsx')).toEqual(['paks']);
    expect(slot('inventory/cmdb.csv')).toEqual(['inventory']);
    expect(slot('inventory/prime.xlsx')).toEqual(['inventory']);
    expect(slot('cssm/transactions-campus.csv')).toEqual(['transactions']);
    expect(slot('legacy/notes.txt')).toEqual([]);
  });
});

describe('PAK loader', () => {
  it('reads a semicolon CSV with aliases, status variants and bound UDIs', async () => {
    const text =
      'PAK #;Product SKU;Qty Ordered;Qty Fulfilled;Quantity Available;PAK Status;SO;Order Date;Bound UDIs\n' +
      '3a1b-2c3d;C3850-48-L-S;10;4;6;partially fulfilled;SO-1;2021-03-01;"PID:WS-C3850-48P,SN:FOC1;WS-C3850-24T:FOC2"\n' +
      '4B2C;L-ISE-BSE-P;5;0;5;UNFULFILLED;SO-2;15.06.2026;\n' +
      '5C3D;SL-4330-APP-K9;2;2;0; Fulfilled ;SO-3;;"UDI_PID:ISR4331/K9; UDI_SN:FDO3"\n';
    const { records, ledger } = await loadPaks('legacy/paks.csv', csv(text), catalog, 'DMY');
    balanced(ledger, records);
    expect(ledger.entry.rowsRejected).toBe(0);
    expect(records.map((r) => [r.pak, r.status, r.quantityAvailable])).toEqual([
      ['3A1B2C3D', 'Partially Fulfilled', 6],
      ['4B2C', 'Unfulfilled', 5],
      ['5C3D', 'Fulfilled', 0],
    ]);
    expect(records[0]!.boundUdis).toEqual([
      { pid: 'WS-C3850-48P', serial: 'FOC1' },
      { pid: 'WS-C3850-24T', serial: 'FOC2' },
    ]);
    expect(records[2]!.boundUdis).toEqual([{ pid: 'ISR4331/K9', serial: 'FDO3' }]);
    expect(records[1]!.orderDate).toBe('2026-06-15');
    expect(records[0]!.licenceKey).toBe('c3850-ipbase');
  });

  it('reads an XLSX written by exceljs', async () => {
    const bytes = await xlsx([
      ['PAK', 'SKU', 'Quantity', 'Status'],
      ['AB12', 'C3850-48-S-E', 3, 'Unfulfilled'],
      ['CD34', 'C3850-48-S-E', 'three', 'Unfulfilled'],
    ]);
    const { records, ledger } = await loadPaks('legacy/paks.xlsx', bytes, catalog, 'MDY');
    balanced(ledger, records);
    expect(ledger.entry.format).toBe('xlsx');
    expect(records.map((r) => r.pak)).toEqual(['AB12']);
    expect(ledger.entry.rejections).toEqual([
      { line: 3, column: 'Quantity', reason: 'expected a whole number, found "three"' },
    ]);
  });

  it('fails the file when a required column is missing, naming line and column', async () => {
    const { records, ledger } = await loadPaks(
      'legacy/paks.csv',
      csv('PAK,Quantity\nAB12,3\n'),
      catalog,
      'MDY',
    );
    balanced(ledger, records);
    expect(ledger.entry.file).toBe('legacy/paks.csv');
    expect(ledger.entry.fatal).toMatch(/^line 1: missing required column "SKU"/);
  });

  it('rejects an unknown status naming the allowed values', async () => {
    const text = 'PAK,SKU,Quantity,Status\nAB12,X-1,3,Converted\nCD34,X-1,3,Fulfilled\n';
    const { records, ledger } = await loadPaks('legacy/paks.csv', csv(text), catalog, 'MDY');
    balanced(ledger, records);
    expect(ledger.entry.rejections).toEqual([
      {
        line: 2,
        column: 'Status',
        reason: 'expected Status "Unfulfilled", "Partially Fulfilled", "Fulfilled", found "Converted"',
      },
    ]);
  });

  it('rejects a non-numeric quantity, contradictory counts and malformed UDIs', async () => {
    const text =
      'PAK,SKU,Quantity,Quantity Fulfilled,Bound UDI\n' +
      'A1,X-1,ten,,\n' +
      'A2,X-1,2,5,\n' +
      'A3,X-1,2,1,just-a-name\n' +
      'A4,X-1,2,1,C9300-48P:FOC9\n';
    const { records, ledger } = await loadPaks('legacy/paks.csv', csv(text), catalog, 'MDY');
    balanced(ledger, records);
    expect(records.map((r) => r.pak)).toEqual(['A4']);
    expect(ledger.entry.rejections.map((r) => [r.line, r.column])).toEqual([
      [2, 'Quantity'],
      [3, 'Quantity Fulfilled'],
      [4, 'Bound UDI'],
    ]);
  });
});

describe('inventory loader', () => {
  it('reads a semicolon CSV with synonyms and UDI-form serials', async () => {
    const text =
      'Device Name;Product ID;Serial;Lifecycle Status;Decommission Date;Location\n' +
      'sw-1;C9300-48P;PID:C9300-48P,SN:foc1;In Service;;HQ\n' +
      'sw-2;C9300-48P;"UDI_PID:C9300-48P; UDI_SN:FOC2";RMA;01/03/2025;HQ\n' +
      'sw-3;c9300-24t;C9300-24T:FOC3;in stock;;Store\n' +
      'sw-4;C9300-24T;FOC4;;;HQ\n' +
      'sw-5;C9300-24T;FOC5;Decom;;HQ\n';
    const { records, ledger } = await loadInventory('inventory/cmdb.csv', csv(text), catalog, 'DMY');
    balanced(ledger, records);
    expect(records.map((r) => [r.serial, r.pid, r.status])).toEqual([
      ['FOC1', 'C9300-48P', 'active'],
      ['FOC2', 'C9300-48P', 'retired'],
      ['FOC3', 'C9300-24T', 'spare'],
      ['FOC4', 'C9300-24T', 'active'],
      ['FOC5', 'C9300-24T', 'decommissioned'],
    ]);
    expect(records[1]!.retiredDate).toBe('2025-03-01');
  });

  it('reads an XLSX written by exceljs', async () => {
    const bytes = await xlsx([
      ['Hostname', 'PID', 'Serial Number', 'Status'],
      ['sw-1', 'C9200-24T', 'JAE1', 'production'],
      ['sw-2', 'C9200-24T', 'JAE2', 'retired'],
    ]);
    const { records, ledger } = await loadInventory('inventory/prime.xlsx', bytes, catalog, 'MDY');
    balanced(ledger, records);
    expect(records.map((r) => r.status)).toEqual(['active', 'retired']);
  });

  it('fails the file when a required column is missing', async () => {
    const { records, ledger } = await loadInventory(
      'inventory/x.csv',
      csv('Hostname,PID\nsw,C9300\n'),
      catalog,
      'MDY',
    );
    balanced(ledger, records);
    expect(ledger.entry.fatal).toMatch(
      /^line 1: missing required column "Serial Number"; found "Hostname", "PID"/,
    );
  });

  it('rejects an unknown status with the allowed list, and a UDI whose PID contradicts the PID column', async () => {
    const text =
      'Hostname,PID,Serial Number,Status\n' +
      'sw-1,C9300-48P,FOC1,standby\n' +
      'sw-2,C9300-48P,"PID:C9200-24T,SN:FOC2",active\n' +
      'sw-3,C9300-48P,FOC3,active\n';
    const { records, ledger } = await loadInventory('inventory/x.csv', csv(text), catalog, 'MDY');
    balanced(ledger, records);
    expect(records.length).toBe(1);
    expect(ledger.entry.rejections[0]).toMatchObject({ line: 2, column: 'Status' });
    expect(ledger.entry.rejections[0]!.reason).toMatch(
      /expected Status active, retired, decommissioned or spare/,
    );
    expect(ledger.entry.rejections[0]!.reason).toMatch(/found "standby"/);
    expect(ledger.entry.rejections[1]).toMatchObject({ line: 3, column: 'Serial Number' });
  });

  it('rejects an empty serial and a bad date', async () => {
    const text =
      'Hostname,PID,Serial Number,Status,Retired Date\nsw-1,C9300,,active,\nsw-2,C9300,FOC2,retired,soon\n';
    const { records, ledger } = await loadInventory('inventory/x.csv', csv(text), catalog, 'MDY');
    balanced(ledger, records);
    expect(ledger.entry.rejections.map((r) => [r.line, r.column])).toEqual([
      [2, 'Serial Number'],
      [3, 'Retired Date'],
    ]);
  });
});

describe('transactions loader', () => {
  it('reads a semicolon CSV, normalising the PAK and the source', async () => {
    const text =
      'Source;PAK #;License;Quantity Purchased;Virtual Account\n' +
      'pak migration;5c3d-4e5f;C3850 IP Base;20;Campus\n' +
      'DLC Device Migration;;C9300 Network Essentials;1;Campus\n';
    const { records, ledger } = await loadTransactions('cssm/transactions.csv', csv(text), catalog, 'MDY');
    balanced(ledger, records);
    expect(records.map((r) => [r.transactionSource, r.pak, r.quantity, r.licenceKey])).toEqual([
      ['PAK Migration', '5C3D4E5F', 20, 'c3850-ipbase'],
      ['DLC Device Migration', undefined, 1, 'c9300-network-essentials'],
    ]);
  });

  it('reads an XLSX; without a Source column a PAK row is a PAK Migration', async () => {
    const bytes = await xlsx([
      ['PAK #', 'License', 'Quantity'],
      ['AB12', 'C3850 IP Base', 4],
      ['', 'C3850 IP Base', 1],
    ]);
    const { records, ledger } = await loadTransactions('cssm/transactions.xlsx', bytes, catalog, 'MDY');
    balanced(ledger, records);
    expect(records.map((r) => r.transactionSource)).toEqual(['PAK Migration']);
    expect(ledger.entry.rejections[0]).toMatchObject({ line: 3 });
  });

  it('fails the file when Quantity is missing', async () => {
    const { records, ledger } = await loadTransactions(
      'cssm/transactions.csv',
      csv('Source,PAK #\nPAK Migration,AB\n'),
      catalog,
      'MDY',
    );
    balanced(ledger, records);
    expect(ledger.entry.fatal).toMatch(/line 1: missing required column "Quantity"/);
  });

  it('rejects a non-numeric quantity and a row with no source', async () => {
    const text = 'Source,PAK #,Quantity\nPAK Migration,AB,lots\n,,2\nPAK Migration,CD,2\n';
    const { records, ledger } = await loadTransactions('cssm/transactions.csv', csv(text), catalog, 'MDY');
    balanced(ledger, records);
    expect(records.map((r) => r.pak)).toEqual(['CD']);
    expect(ledger.entry.rejections.map((r) => [r.line, r.column])).toEqual([
      [2, 'Quantity'],
      [3, 'Source'],
    ]);
  });
});
