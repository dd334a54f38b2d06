import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { GeneratedClient } from './generate.ts';
import { type GenLicence, parseLicenceCatalog } from './licence-catalog.ts';

/** The only file I/O of the generator: read the licence catalog, write a client folder. */

const CATALOG = new URL('../../data/catalog/licences.csv', import.meta.url);

export function readLicenceCatalog(path: string | URL = CATALOG): GenLicence[] {
  return parseLicenceCatalog(readFileSync(path, 'utf8'));
}

/** What a generated folder owns; other files (workbook/, README) survive a regeneration. */
const OWNED = ['client.yaml', 'cssm', 'legacy', 'inventory', 'captures', 'contracts'];

/**
 * Write the folder and `<folder>.planted.json` beside it (outside the folder, so loaders never see
 * it). Chunks are written one by one; no file is built as one giant string.
 */
export function writeClientFolder(folder: string, client: GeneratedClient): { bytes: number; files: number } {
  for (const name of OWNED) rmSync(join(folder, name), { recursive: true, force: true });
  let bytes = 0;
  const dirs = new Set<string>();
  for (const f of client.files) {
    const path = join(folder, f.path);
    const dir = dirname(path);
    if (!dirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      dirs.add(dir);
    }
    if (f.chunks.length === 1) {
      writeFileSync(path, f.chunks[0]!);
      bytes += Buffer.byteLength(f.chunks[0]!);
      continue;
    }
    const fd = openSync(path, 'w');
    try {
      for (const c of f.chunks) bytes += writeSync(fd, c);
    } finally {
      closeSync(fd);
    }
  }
  writeFileSync(`${folder.replace(/\/+$/, '')}.planted.json`, `${JSON.stringify(client.planted, null, 2)}\n`);
  return { bytes, files: client.files.length };
}
