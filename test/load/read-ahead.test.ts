import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readAhead, readWhole } from '../../src/analysis/load/read-ahead.ts';

const dir = mkdtempSync(join(tmpdir(), 'trueup-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reading input files ahead', () => {
  it('reads a file larger than readFile’s 512 KB pieces whole, byte for byte', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < big.length; i++) big[i] = (i * 31) & 0xff;
    writeFileSync(join(dir, 'big.csv'), big);
    expect((await readWhole(join(dir, 'big.csv'))).equals(readFileSync(join(dir, 'big.csv')))).toBe(true);
  });

  it('reads an empty file as no bytes, and rejects a missing one with the error a read gives', async () => {
    writeFileSync(join(dir, 'empty.csv'), '');
    expect((await readWhole(join(dir, 'empty.csv'))).length).toBe(0);
    await expect(readWhole(join(dir, 'missing.csv'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('gives each input its own bytes, whichever files were read ahead', async () => {
    const files = ['a.csv', 'README.md', 'b.csv', 'c.csv', 'd.csv', 'e.csv'];
    for (const f of files) writeFileSync(join(dir, f), `content of ${f}`);
    const reads = files.map((f) => f.endsWith('.csv'));
    const ahead = readAhead(dir, files, reads);
    for (const [i, f] of files.entries()) {
      if (!reads[i]) continue;
      expect((await ahead(i)).toString()).toBe(`content of ${f}`);
    }
  });
});
