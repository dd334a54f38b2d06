import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SUPPORTED } from '../../src/analysis/load/captures/commands.ts';

/**
 * The shared corpus lives beside the repository (`<repo>/../shared/corpus`): CI clones the repo
 * next to `shared/`. Tests fail, not skip, when it is missing.
 */
export const CORPUS_DIR = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
export const CORPUS_PRESENT = existsSync(`${CORPUS_DIR}manifest.json`);
export const MISSING_MESSAGE = `corpus not found at ${CORPUS_DIR}: clone the repository next to shared/ (expected <repo>/../shared/corpus/manifest.json)`;

export interface Sample {
  path: string;
  source: string;
  os: string;
  command: string;
  expected?: string;
}

export const READ_COMMANDS: readonly string[] = SUPPORTED;

/** Every sample of a command the reader supports (filtered `| inc` variants included: they must be refused cleanly). */
export function samples(): Sample[] {
  if (!CORPUS_PRESENT) return [];
  const m = JSON.parse(readFileSync(`${CORPUS_DIR}manifest.json`, 'utf8')) as { samples: Sample[] };
  return m.samples.filter((s) => READ_COMMANDS.includes(s.command.replace(/\s*\|.*$/, '')));
}

export function readSample(s: Sample): string {
  return readFileSync(CORPUS_DIR + s.path, 'utf8');
}

export function readExpected(s: Sample): unknown {
  if (!s.expected) return undefined;
  const p = s.expected.includes('/') ? s.expected : s.path.replace(/[^/]+$/, s.expected);
  return existsSync(CORPUS_DIR + p) ? JSON.parse(readFileSync(CORPUS_DIR + p, 'utf8')) : undefined;
}
