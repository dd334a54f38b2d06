import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import { open, readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { fileURLToPath } from 'node:url';
import { CATALOG_DIR } from '../analysis/load/catalog.ts';
import { isDecisionFile, listFiles } from '../analysis/load/client-folder.ts';
import { FAMILIES, type Family } from '../analysis/model/finding.ts';
import type { Report } from '../analysis/model/report.ts';
import { VERSION } from '../analysis/report/build-report.ts';
import { type CsvReuse, findingsCsvPieces } from '../export/findings-csv.ts';
import { asciiOnly, type JsonReuse, type JsonSpans, jsonBytes, jsonPath } from '../export/json-chunks.ts';
import { FileBytes } from '../lib/file-bytes.ts';
import { packedBytes } from '../lib/packed-bytes.ts';
import { fileDigests, sha256 } from '../lib/sha256.ts';

/**
 * The analysis of a client folder, cached in `<out>/<id>/.cache/analysis.json` and keyed by the
 * sha256 of every input file's bytes (all but the decision files: workbook/findings.yaml and
 * workbook/sections/*.mdx, which are applied after the cache), the catalog's files and the trueup
 * version. A hit skips loading and analysis; the reason for a miss is logged. The file holds the
 * key on its first line and then the Report before workbook decisions (`analyseInputs`).
 */
export interface CacheKey {
  version: string;
  /** sha256 over trueup's analysis code (src/analysis): the version stays the same between releases. */
  code: string;
  catalog: string;
  /** Input file (relative to the client folder) → sha256 of its bytes. */
  files: Record<string, string>;
}

/**
 * One digest of the files `names` in `dir` (small files, read whole and at once): each file's
 * name and the sha256 of its bytes.
 */
async function folderDigest(dir: string, names: string[]): Promise<string> {
  const digests = await Promise.all(names.map((n) => readFile(join(dir, n)).then(sha256, () => undefined)));
  const h = createHash('sha256');
  for (const [i, n] of names.entries()) h.update(`${n}\0${digests[i] ?? 'unreadable'}\0`);
  return h.digest('hex');
}

const catalogDigest = async () => folderDigest(CATALOG_DIR, (await readdir(CATALOG_DIR)).sort());

const ANALYSIS_DIR = fileURLToPath(new URL('../analysis/', import.meta.url));
let analysisCode: Promise<string> | undefined;

/**
 * The analysis code's digest, taken once per process. A cache written by other code (a report
 * shaped differently, a check fixed) is recomputed even when the version is the same.
 */
export function analysisCodeDigest(): Promise<string> {
  analysisCode ??= readdir(ANALYSIS_DIR, { recursive: true }).then((names) =>
    folderDigest(ANALYSIS_DIR, names.filter((n) => n.endsWith('.ts')).sort()),
  );
  return analysisCode;
}

/**
 * What each input file looked like when a key was taken: size, modification and change times
 * (ns) and inode, and the clock when it was looked at. Kept beside the key, never part of it.
 */
export interface FileStats {
  at: number;
  files: Record<string, string>;
}

/** A cache file's first line: the key, and the stats of the files it was taken from. */
export interface CacheHead {
  key: CacheKey;
  stats?: FileStats;
}

/**
 * A file changed within this long before its stats were taken may change again with the same
 * stats (a file system stamps times at its own granularity: 2 s on FAT); it is read again.
 */
const SETTLE_NS = 3_000_000_000n;

/** The file's stats as one string, and whether it last changed before `by` (ns since the epoch). */
function fileStat(path: string, by: bigint): { line: string; settled: boolean } | undefined {
  try {
    const st = lstatSync(path, { bigint: true });
    const settled = st.mtimeNs < by && st.ctimeNs < by;
    return { line: `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}`, settled };
  } catch {
    return undefined;
  }
}

/** A key half taken: the files listed and looked at, the digests `last` vouches for kept. */
export interface KeyPlan {
  root: string;
  names: string[];
  skipped: string[];
  stats: FileStats;
  /** By position in `names`: the digest kept from `last`, or undefined where the file must be read. */
  kept: (string | undefined)[];
}

/**
 * The first half of `cacheKey`: list the input files and take their stats. A file whose stats are
 * those `last` recorded, and which had settled when they were recorded, keeps its digest from
 * `last` without being read, as git's index trusts a file's stat: the change time moves on any
 * write, even one that puts the modification time back.
 */
export async function planKey(dir: string, last?: CacheHead): Promise<KeyPlan> {
  // read while the inputs are listed and looked at; finishKey waits for it (and sees any failure)
  analysisCodeDigest().catch(() => {});
  const root = resolve(dir);
  const skipped: string[] = [];
  const names = (await listFiles(root, skipped)).filter((rel) => !isDecisionFile(rel));
  const stats: FileStats = { at: Date.now(), files: {} };
  // a file that changed after this had not settled when the last stats were taken
  const settledBy = last?.stats ? BigInt(last.stats.at) * 1_000_000n - SETTLE_NS : -1n;
  const kept: (string | undefined)[] = new Array(names.length);
  for (const [i, rel] of names.entries()) {
    const st = fileStat(join(root, rel), settledBy);
    if (st) stats.files[rel] = st.line;
    const known = last?.key.files[rel];
    const same = st?.settled && last?.stats?.files[rel] === st.line;
    if (same && known && known !== 'unreadable') kept[i] = known;
  }
  return { root, names, skipped, stats, kept };
}

/**
 * The second half: every file's digest, kept, or from `read` (the sha256 of the bytes a load read
 * after the stats were taken, by path in the folder), or else read and hashed now. Stats taken
 * before the bytes were read never vouch for newer bytes: a file written in between has a later
 * change time, so the next build reads it again.
 */
export async function finishKey(
  plan: KeyPlan,
  read?: ReadonlyMap<string, string>,
): Promise<Required<CacheHead>> {
  const { root, names, kept } = plan;
  const digests = names.map((rel, i) => kept[i] ?? read?.get(rel));
  const toRead = names.flatMap((_, i) => (digests[i] === undefined ? [i] : []));
  const fresh = await fileDigests(toRead.map((i) => join(root, names[i]!)));
  for (const [k, i] of toRead.entries()) digests[i] = fresh[k];
  // in the listing's order, so the key's JSON (and cacheDigest) is the same for the same inputs
  const files: Record<string, string> = {};
  // a file that cannot be read matches no cache: the load then reports why it cannot be read
  for (const [i, rel] of names.entries()) files[rel] = digests[i] ?? 'unreadable';
  for (const s of plan.skipped) files[s] = 'symlink';
  const [code, catalog] = await Promise.all([analysisCodeDigest(), catalogDigest()]);
  return { key: { version: VERSION, code, catalog, files }, stats: plan.stats };
}

/** The key of a client folder's inputs, with its files' stats (`planKey`, then `finishKey`). */
export async function cacheKey(dir: string, last?: CacheHead): Promise<Required<CacheHead>> {
  return finishKey(await planKey(dir, last));
}

/** One string for a key: what the site's page reuse records as "this analysis". */
export const cacheDigest = (key: CacheKey) => sha256(JSON.stringify(key));

export const cacheFile = (outDir: string) => join(outDir, '.cache', 'analysis.json');

/** A cache file's first line as read, and its length in bytes (where the analysis starts). */
export type HeadLine = CacheHead & { length: number };

/** The head line of the analysis cache in `outDir` (undefined when there is none to read). */
export const readCacheHead = (outDir: string): Promise<HeadLine | undefined> =>
  readKeyLine(cacheFile(outDir));

/** Why there is no cached analysis to compare a key with, when `readCacheHead` found none. */
export const noHeadReason = (outDir: string): string =>
  existsSync(cacheFile(outDir)) ? 'unreadable cache' : 'no cached analysis';

/** Why a cached analysis cannot be used for `key`, or null when it can. */
export function staleReason(cached: CacheKey | undefined, key: CacheKey): string | null {
  if (!cached) return 'no cached analysis';
  if (cached.version !== key.version) return `trueup version changed (${cached.version} → ${key.version})`;
  if (cached.code !== key.code) return 'trueup’s analysis code changed';
  if (cached.catalog !== key.catalog) return 'catalog changed';
  const names = [...new Set([...Object.keys(cached.files), ...Object.keys(key.files)])].sort();
  const changed = names.filter((n) => cached.files[n] !== key.files[n]);
  if (changed.length === 0) return null;
  const shown = changed.slice(0, 5).join(', ');
  return `inputs changed: ${shown}${changed.length > 5 ? ` and ${changed.length - 5} more` : ''}`;
}

/**
 * The cache file's first line: its key (and its files' stats), read alone so a stale cache is
 * recognised without parsing the 100+ MB analysis after it. Undefined when the file is missing or
 * not of this layout.
 */
async function readKeyLine(path: string): Promise<HeadLine | undefined> {
  const file = await open(path).catch(() => undefined);
  if (!file) return undefined;
  try {
    const decoder = new StringDecoder('utf8');
    const block = Buffer.alloc(1 << 16);
    let line = '';
    for (let at = 0; ; at += block.length) {
      const { bytesRead } = await file.read(block, 0, block.length, at);
      if (bytesRead === 0) return undefined;
      const end = block.subarray(0, bytesRead).indexOf(10); // '\n'
      line += decoder.write(block.subarray(0, end < 0 ? bytesRead : end));
      if (end >= 0) break;
    }
    const { stats, ...key } = JSON.parse(line) as CacheKey & { stats?: FileStats };
    if (typeof key?.version !== 'string' || typeof key.files !== 'object') return undefined;
    const known = typeof stats?.at === 'number' && typeof stats.files === 'object';
    return { key, ...(known ? { stats } : {}), length: Buffer.byteLength(line) + 1 };
  } catch {
    return undefined;
  } finally {
    await file.close();
  }
}

/**
 * What the cache holds besides the analysis itself: its JSON text (report.json copies the
 * stretches a Report shares with it) and the findings.csv rows of its findings.
 */
export interface CachedText {
  json: JsonReuse;
  csv: CsvReuse;
}

/** An analysis with the text the cache holds of it (read back, or just written where `cacheText`'s layout says). */
export function cachedText(
  analysis: Report,
  text: { body: JsonReuse['body']; spans: JsonSpans; csv: CsvReuse['text']; csvBlocks: [number, number][] },
): CachedText {
  return {
    json: { from: analysis, body: text.body, spans: text.spans },
    csv: {
      findings: analysis.findings,
      currency: analysis.client.currency,
      text: text.csv,
      blocks: text.csvBlocks,
    },
  };
}

/**
 * The cached analysis for `key`, with its text, or the reason it has to be recomputed. `head`: the
 * cache's first line, when the caller has read it already (`readCacheHead`).
 */
export async function readCache(
  outDir: string,
  key: CacheKey,
  head?: HeadLine,
): Promise<{ analysis: Report; reuse: CachedText; reason: null } | { analysis: null; reason: string }> {
  const path = cacheFile(outDir);
  head ??= await readKeyLine(path);
  const reason = head ? staleReason(head.key, key) : noHeadReason(outDir);
  if (reason !== null) return { analysis: null, reason };
  try {
    const cached = readBody(path, head!.length);
    if (!cached) return { analysis: null, reason: 'unreadable cache' };
    const analysis = parseLazily(cached.body, cached.trailer.spans);
    const reuse = cachedText(analysis, {
      body: cached.body,
      spans: cached.trailer.spans,
      csv: cached.csv,
      csvBlocks: cached.trailer.csvBlocks,
    });
    return { analysis, reuse, reason: null };
  } catch {
    return { analysis: null, reason: 'unreadable cache' };
  }
}

/**
 * The cache file's analysis and findings.csv text as stretches of the file, read when needed,
 * and its trailer (the last line; JSON has no bare line feed, the CSV before it ends in one).
 * Undefined when their lengths do not add up or a byte of either is not ASCII.
 */
function readBody(
  path: string,
  bodyStart: number,
): { body: FileBytes; csv: FileBytes; trailer: Trailer } | undefined {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const tail = lastLine(fd, size);
    if (!tail) return undefined;
    const trailer = JSON.parse(tail.text) as Trailer;
    const csvStart = bodyStart + trailer.bodyBytes;
    if (
      typeof trailer.spans !== 'object' ||
      !Array.isArray(trailer.csvBlocks) ||
      csvStart + trailer.csvBytes !== tail.start - 1
    )
      return undefined;
    const body = new FileBytes(path, fd, bodyStart, trailer.bodyBytes);
    const csv = new FileBytes(path, fd, csvStart, trailer.csvBytes);
    // ASCII throughout, so Latin-1 decodes it exactly; checked through one reused buffer
    return body.isAscii() ? { body, csv, trailer } : undefined;
  } finally {
    closeSync(fd);
  }
}

