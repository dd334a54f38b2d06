/**
 * Writes the corpus's XLSX files (run once with `npx node test/malformed/make-xlsx.ts`; the
 * output is committed). Fixed dates so the bytes do not change between runs.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

const DIR = join(import.meta.dirname, 'files');
const when = new Date('2026-11-15T00:00:00Z');

async function book(fill: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = when;
  wb.modified = when;
  fill(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const licences = await book((wb) => {
  const ws = wb.addWorksheet('Licenses');
  ws.addRow(['Virtual Account', 'License', 'Purchased', 'In Use', 'End Date']);
  ws.addRow([
    'Campus',
    'C9300 DNA Advantage',
    { formula: 'A1+0', result: 12 },
    4,
    new Date('2028-01-31T00:00:00Z'),
  ]);
  ws.addRow(['Lab', 'C9300 DNA Advantage', '1,200', 0, null]);
  ws.addRow(['Edge', 'C9300 DNA Advantage', -3, 0, null]);
});
writeFileSync(join(DIR, 'cssm/licenses-formulas.xlsx'), licences);
writeFileSync(
  join(DIR, 'cssm/licenses-truncated.xlsx'),
  licences.subarray(0, Math.floor(licences.length / 2)),
);

const inventory = await book((wb) => {
  const ws = wb.addWorksheet('CMDB');
  ws.addRow(['Hostname', 'PID', 'Serial Number', 'Status', 'Retired Date']);
  ws.addRow(['sw1', 'C9300-48P', 'FOC1', 'retired', new Date('2025-01-31T00:00:00Z')]);
  ws.addRow([]);
  ws.addRow(['sw2', 'C9300-48P', 'FOC2', 'active', null]);
  wb.addWorksheet('Notes').addRow(['ignored']);
});
writeFileSync(join(DIR, 'inventory/cmdb.xlsx'), inventory);
