import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { generateClient } from '../../src/generate/generate.ts';
import { readLicenceCatalog, writeClientFolder } from '../../src/generate/io.ts';
import type { Planted } from '../../src/generate/planted.ts';
import { DEMO_PROFILE, syntheticProfile } from '../../src/generate/profile.ts';

export type Rows = Record<string, string>[];

/** Generate a client into a fresh temp folder; the tests then read only the files. */
export function generateToDisk(opts: { id: string; seed: string; devices: number; demo?: boolean }): {
  folder: string;
  planted: Planted;
} {
  const root = mkdtempSync(join(tmpdir(), 'trueup-gen-'));
  const folder = join(root, opts.id);
  const client = generateClient({
    id: opts.id,
    seed: opts.seed,
    devices: opts.devices,
    profile: opts.demo ? DEMO_PROFILE : syntheticProfile(opts.id),
    catalog: readLicenceCatalog(),
  });
  writeClientFolder(folder, client);
  const planted = JSON.parse(readFileSync(`${folder}.planted.json`, 'utf8')) as Planted;
  return { folder, planted };
}

export function readCsv(folder: string, path: string): { header: string[]; rows: Rows } {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(join(folder, path), 'utf8'), {
    header: true,
    skipEmptyLines: 'greedy',
  });
  return { header: parsed.meta.fields ?? [], rows: parsed.data };
}

export function listCaptures(folder: string): string[] {
  return readdirSync(join(folder, 'captures')).sort();
}

/** `name:count;name:count` → pairs. */
export function licenceList(cell: string): [string, number][] {
  return cell
    .split(';')
    .filter(Boolean)
    .map((p) => {
      const i = p.lastIndexOf(':');
      return [p.slice(0, i), Number(p.slice(i + 1))];
    });
}

export function days(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
