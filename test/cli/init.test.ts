import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../..');

function trueup(...args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, 'src/cli/main.ts'), ...args], {
    encoding: 'utf8',
    cwd: ROOT,
  });
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'trueup-init-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('trueup init', () => {
  it('scaffolds the input folders, client.yaml and a README', async () => {
    const dir = join(tmp, 'acme-2026');
    const run = trueup('init', dir);
    expect(run.status, run.stderr).toBe(0);
    for (const f of ['cssm', 'legacy', 'inventory', 'captures', 'contracts', 'workbook/sections'])
      expect((await stat(join(dir, f))).isDirectory(), f).toBe(true);
    const config = parse(await readFile(join(dir, 'client.yaml'), 'utf8')) as Record<string, unknown>;
    expect(config.name).toBe('acme-2026');
    expect(config.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(config.currency).toBe('EUR');
    const readme = await readFile(join(dir, 'README.md'), 'utf8');
    expect(readme.length).toBeGreaterThan(200);
    expect(readme).toMatch(/cssm/);
  });

  it('refuses a folder that is not empty and leaves it untouched', async () => {
    const dir = join(tmp, 'taken');
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'mine');
    const run = trueup('init', dir);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/not empty/);
    expect(await readdir(dir)).toEqual(['notes.txt']);
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('refuses a folder name that is not a client id', async () => {
    const run = trueup('init', join(tmp, 'bad name!'));
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/not a valid client id/);
  });
});
