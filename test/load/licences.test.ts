import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadLicences } from '../../src/analysis/load/licenses.ts';
import { loadProductInstances } from '../../src/analysis/load/product-instances.ts';
import type { LedgerEntry } from '../../src/analysis/model/ledger.ts';
import { catalog } from '../helpers/fixtures.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const balanced = (e: LedgerEntry) => e.rowsRead === e.rowsAccepted + e.rowsRejected;

function utf16le(s: string): Uint8Array {
  const out = new Uint8Array(2 + s.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < s.length; i++) {
    out[2 + i * 2] = s.charCodeAt(i) & 0xff;
    out[3 + i * 2] = s.charCodeAt(i) >> 8;
  }
  return out;
}

describe('CSSM licences loader', async () => {
  const cat = await catalog();
  const load = (file: string, bytes: Uint8Array) => loadLicences(file, bytes, cat, 'MDY');

  it('reads a semicolon-delimited export with headers in other case and spacing', async () => {
    const { records, ledger } = await load(
      'cssm/licenses.csv',
      enc('virtual account;LICENSE;purchased;In  Use;Reserved\nCampus;C9300 DNA Advantage;10;4;1\n'),
    );
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      virtualAccount: 'Campus',
      licenceKey: 'c9300-dna-advantage',
      purchased: 10,
      inUse: 4,
      reserved: 1,
      known: true,
    });
    expect(records[0]!.source).toEqual({ file: 'cssm/licenses.csv', line: 2 });
    expect(balanced(ledger.entry)).toBe(true);
  });

  it('reads UTF-16 LE with BOM and tab delimiter, and says so in the ledger', async () => {
    const { records, ledger } = await load(
      'cssm/licenses.csv',
      utf16le(
        'Virtual Account\tLicense\tPurchased\tIn Use\r\nZürich\tC9300 Network Advantage\t1.200\t1,100\r\n',
      ),
    );
    expect(records[0]).toMatchObject({ virtualAccount: 'Zürich', purchased: 1200, inUse: 1100 });
    expect(ledger.entry.notes.map((n) => n.message).join(' ')).toMatch(/utf-16le with BOM/);
  });

  it('reads XLSX, taking the cached value of formula cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Licenses');
    ws.addRow(['Virtual Account', 'License', 'Purchased', 'In Use']);
    ws.addRow(['Campus', 'C9200 DNA Essentials', 8, 3]);
    ws.addRow(['Lab', 'C9200 DNA Essentials', { formula: '2+2', result: 4 }, 1]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const { records, ledger } = await load('cssm/licenses.xlsx', bytes);
    expect(records.map((r) => [r.virtualAccount, r.purchased, r.source.line])).toEqual([
      ['Campus', 8, 2],
      ['Lab', 4, 3],
    ]);
    expect(ledger.entry.format).toBe('xlsx');
  });

  it('reads the CSSM API JSON shape, with lines pointing at each licence object', async () => {
    const json = JSON.stringify(
      {
        licenses: [
          {
            license: 'C9300 DNA Advantage',
            virtualAccount: 'Campus',
            quantity: 5,
            inUse: 7,
            available: -2,
            reserved: 0,
            status: 'Insufficient Licenses',
            licenseType: 'TERM',
          },
          { license: 'C9300 Network Advantage', virtualAccount: 'Campus', quantity: 'x', inUse: 1 },
        ],
      },
      null,
      2,
    );
    const { records, ledger } = await load('cssm/licenses.json', enc(json));
    expect(records[0]).toMatchObject({
      balance: -2,
      licenceType: 'TERM',
      status: 'Insufficient Licenses',
      source: { line: 3 },
    });
    expect(ledger.entry.rejections).toEqual([
      { line: 13, column: 'quantity', reason: '"quantity": expected a whole number, found "x"' },
    ]);
    expect(balanced(ledger.entry)).toBe(true);
  });

  it('rejects a file without a required column, naming the column and the headers found', async () => {
    const { records, ledger } = await load(
      'cssm/licenses.csv',
      enc('Virtual Account,License,Purchased\nA,B,1\n'),
    );
    expect(records).toHaveLength(0);
    expect(ledger.entry.fatal).toBe(
      'line 1: missing required column "In Use"; found "Virtual Account", "License", "Purchased"',
    );
  });

  it('rejects a non-numeric quantity with file line, column and what was expected', async () => {
    const { records, ledger } = await load(
      'cssm/licenses.csv',
      enc(
        'Virtual Account,License,Purchased,In Use\nA,C9300 DNA Advantage,12,3\nB,C9300 DNA Advantage,twelve,3\nC,C9300 DNA Advantage,2.5,1\n',
      ),
    );
    expect(records).toHaveLength(1);
    expect(ledger.entry.rejections).toEqual([
      { line: 3, column: 'Purchased', reason: 'expected a whole number, found "twelve"' },
      { line: 4, column: 'Purchased', reason: 'expected a whole number, found "2.5" (fractional)' },
    ]);
    expect(balanced(ledger.entry)).toBe(true);
  });

  it('keeps line numbers right across quoted newlines and blank lines', async () => {
    const { records } = await load(
      'cssm/licenses.csv',
      enc(
        'Virtual Account,License,Purchased,In Use,Alerts\n\n"Campus\nNorth",C9300 DNA Advantage,1,1,"a\nb"\nLab,C9300 DNA Advantage,1,0,\n',
      ),
    );
    expect(records.map((r) => r.source.line)).toEqual([3, 6]);
  });

  it('rejects Reserved greater than In Use', async () => {
    const { ledger } = await load(
      'cssm/licenses.csv',
      enc('Virtual Account,License,Purchased,In Use,Reserved\nA,X,5,1,2\n'),
    );
    expect(ledger.entry.rejections[0]).toMatchObject({ line: 2, column: 'Reserved' });
  });

  it('says an empty or binary file is not a CSV instead of throwing', async () => {
    expect((await load('cssm/licenses.csv', new Uint8Array())).ledger.entry.fatal).toMatch(/empty/);
    expect(
      (await load('cssm/licenses.csv', new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 1, 2]))).ledger.entry.fatal,
    ).toMatch(/binary/);
  });
});

