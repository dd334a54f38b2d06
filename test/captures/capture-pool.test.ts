import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CapturePool } from '../../src/analysis/load/captures/capture-pool.ts';
import { loadCatalog } from '../../src/analysis/load/catalog.ts';
import { loadClientFolder } from '../../src/analysis/load/client-folder.ts';
import type { Catalog } from '../../src/analysis/model/catalog.ts';
import { sha256 } from '../../src/lib/sha256.ts';

const SAMPLES = new URL('./samples/', import.meta.url).pathname;
const CLIENT_FOLDER = new URL('../../src/analysis/load/client-folder.ts', import.meta.url).pathname;
let root: string;
let catalog: Catalog;
let files: string[];

// 240 capture files: enough to start the worker with the default threshold
beforeAll(async () => {
  root = join(await mkdtemp(join(tmpdir(), 'trueup-pool-')), 'acme');
  await mkdir(join(root, 'cssm'), { recursive: true });
  await cp(SAMPLES, join(root, 'captures', 'samples'), { recursive: true });
  await writeFile(join(root, 'client.yaml'), 'name: Acme\nasOf: 2026-11-15\ncurrency: EUR\n');
  await writeFile(
    join(root, 'cssm', 'licenses.csv'),
    'Virtual Account,License,Purchased,In Use\nPlant,C9300 Network Advantage,10,2\n',
  );
  const sample = await readFile(join(SAMPLES, 'multi-command.txt'), 'utf8');
  files = ['captures/samples/crlf-tabs.txt', 'captures/samples/multi-command.txt'];
  for (let i = 0; i < 238; i++) {
    const rel = `captures/sw${String(i).padStart(3, '0')}.txt`;
    // every third device is the one before again (hostname and serial): merged across files
    const n = i - (i % 3 === 2 ? 1 : 0);
    const text = sample.replaceAll('core-sw1', `sw${n}`).replaceAll('FOC2345X0AB', `FOC${n}`);
    await writeFile(join(root, rel), text);
    files.push(rel);
  }
  files.sort();
  catalog = await loadCatalog();
});

afterAll(async () => {
  await rm(join(root, '..'), { recursive: true, force: true });
});

describe('capture pool', () => {
  it('gives the same outcomes, in the same order, whichever thread parsed a file', async () => {
    const alone = await new CapturePool(root, files, catalog, { workerMinFiles: Infinity }).results();
    const pool = new CapturePool(root, files, catalog, { workerMinFiles: 1 });
    await pool.workerEnded(); // the main thread idle: the worker takes every file
    const shared = await pool.results();
    expect(pool.fromWorker).toBe(files.length);
    const strip = (os: typeof alone) => os.map((o) => ('records' in o ? [o.records, o.entry] : o));
    expect(strip(shared)).toEqual(strip(alone));
  });

  it('gives each outcome the sha256 of the bytes parsed when asked, from either thread', async () => {
    const digestOf = async (f: string) => sha256(await readFile(join(root, f)));
    const expected = await Promise.all(files.map(digestOf));
    for (const workerMinFiles of [Infinity, 1]) {
      const pool = new CapturePool(root, files, catalog, { workerMinFiles, digests: true });
      await pool.workerEnded();
      const outcomes = await pool.results();
      expect(pool.fromWorker).toBe(workerMinFiles === 1 ? files.length : 0);
      expect(outcomes.map((o) => ('digest' in o ? o.digest : undefined))).toEqual(expected);
    }
    const plain = await new CapturePool(root, files, catalog, { workerMinFiles: 1 }).results();
    expect(plain.some((o) => 'digest' in o)).toBe(false);
  });

  it('loads the whole folder the same with and without the worker', async () => {
    const a = await loadClientFolder(root, catalog, undefined, { workerMinFiles: Infinity });
    const b = await loadClientFolder(root, catalog);
    expect(b).toEqual(a);
    expect(b.captures.length).toBeGreaterThan(100);
  });

  it('falls back to the main thread when the worker cannot start', async () => {
    const pool = new CapturePool(root, files, catalog, {
      workerMinFiles: 1,
      workerUrl: new URL('./no-such-worker.ts', import.meta.url),
    });
    const out = await pool.results();
    expect(pool.fromWorker).toBe(0);
    expect(out.every((o) => 'records' in o)).toBe(true);
  });

  it('throws the same error for an unreadable capture as a load without the worker', async () => {
    const broken = [...files, 'captures/zz-gone.txt'];
    const err = async (min: number) => {
      const out = await new CapturePool(root, broken, catalog, { workerMinFiles: min }).results();
      const last = out.at(-1)!;
      return 'error' in last ? String(last.error) : 'no error';
    };
    expect(await err(1)).toBe(await err(Infinity));
    expect(await err(1)).toMatch(/ENOENT.*zz-gone\.txt/);
  });

  it('lets the process exit as soon as the load is done', async () => {
    const script = `import { loadCatalog } from '${new URL('../../src/analysis/load/catalog.ts', import.meta.url).pathname}';
      import { loadClientFolder } from '${CLIENT_FOLDER}';
      const i = await loadClientFolder(${JSON.stringify(root)}, await loadCatalog());
      console.log(i.captures.length);`;
    const t0 = performance.now();
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      timeout: 30_000,
    });
    expect(Number(stdout.trim())).toBeGreaterThan(100);
    expect(performance.now() - t0).toBeLessThan(30_000);
  });
});
