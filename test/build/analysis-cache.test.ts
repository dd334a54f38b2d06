import { isAscii } from 'node:buffer';
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/analysis/load/catalog.ts';
import { loadClientFolder } from '../../src/analysis/load/client-folder.ts';
import {
  cacheFile,
  cacheKey,
  cacheText,
  finishKey,
  planKey,
  readCache,
} from '../../src/build/analysis-cache.ts';
import { buildClient } from '../../src/build/build-client.ts';
import { FileEffects, MemoryEffects } from '../../src/build/effects.ts';
import { findingsCsv } from '../../src/export/findings-csv.ts';
import type { FileBytes } from '../../src/lib/file-bytes.ts';
import { fileDigests, sha256 } from '../../src/lib/sha256.ts';
import { bytesOf } from '../helpers/pieces.ts';

const work = mkdtempSync(join(tmpdir(), 'trueup-cache-'));
const client = join(work, 'acme');
cpSync(join(import.meta.dirname, '..', 'fixtures', 'va-basic'), client, { recursive: true });
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A build into `out` that writes files but keeps the log. */
async function build(out: string, cache = true) {
  const effects = new FileEffects(true, true);
  const { report, timings } = await buildClient(
    client,
    await loadCatalog(),
    { out, pdf: false, cache },
    effects,
  );
  return {
    report,
    timings,
    log: effects.lines!.join('\n'),
    json: readFileSync(join(out, 'acme', 'report.json'), 'utf8'),
  };
}

describe('analysis cache', () => {
  const out = join(work, 'out');

  it('a first build analyses and keeps the analysis', async () => {
    const b = await build(out);
    expect(b.log).toContain('analysis cache: recomputing, no cached analysis');
    expect(b.timings.cache).toBeGreaterThanOrEqual(0);
  });

  it("a first build's report.json and findings.csv, copied from the cache it just wrote, are a build's without cache, on disk and in memory", async () => {
    const fresh = join(work, 'fresh');
    const first = await build(fresh);
    const cold = await build(join(work, 'cold-first'), false);
    expect(first.json).toBe(cold.json);
    const csv = (dir: string) => readFileSync(join(dir, 'acme', 'findings.csv'), 'utf8');
    expect(csv(fresh)).toBe(csv(join(work, 'cold-first')));
    // MemoryEffects hands the cache's bytes back from memory
    const memory = new MemoryEffects();
    await buildClient(client, await loadCatalog(), { out: join(work, 'memory'), pdf: false }, memory);
    expect(memory.lines.join('\n')).toContain('analysis cache: recomputing');
    expect(memory.files.get(join(work, 'memory', 'acme', 'report.json'))).toBe(cold.json);
    expect(memory.files.get(join(work, 'memory', 'acme', 'findings.csv'))).toBe(
      csv(join(work, 'cold-first')),
    );
  });

  it('a workbook or section change reuses it, with the same outputs as a build without cache', async () => {
    const first = (await build(out)).report.findings[0]!;
    mkdirSync(join(client, 'workbook', 'sections'), { recursive: true });
    writeFileSync(
      join(client, 'workbook', 'findings.yaml'),
      `${first.id}:\n  status: resolved\n  comment: moved\nva-imbalance-00000000:\n  status: bogus\n`,
    );
    writeFileSync(join(client, 'workbook', 'sections', 'overview.mdx'), '# Overview\n\nOur text.\n');
    const hit = await build(out);
    expect(hit.log).toContain('analysis cache: hit');
    expect(hit.timings.cache).toBeUndefined();
    expect(hit.report.findings.find((f) => f.id === first.id)?.status).toBe('resolved');
    const cold = await build(join(work, 'cold'), false);
    expect(cold.log).not.toContain('analysis cache');
    expect(hit.json).toBe(cold.json);
  });

  it('a cache written by other analysis code is recomputed, with the same version', async () => {
    await build(out);
    const path = cacheFile(join(out, 'acme'));
    const text = readFileSync(path, 'latin1');
    const { code } = JSON.parse(text.slice(0, text.indexOf('\n'))) as { code: string };
    expect(code).toMatch(/^[0-9a-f]{64}$/);
    // another digest of the same length: the rest of the file still lines up
    writeFileSync(path, text.replace(`"code":"${code}"`, `"code":"${'0'.repeat(64)}"`), 'latin1');
    const b = await build(out);
    expect(b.log).toContain('analysis cache: recomputing, trueup’s analysis code changed');
    expect((await build(out)).log).toContain('analysis cache: hit');
  });

  it('an input change says which file changed and recomputes', async () => {
    appendFileSync(join(client, 'cssm', 'licenses.csv'), '\n');
    const b = await build(out);
    expect(b.log).toContain('analysis cache: recomputing, inputs changed: cssm/licenses.csv');
  });
});

