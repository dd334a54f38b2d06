import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CapturePool } from '../../src/analysis/load/captures/capture-pool.ts';
import {
  prestartCaptureWorker,
  stopWarmWorker,
  takeWarmWorker,
} from '../../src/analysis/load/captures/warm-worker.ts';
import { loadCatalog } from '../../src/analysis/load/catalog.ts';
import { loadClientFolder, wantsLoadWorker } from '../../src/analysis/load/client-folder.ts';
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
    // a script file, not \`-e\`: the worker inherits the parent's --input-type and fails on it
    const script = join(root, '..', 'load.mjs');
    await writeFile(
      script,
      `import { loadCatalog } from '${new URL('../../src/analysis/load/catalog.ts', import.meta.url).pathname}';
      import { loadClientFolder } from '${CLIENT_FOLDER}';
      const i = await loadClientFolder(${JSON.stringify(root)}, await loadCatalog());
      console.log(i.captures.length);`,
    );
    const t0 = performance.now();
    const { stdout } = await promisify(execFile)(process.execPath, [script], { timeout: 30_000 });
    expect(Number(stdout.trim())).toBeGreaterThan(100);
    expect(performance.now() - t0).toBeLessThan(30_000);
  });
});

describe('a capture worker started ahead of its job', () => {
  const WARM_WORKER = new URL('../../src/analysis/load/captures/warm-worker.ts', import.meta.url).pathname;

  it('is taken by the next pool that starts a worker, which loads the folder as a fresh one does', async () => {
    const fresh = await loadClientFolder(root, catalog);
    prestartCaptureWorker();
    // long enough for it to be waiting for its job, as it is when the CLI has loaded its modules
    await new Promise((r) => setTimeout(r, 1500));
    const pool = new CapturePool(root, files, catalog, { workerMinFiles: 1 });
    await pool.workerEnded();
    await pool.results();
    expect(pool.fromWorker).toBe(files.length);
    expect(takeWarmWorker()).toBeUndefined();
    prestartCaptureWorker();
    expect(await loadClientFolder(root, catalog)).toEqual(fresh);
    expect(takeWarmWorker()).toBeUndefined();
  }, 30_000);

  it('is left alone by a pool given its own worker entry, and by a pool that starts none', async () => {
    prestartCaptureWorker();
    try {
      await new CapturePool(root, files, catalog, { workerMinFiles: Infinity }).results();
      const own = new CapturePool(root, files, catalog, {
        workerMinFiles: 1,
        workerUrl: new URL('./no-such-worker.ts', import.meta.url),
      });
      await own.results();
      expect(own.fromWorker).toBe(0);
      const warm = takeWarmWorker();
      expect(warm).toBeDefined();
      await warm!.terminate();
    } finally {
      stopWarmWorker();
    }
  });

  it('does not keep the process alive when no pool takes it', async () => {
    // the process lives long enough for the worker to start and wait for its job; a file, not
    // \`-e\`, whose --input-type the worker would inherit and fail on
    const script = join(root, '..', 'warm.mjs');
    await writeFile(
      script,
      `import { prestartCaptureWorker } from '${WARM_WORKER}';
      prestartCaptureWorker();
      await new Promise((r) => setTimeout(r, 1500));
      console.log('started');`,
    );
    const { stdout } = await promisify(execFile)(process.execPath, [script], { timeout: 20_000 });
    expect(stdout.trim()).toBe('started');
  });

  it('is wanted from 200 capture files or 4 MB of support files', async () => {
    expect(await wantsLoadWorker(root)).toBe(true);
    const small = join(root, '..', 'small');
    await mkdir(join(small, 'captures'), { recursive: true });
    await mkdir(join(small, 'contracts'), { recursive: true });
    await writeFile(join(small, 'client.yaml'), 'name: Small\nasOf: 2026-11-15\ncurrency: EUR\n');
    for (let i = 0; i < 199; i++) await writeFile(join(small, 'captures', `sw${i}.txt`), '');
    await writeFile(join(small, 'contracts', 'support.csv'), Buffer.alloc((4 << 20) - 1, 0x61));
    expect(await wantsLoadWorker(small)).toBe(false);
    await writeFile(join(small, 'captures', 'sw199.txt'), '');
    expect(await wantsLoadWorker(small)).toBe(true);
    await rm(join(small, 'captures'), { recursive: true });
    await writeFile(join(small, 'contracts', 'support.csv'), Buffer.alloc(4 << 20, 0x61));
    expect(await wantsLoadWorker(small)).toBe(true);
  });
});
