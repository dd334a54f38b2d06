/**
 * Child process for big-csv.test.ts: writes a 200 MB inventory CSV (a CMDB export with columns
 * trueup does not use, quoted cells with commas and newlines) into a temp client folder, loads the
 * folder, and prints one JSON line: rows, time and peak memory of this process.
 */
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog } from '../../src/analysis/load/catalog.ts';
import { loadClientFolder } from '../../src/analysis/load/client-folder.ts';

const TARGET = Number(process.argv[2] ?? 200) * 1024 * 1024;
const work = mkdtempSync(join(tmpdir(), 'trueup-big-'));
const dir = join(work, 'bigclient');
try {
  mkdirSync(join(dir, 'cssm'), { recursive: true });
  mkdirSync(join(dir, 'inventory'), { recursive: true });
  writeFileSync(join(dir, 'client.yaml'), 'name: Big Estate\nasOf: 2026-11-15\ncurrency: EUR\n');
  writeFileSync(
    join(dir, 'cssm/licenses.csv'),
    'Virtual Account,License,Purchased,In Use\nA,C9300 DNA Advantage,1,1\n',
  );
  const file = join(dir, 'inventory/cmdb.csv');
  const fd = openSync(file, 'w');
  writeSync(fd, 'Hostname,PID,Serial Number,Status,Site,OS Version,Source,Owner,Description,Notes\n');
  let size = 0;
  let rows = 0;
  let batch: string[] = [];
  const pad = 'x'.repeat(120);
  while (size < TARGET) {
    // every 1000th row is bad (status), every 500th has a quoted newline
    const status = rows % 1000 === 999 ? 'standby' : 'active';
    const notes = rows % 500 === 0 ? '"racked,\nlabelled"' : pad;
    const line = `sw-${rows}.campus.example,C9300-48P,FOC${String(rows).padStart(8, '0')},${status},Site ${rows % 97},17.9.${rows % 5},CMDB,Network Ops,"Access switch, floor ${rows % 40}",${notes}\n`;
    batch.push(line);
    size += line.length;
    rows++;
    if (batch.length === 5000) {
      writeSync(fd, batch.join(''));
      batch = [];
    }
  }
  writeSync(fd, batch.join(''));
  closeSync(fd);
  const bytes = statSync(file).size;
  const catalog = await loadCatalog();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const inputs = await loadClientFolder(dir, catalog);
  const ms = Math.round(performance.now() - t0);
  const cpu = process.cpuUsage(cpu0);
  const inv = inputs.ledger.find((e) => e.kind === 'inventory')!;
  const lastRejection = inv.rejections.at(-1);
  process.stdout.write(
    `${JSON.stringify({
      bytes,
      rowsWritten: rows,
      rowsRead: inv.rowsRead,
      accepted: inv.rowsAccepted,
      rejected: inv.rowsRejected,
      records: inputs.inventory.length,
      lastRejection,
      lastRecordLine: inputs.inventory.at(-1)?.source.line,
      ms,
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    })}\n`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