describe('analysis cache file', () => {
  it('holds the analysis as ASCII JSON, and gives back the same analysis and its findings.csv, non-ASCII text included', async () => {
    const dir = join(work, 'ascii');
    const key = { version: 'test', code: 'x', catalog: 'c', files: { 'cssm/licences×.csv': 'abc' } };
    const title = 'C9300 × 48 ports — “quoted”, emoji 😀, lone \ud800, accents àé';
    const analysis = {
      client: { currency: 'EUR' },
      findings: [{ id: 'f-1', title, evidence: [] }],
      rows: [['’', 1, null, true]],
    } as unknown as Parameters<typeof cacheText>[1];
    mkdirSync(join(dir, '.cache'), { recursive: true });
    writeFileSync(cacheFile(dir), bytesOf(cacheText(key, analysis)));
    const bytes = readFileSync(cacheFile(dir));
    const read = await readCache(dir, key);
    expect(read.reason).toBeNull();
    if (!read.analysis) return;
    expect(read.analysis).toEqual(analysis);
    const body = read.reuse.json.body as FileBytes;
    expect(body.isAscii()).toBe(true);
    expect(isAscii(body.copy(0, body.length))).toBe(true);
    expect(bytes.toString('latin1')).toContain('\\u00d7');
    // as findings.csv is written: UTF-8 (a lone surrogate becomes U+FFFD in both)
    const csv = read.reuse.csv.text as FileBytes;
    expect(csv.copy(0, csv.length).equals(Buffer.from(findingsCsv(analysis)))).toBe(true);
  });

  it("leaves a family's large data as text until it is read, and gives back the same analysis", async () => {
    const dir = join(work, 'lazy');
    const key = { version: 'test', code: 'x', catalog: 'c', files: {} };
    // over LAZY_DATA_BYTES (256 KB) of JSON
    const rows = Array.from({ length: 8000 }, (_, i) => ({ serial: `FOC${i}`, note: 'é × 48', n: i }));
    const analysis = {
      client: { currency: 'EUR' },
      findings: [],
      families: {
        'deployment-mode': { status: 'ok', data: { devices: rows }, figures: [] },
        orphaned: { status: 'ok', data: { small: [1] }, figures: [] },
      },
    } as unknown as Parameters<typeof cacheText>[1];
    mkdirSync(join(dir, '.cache'), { recursive: true });
    writeFileSync(cacheFile(dir), bytesOf(cacheText(key, analysis)));
    const read = await readCache(dir, key);
    if (!read.analysis) throw new Error(read.reason);
    const big = read.analysis.families['deployment-mode']!;
    expect(Object.getOwnPropertyDescriptor(big, 'data')?.get).toBeTypeOf('function');
    expect(Object.getOwnPropertyDescriptor(read.analysis.families.orphaned!, 'data')?.value).toEqual({
      small: [1],
    });
    // read: parsed once, then a plain value in its place (the key order, and so the JSON, unchanged)
    expect(JSON.stringify(read.analysis)).toBe(JSON.stringify(analysis));
    expect(Object.getOwnPropertyDescriptor(big, 'data')?.value).toBe(big.data);
    expect(read.analysis).toEqual(analysis);
  });

  it('is recomputed when cut short or when its last line does not match the rest', async () => {
    const dir = join(work, 'cut');
    const key = { version: 'test', code: 'x', catalog: 'c', files: {} };
    const analysis = { client: { currency: 'EUR' }, findings: [] } as unknown as Parameters<
      typeof cacheText
    >[1];
    mkdirSync(join(dir, '.cache'), { recursive: true });
    const whole = bytesOf(cacheText(key, analysis));
    writeFileSync(cacheFile(dir), whole.subarray(0, whole.length - 5));
    expect((await readCache(dir, key)).reason).toBe('unreadable cache');
    const end = whole.lastIndexOf(10);
    const trailer = JSON.parse(whole.subarray(end + 1).toString());
    writeFileSync(
      cacheFile(dir),
      Buffer.concat([
        whole.subarray(0, end + 1),
        Buffer.from(JSON.stringify({ ...trailer, bodyBytes: trailer.bodyBytes - 1 })),
      ]),
    );
    expect((await readCache(dir, key)).reason).toBe('unreadable cache');
    writeFileSync(cacheFile(dir), whole);
    expect((await readCache(dir, key)).reason).toBeNull();
  });
});

