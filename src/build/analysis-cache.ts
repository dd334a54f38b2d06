import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CATALOG_DIR } from '../analysis/load/catalog.ts';
import { isDecisionFile, listFiles } from '../analysis/load/client-folder.ts';
import type { Report } from '../analysis/model/report.ts';
import { VERSION } from '../analysis/report/build-report.ts';
import { jsonChunks } from '../export/json-chunks.ts';

/**
 * The analysis of a client folder, cached in `<out>/<id>/.cache/analysis.json` and keyed by the
 * sha256 of every input file's bytes (all but the decision files: workbook/findings.yaml and
 * workbook/sections/*.mdx, which are applied after the cache), the catalog's files and the trueup
 * version. A hit skips loading and analysis; the reason for a miss is logged.
 */
export interface CacheKey {
  version: string;
  catalog: string;
  /** Input file (relative to the client folder) → sha256 of its bytes. */
  files: Record<string, string>;
}

interface CacheFile {
  key: CacheKey;
  /** The Report before workbook decisions (`analyseInputs`). */
  analysis: Report;
}

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

async function catalogDigest(): Promise<string> {
  const names = (await readdir(CATALOG_DIR)).sort();
  const h = createHash('sha256');
  for (const n of names) h.update(`${n}\0${sha256(await readFile(join(CATALOG_DIR, n)))}\0`);
  return h.digest('hex');
}

export async function cacheKey(dir: string): Promise<CacheKey> {
  const root = resolve(dir);
  const skipped: string[] = [];
  const files: Record<string, string> = {};
  for (const rel of await listFiles(root, skipped)) {
    if (isDecisionFile(rel)) continue;
    files[rel] = sha256(await readFile(join(root, rel)));
  }
  for (const s of skipped) files[s] = 'symlink';
  return { version: VERSION, catalog: await catalogDigest(), files };
}

export const cacheFile = (outDir: string) => join(outDir, '.cache', 'analysis.json');

/** Why a cached analysis cannot be used for `key`, or null when it can. */
export function staleReason(cached: CacheKey | undefined, key: CacheKey): string | null {
  if (!cached) return 'no cached analysis';
  if (cached.version !== key.version) return `trueup version changed (${cached.version} → ${key.version})`;
  if (cached.catalog !== key.catalog) return 'catalog changed';
  const names = [...new Set([...Object.keys(cached.files), ...Object.keys(key.files)])].sort();
  const changed = names.filter((n) => cached.files[n] !== key.files[n]);
  if (changed.length === 0) return null;
  const shown = changed.slice(0, 5).join(', ');
  return `inputs changed: ${shown}${changed.length > 5 ? ` and ${changed.length - 5} more` : ''}`;
}

/** The cached analysis for `key`, or the reason it has to be recomputed. */
export async function readCache(
  outDir: string,
  key: CacheKey,
): Promise<{ analysis: Report; reason: null } | { analysis: null; reason: string }> {
  let cached: CacheFile | undefined;
  try {
    cached = JSON.parse(await readFile(cacheFile(outDir), 'utf8')) as CacheFile;
  } catch {
    cached = undefined;
  }
  const reason = staleReason(cached?.key, key);
  return reason === null && cached
    ? { analysis: cached.analysis, reason: null }
    : { analysis: null, reason: reason ?? 'unreadable cache' };
}

/** The cache file's JSON, in pieces (`jsonChunks`): no 100 MB string at 200k devices. */
export function cacheText(key: CacheKey, analysis: Report): Iterable<string> {
  return jsonChunks({ key, analysis } satisfies CacheFile);
}