describe('CSSM product instances loader', async () => {
  const cat = await catalog();
  it('parses licence lists, reservations and the API devices shape', async () => {
    const csv = await loadProductInstances(
      'cssm/product-instances.csv',
      enc(
        'Name,Virtual Account,PID,Serial Number,Licenses,Reservation\nsw1,Campus,c9300-48p,foc1,C9300 DNA Advantage:2; C9300 Network Advantage,SPECIFIC\nsw2,Campus,,,,maybe\n',
      ),
      cat,
      'MDY',
    );
    expect(csv.records[0]).toMatchObject({ pid: 'C9300-48P', serial: 'FOC1', reservation: 'SPECIFIC' });
    expect(csv.records[0]!.licences.map((l) => [l.licenceKey, l.count])).toEqual([
      ['c9300-dna-advantage', 2],
      ['c9300-network-advantage', 1],
    ]);
    expect(csv.ledger.entry.rejections[0]).toMatchObject({ line: 3, column: 'Reservation' });
    const api = await loadProductInstances(
      'cssm/product-instances.json',
      enc(
        JSON.stringify({
          devices: [
            {
              instanceName: 'sw3',
              virtualAccount: 'Lab',
              productTagName: 'C9300',
              sudi: { udiPid: 'C9300-24T', udiSerialNumber: 'FOC9' },
            },
          ],
        }),
      ),
      cat,
      'MDY',
    );
    expect(api.records[0]).toMatchObject({
      name: 'sw3',
      pid: 'C9300-24T',
      serial: 'FOC9',
      productType: 'C9300',
    });
  });
});