describe('file digests for the cache key and kept pages', () => {
  it('are the sha256 of the whole file, across read blocks, and undefined for a file that cannot be read', async () => {
    const dir = join(work, 'digests');
    mkdirSync(dir, { recursive: true });
    const big = Buffer.alloc((1 << 20) * 2 + 123);
    for (let i = 0; i < big.length; i++) big[i] = (i * 31) & 0xff;
    writeFileSync(join(dir, 'big.bin'), big);
    writeFileSync(join(dir, 'empty.csv'), '');
    writeFileSync(join(dir, 'small.csv'), 'a,b\n1,2\n');
    const paths = ['big.bin', 'empty.csv', 'missing.csv', 'small.csv'].map((f) => join(dir, f));
    expect(await fileDigests(paths)).toEqual([sha256(big), sha256(''), undefined, sha256('a,b\n1,2\n')]);
  });
});

describe('cache key of a folder', () => {
  const dir = join(work, 'stats');
  mkdirSync(join(dir, 'cssm'), { recursive: true });
  writeFileSync(join(dir, 'client.yaml'), 'name: Stats\n');
  writeFileSync(join(dir, 'cssm', 'licenses.csv'), 'a,b\n1,2\n');
  /** The key with every digest replaced by one no file has: a digest kept from it was not read. */
  const marked = async () => {
    const { key, stats } = await cacheKey(dir);
    const files = Object.fromEntries(Object.keys(key.files).map((f) => [f, `kept ${f}`]));
    return { key: { ...key, files }, stats };
  };

  it("keeps the last key's digest of a file whose stats are unchanged and had settled", async () => {
    const last = await marked();
    // taken as if well after the files were written: they had settled by then
    const later = { ...last, stats: { ...last.stats, at: Date.now() + 10_000 } };
    const { key } = await cacheKey(dir, later);
    expect(key.files['cssm/licenses.csv']).toBe('kept cssm/licenses.csv');
  });

  it('reads a file again when it changed less than 3 s before the last stats were taken', async () => {
    const last = await marked();
    const { key } = await cacheKey(dir, last);
    expect(key.files['cssm/licenses.csv']).toBe(sha256('a,b\n1,2\n'));
  });

  it('reads a file again when its bytes changed, even with its size and modification time put back', async () => {
    const file = join(dir, 'cssm', 'licenses.csv');
    const before = statSync(file);
    const last = await marked();
    writeFileSync(file, 'a,b\n3,4\n');
    utimesSync(file, before.atime, before.mtime);
    const later = { ...last, stats: { ...last.stats, at: Date.now() + 10_000 } };
    const { key } = await cacheKey(dir, later);
    expect(key.files['cssm/licenses.csv']).toBe(sha256('a,b\n3,4\n'));
  });
});

describe('cache key from the bytes a load read', () => {
  const dir = join(work, 'loaded');
  cpSync(join(import.meta.dirname, '..', '..', 'data', 'clients', 'demo'), dir, { recursive: true });
  // files no loader reads, and decision files, which the key leaves out
  writeFileSync(join(dir, 'notes.txt'), 'not an input\n');
  writeFileSync(join(dir, 'README.md'), '# Demo\n');
  mkdirSync(join(dir, 'workbook', 'sections'), { recursive: true });
  writeFileSync(join(dir, 'workbook', 'findings.yaml'), 'va-imbalance-00000000:\n  status: accepted\n');
  writeFileSync(join(dir, 'workbook', 'sections', 'overview.mdx'), 'Our text.\n');

  it.each([
    ['on this thread', Infinity],
    ['with the capture worker started (it may take none of them)', 1],
  ])('is the key read from the files, with captures parsed %s', async (_, workerMinFiles) => {
    const plan = await planKey(dir);
    const digests = new Map<string, string>();
    await loadClientFolder(dir, await loadCatalog(), undefined, { digests, workerMinFiles });
    expect(digests.get('cssm/licenses.csv')).toBe(sha256(readFileSync(join(dir, 'cssm', 'licenses.csv'))));
    expect(digests.has('notes.txt')).toBe(false);
    const loaded = await finishKey(plan, digests);
    const read = await cacheKey(dir);
    expect(loaded.key).toEqual(read.key);
    // every input a loader reads (client.yaml, the CSVs, the 60 captures) was hashed by the load
    const unread = Object.keys(read.key.files).filter((f) => !digests.has(f));
    expect(unread.sort()).toEqual(['README.md', 'notes.txt']);
    expect(loaded.key.files['notes.txt']).toBe(sha256('not an input\n'));
    expect(loaded.key.files['workbook/findings.yaml']).toBeUndefined();
  });

  it('takes a digest the load gave instead of reading the file, and keeps the stats taken before the load', async () => {
    const plan = await planKey(dir);
    const { key, stats } = await finishKey(plan, new Map([['cssm/licenses.csv', 'as loaded']]));
    expect(key.files['cssm/licenses.csv']).toBe('as loaded');
    expect(stats).toBe(plan.stats);
  });
});