/** The text after the last line feed of the file open as `fd`, and where it starts. */
function lastLine(fd: number, size: number): { text: string; start: number } | undefined {
  const chunks: Buffer[] = [];
  for (let end = size; end > 0; ) {
    const n = Math.min(1 << 16, end);
    const chunk = Buffer.allocUnsafe(n);
    if (readSync(fd, chunk, 0, n, end - n) !== n) return undefined;
    end -= n;
    const lf = chunk.lastIndexOf(10);
    chunks.unshift(lf < 0 ? chunk : chunk.subarray(lf + 1));
    if (lf >= 0) return { text: Buffer.concat(chunks).toString('latin1'), start: end + lf + 1 };
  }
  return undefined;
}

/** A family's data is parsed when first read if it is at least this long (bytes of JSON). */
const LAZY_DATA_BYTES = 1 << 18;

/**
 * The analysis from its JSON text (ASCII, decoded as Latin-1: exact for ASCII and faster than
 * UTF-8), each family's large `data` left as text until something reads it. A rebuild renders
 * the family pages and print chapters it keeps from nothing (page-reuse.ts), and copies their
 * text into report.json (jsonChunks) and their sheets into findings.xlsx: at 200,000 devices
 * it never reads most of the 66 MB of family data.
 */
function parseLazily(body: FileBytes, spans: JsonSpans): Report {
  const lazy = FAMILIES.map((family) => ({ family, span: spans[jsonPath(['families', family, 'data'])] }))
    .filter(
      (x): x is { family: Family; span: [number, number] } =>
        !!x.span && x.span[1] - x.span[0] >= LAZY_DATA_BYTES,
    )
    .sort((a, b) => a.span[0] - b.span[0]);
  // the text without the lazy data, each left as `null`, read straight into one buffer
  const eager: [number, number][] = [];
  let at = 0;
  for (const { span } of lazy) {
    eager.push([at, span[0]]);
    at = span[1];
  }
  eager.push([at, body.length]);
  const text = Buffer.allocUnsafe(eager.reduce((n, [a, b]) => n + b - a, 0) + 4 * lazy.length);
  let pos = 0;
  for (const [i, [a, b]] of eager.entries()) {
    if (i) pos += text.write('null', pos, 'latin1');
    body.copyInto(text, pos, a, b);
    pos += b - a;
  }
  const analysis = JSON.parse(text.toString('latin1')) as Report;
  for (const { family, span } of lazy) {
    const holder = analysis.families[family];
    if (holder) parsedWhenRead(holder, 'data', () => body.copy(span[0], span[1]));
  }
  return analysis;
}

