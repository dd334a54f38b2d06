import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAlerts } from '../../src/analysis/load/alerts.ts';
import { loadCatalog } from '../../src/analysis/load/catalog.ts';
import { loadCiscoOne } from '../../src/analysis/load/cisco-one.ts';
import { loadPrices } from '../../src/analysis/load/prices.ts';
import { LOADERS } from '../../src/analysis/load/registry.ts';
import { loadSupport } from '../../src/analysis/load/support.ts';
import type { Catalog } from '../../src/analysis/model/catalog.ts';
import type { LedgerEntry } from '../../src/analysis/model/ledger.ts';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog();
});

const csv = (text: string) => new TextEncoder().encode(text);
async function xlsx(rows: (string | number | Date)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Sheet1').addRows(rows);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
function balanced(e: LedgerEntry) {
  expect(e.rowsRead).toBe(e.rowsAccepted + e.rowsRejected);
  expect(e.rejections).toHaveLength(e.rowsRejected);
}

describe('registry', () => {
  it('routes the contract and alert files to their loaders', () => {
    const slot = (p: string) => LOADERS.find((l) => l.match(p))?.slot;
    expect(slot('contracts/cisco-one.csv')).toBe('ciscoOne');
    expect(slot('contracts/cisco-one-2026.xlsx')).toBe('ciscoOne');
    expect(slot('contracts/support.xlsx')).toBe('support');
    expect(slot('contracts/prices-eur.csv')).toBe('prices');
    expect(slot('cssm/alerts.csv')).toBe('alerts');
    expect(slot('contracts/prices.json')).toBeUndefined();
  });
});

describe('cisco-one loader', () => {
  it('reads a semicolon CSV with aliases, serial lists and dates', async () => {
    const { records, ledger } = await loadCiscoOne(
      'contracts/cisco-one.csv',
      csv(
        'SKU;Qty;License Model;Start Date;End Date;Contract;Serial Numbers\n' +
          'c1a1tcat93002;2;Term;2024-01-01;2026-12-31;;FOC1, foc2\n' +
          'C1FPCAT38502K9;1;perp;15.01.2022;;9001;FOC3\n',
      ),
      catalog,
      'DMY',
    );
    expect(records).toMatchObject([
      {
        suiteSku: 'C1A1TCAT93002',
        quantity: 2,
        model: 'term',
        endDate: '2026-12-31',
        serials: ['FOC1', 'FOC2'],
      },
      {
        suiteSku: 'C1FPCAT38502K9',
        model: 'perpetual',
        startDate: '2022-01-15',
        swssContract: '9001',
        serials: ['FOC3'],
      },
    ]);
    expect(records[1]!.source).toEqual({ file: 'contracts/cisco-one.csv', line: 3 });
    balanced(ledger.entry);
  });

  it('rejects bad quantities, unknown models and end before start, with line and column', async () => {
    const { records, ledger } = await loadCiscoOne(
      'contracts/cisco-one.csv',
      csv(
        'Suite SKU,Quantity,Model,Start Date,End Date\nA,two,,,\nB,1,lease,,\nC,1,term,2025-01-01,2024-01-01\nD,0,,,\nE,3,,,\n',
      ),
      catalog,
      'MDY',
    );
    expect(records.map((r) => r.suiteSku)).toEqual(['E']);
    expect(ledger.entry.rejections.map((r) => [r.line, r.column])).toEqual([
      [2, 'Quantity'],
      [3, 'Model'],
      [4, 'End Date'],
      [5, 'Quantity'],
    ]);
    expect(ledger.entry.rejections[0]!.reason).toBe('expected a whole number, found "two"');
    balanced(ledger.entry);
  });

  it('fails the file when a required column is missing', async () => {
    const { records, ledger } = await loadCiscoOne(
      'contracts/cisco-one.csv',
      csv('Suite SKU,Model\nA,term\n'),
      catalog,
      'MDY',
    );
    expect(records).toEqual([]);
    expect(ledger.entry.fatal).toMatch(/missing required column "Quantity"/);
  });

  it('reads XLSX', async () => {
    const bytes = await xlsx([
      ['Suite SKU', 'Quantity', 'Model', 'End Date'],
      ['C1A1ATCAT38503', 4, 'term', new Date(Date.UTC(2027, 5, 30))],
    ]);
    const { records, ledger } = await loadCiscoOne('contracts/cisco-one.xlsx', bytes, catalog, 'MDY');
    expect(records).toMatchObject([{ suiteSku: 'C1A1ATCAT38503', quantity: 4, endDate: '2027-06-30' }]);
    expect(ledger.entry.format).toBe('xlsx');
    balanced(ledger.entry);
  });
});

describe('support loader', () => {
  it('reads a semicolon CSV and rejects bad rows', async () => {
    const { records, ledger } = await loadSupport(
      'contracts/support.csv',
      csv(
        'Serial;Contract Number;Service Start Date;Last Date of Support;PID\n' +
          'foc 1;9001;2024-01-01;2025-12-31;ws-c3850-48p\n' +
          'FOC2;9001;2024-01-01;not a date;\n' +
          'FOC3;;2024-01-01;2025-01-01;\n' +
          'FOC4;9002;2025-01-01;2024-01-01;\n',
      ),
      catalog,
      'MDY',
    );
    expect(records).toMatchObject([
      { serial: 'FOC1', contract: '9001', endDate: '2025-12-31', pid: 'WS-C3850-48P' },
    ]);
    expect(ledger.entry.rejections.map((r) => [r.line, r.column])).toEqual([
      [3, 'Last Date of Support'],
      [4, 'Contract Number'],
      [5, 'Last Date of Support'],
    ]);
    balanced(ledger.entry);
  });

  it('reads XLSX and fails without the End Date column', async () => {
    const ok = await loadSupport(
      'contracts/support.xlsx',
      await xlsx([
        ['Serial Number', 'Contract', 'Start Date', 'End Date'],
        ['FOC1', 'C-1', '2024-01-01', '2026-01-01'],
      ]),
      catalog,
      'MDY',
    );
    expect(ok.records).toHaveLength(1);
    balanced(ok.ledger.entry);
    const bad = await loadSupport(
      'contracts/support.csv',
      csv('Serial Number,Contract,Start Date\nA,B,2024-01-01\n'),
      catalog,
      'MDY',
    );
    expect(bad.ledger.entry.fatal).toMatch(/missing required column "End Date"/);
  });
});

describe('prices loader', () => {
  it('resolves SKUs and licence names to licence keys, reads units, terms and currencies', async () => {
    const { records, ledger } = await loadPrices(
      'contracts/prices.csv',
      csv(
        'SKU or License;List Price;Currency;Unit;Term Months\n' +
          'C9300-NW-A-48;1.234,50;EUR;each;\n' +
          'C9300 DNA Advantage;400;;per year;36\n' +
          'Mystery;USD 99;;monthly;\n' +
          'C9300-NW-E-48;abc;EUR;each;\n' +
          'C9300-NW-E-24;10;EURO;each;\n' +
          'C9300-NW-E-24;10;EUR;weekly;\n' +
          'C9300-NW-E-24;10;EUR;year;0\n',
      ),
      catalog,
    );
    expect(records).toEqual([
      {
        source: { file: 'contracts/prices.csv', line: 2 },
        item: 'C9300-NW-A-48',
        licenceKey: 'c9300-network-advantage',
        listPrice: 1234.5,
        currency: 'EUR',
        unit: 'each',
      },
      {
        source: { file: 'contracts/prices.csv', line: 3 },
        item: 'C9300 DNA Advantage',
        licenceKey: 'c9300-dna-advantage',
        listPrice: 400,
        unit: 'year',
        termMonths: 36,
      },
      {
        source: { file: 'contracts/prices.csv', line: 4 },
        item: 'Mystery',
        listPrice: 99,
        currency: 'USD',
        unit: 'month',
      },
    ]);
    expect(ledger.entry.rejections.map((r) => [r.line, r.column])).toEqual([
      [5, 'List Price'],
      [6, 'Currency'],
      [7, 'Unit'],
      [8, 'Term Months'],
    ]);
    balanced(ledger.entry);
  });

  it('reads XLSX with numeric cells and fails without a price column', async () => {
    const ok = await loadPrices(
      'contracts/prices.xlsx',
      await xlsx([
        ['SKU', 'List Price', 'Unit'],
        ['C9300-NW-A-48', 5000, 'each'],
      ]),
      catalog,
    );
    expect(ok.records).toMatchObject([{ licenceKey: 'c9300-network-advantage', listPrice: 5000 }]);
    balanced(ok.ledger.entry);
    const bad = await loadPrices('contracts/prices.csv', csv('SKU or License,Currency\nX,EUR\n'), catalog);
    expect(bad.ledger.entry.fatal).toMatch(/missing required column "List Price"/);
  });
});

describe('alerts loader', () => {
  it('reads the CSSM alert columns from a semicolon CSV', async () => {
    const { records, ledger } = await loadAlerts(
      'cssm/alerts.csv',
      csv(
        'Sev;Message;Source;Action Due;Actions\nMajor;Insufficient Licenses;C9300 DNA Advantage;Nov 30, 2026;\nMinor;;x;;\nInfo;Licenses Expiring;;bad;\n',
      ),
      catalog,
      'MDY',
    );
    expect(records).toMatchObject([
      {
        severity: 'Major',
        message: 'Insufficient Licenses',
        alertSource: 'C9300 DNA Advantage',
        actionDue: '2026-11-30',
      },
    ]);
    expect(ledger.entry.rejections.map((r) => [r.line, r.column])).toEqual([
      [3, 'Message'],
      [4, 'Action Due'],
    ]);
    expect(ledger.entry.notes.some((n) => n.message.includes('"Actions"'))).toBe(true);
    balanced(ledger.entry);
  });

  it('reads XLSX and fails without a Message column', async () => {
    const ok = await loadAlerts(
      'cssm/alerts.xlsx',
      await xlsx([['Message'], ['Synchronization Overdue']]),
      catalog,
      'MDY',
    );
    expect(ok.records).toHaveLength(1);
    const bad = await loadAlerts('cssm/alerts.csv', csv('Severity,Source\nMajor,x\n'), catalog, 'MDY');
    expect(bad.ledger.entry.fatal).toMatch(/missing required column "Message"/);
  });
});
