import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A 200 MB CSV loads in bounded memory and time: the CSV is parsed piece by piece (never held as
 * one string or one table of cells), so the peak is the file's bytes plus the records kept.
 * Run in a child process so its peak memory is its own.
 */
describe('a 200 MB inventory CSV', () => {
  it('loads with every row accounted for, its line numbers right, in bounded memory and time', () => {
    const r = spawnSync(process.execPath, [join(import.meta.dirname, 'big-csv.ts'), '200'], {
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC' },
      timeout: 300_000,
    });
    expect(r.stderr).toBe('');
    const m = JSON.parse(r.stdout) as Record<string, number> & {
      lastRejection: { line: number; reason: string };
    };
    console.log(`200 MB CSV: ${JSON.stringify(m)}`);
    expect(m.bytes).toBeGreaterThanOrEqual(200 * 1024 * 1024);
    expect(m.rowsRead).toBe(m.rowsWritten);
    expect(m.rowsRead).toBe(m.accepted + m.rejected);
    expect(m.records).toBe(m.accepted);
    expect(m.rejected).toBe(Math.floor(m.rowsWritten / 1000));
    // one quoted newline every 500 rows: row n starts on line 2 + n + floor((n - 1) / 500) + 1
    const last = m.rowsWritten - 1;
    expect(m.lastRecordLine).toBe(2 + last + Math.ceil(last / 500));
    expect(m.lastRejection.reason).toContain('standby');
    // generous bounds for a loaded 2-core CI machine; measured ~1 GB and ~15 s of CPU
    expect(m.maxRssMB).toBeLessThan(2000);
    expect(m.cpuMs).toBeLessThan(90_000);
  }, 300_000);
});