/** `obj[key]` becomes the value the JSON `read` gives holds, parsed when first read (in place: key order is kept). */
function parsedWhenRead(obj: object, key: string, read: () => Buffer): void {
  const settle = (value: unknown) =>
    Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(obj, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = JSON.parse(read().toString('latin1')) as unknown;
      settle(value);
      return value;
    },
    set: settle,
  });
}

/** The cache file's last line: the lengths of the analysis's JSON and CSV, and where their parts lie. */
interface Trailer {
  bodyBytes: number;
  spans: JsonSpans;
  csvBytes: number;
  csvBlocks: [number, number][];
}

/** Where `cacheText` put the analysis's JSON and its findings.csv, and their parts, in the file. */
export interface CacheLayout {
  /** [start, end) of the JSON in the file */
  body: [number, number];
  spans: JsonSpans;
  /** [start, end) of the CSV in the file */
  csv: [number, number];
  csvBlocks: [number, number][];
}

/**
 * The cache file: the key on the first line (with its files' `stats`, when given); the analysis
 * as ASCII JSON (`jsonBytes`: `\u00d7` for ×, read back without UTF-8 decoding, 0.6 s against
 * 1.05 s for the 111 MB analysis of 200,000 devices); the findings.csv of its findings; then a
 * line saying where the parts of both lie (`Trailer`). Written in packed pieces, each valid until
 * the next is taken: the text is not kept. `layout`, when given, learns where everything went, so
 * the exports can copy their shared parts from the file (`cachedText`).
 */
export function* cacheText(
  key: CacheKey,
  analysis: Report,
  layout?: CacheLayout,
  stats?: FileStats,
): Generator<string | Uint8Array> {
  const head = `${asciiOnly(JSON.stringify(stats ? { ...key, stats } : key))}\n`;
  yield head;
  const spans: JsonSpans = layout?.spans ?? {};
  const csvBlocks: [number, number][] = layout?.csvBlocks ?? [];
  const bodyBytes = yield* jsonBytes(analysis, { spans });
  const csvBytes = yield* packedBytes(findingsCsvPieces(analysis, { blocks: csvBlocks }), 'utf8');
  if (layout) {
    // the head is ASCII: a character is a byte
    layout.body = [head.length, head.length + bodyBytes];
    layout.csv = [head.length + bodyBytes, head.length + bodyBytes + csvBytes];
  }
  yield `\n${JSON.stringify({ bodyBytes, spans, csvBytes, csvBlocks } satisfies Trailer)}`;
}

/** A layout for `cacheText` to fill. */
export function emptyLayout(): CacheLayout {
  return { body: [0, 0], spans: {}, csv: [0, 0], csvBlocks: [] };
}
