import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Report } from '../analysis/model/report.ts';

export const TEMPLATES_DIR = new URL('../../templates/', import.meta.url).pathname;

/**
 * Narrative per report section: templates/<name>.mdx, overridden by the client's
 * workbook/sections/<name>.mdx. A client section with no template is kept too.
 */
export async function resolveSections(
  overrides: Record<string, string>,
  dir: string = TEMPLATES_DIR,
): Promise<Report['sections']> {
  const out: Report['sections'] = {};
  let names: string[] = [];
  try {
    names = (await readdir(dir)).filter((f) => f.endsWith('.mdx')).sort();
  } catch {
    names = [];
  }
  for (const f of names) {
    const name = f.replace(/\.mdx$/, '');
    out[name] = { source: 'template', mdx: await readFile(join(dir, f), 'utf8') };
  }
  for (const [name, mdx] of Object.entries(overrides).sort()) out[name] = { source: 'client', mdx };
  return out;
}
