import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { buildSite } from '../../src/render/site.ts';
import { ROOT } from './helpers.ts';

async function pages(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const html = entries.filter((e) => e.isFile() && e.name.endsWith('.html'));
  return new Map(
    await Promise.all(
      html.map(async (e) => {
        const file = join(e.parentPath, e.name);
        return [relative(dir, file), await readFile(file, 'utf8')] as const;
      }),
    ),
  );
}

/**
 * `trueup build` hands the site the Report it has just written, in memory; the pages must be the
 * ones report.json alone gives (what `trueup dev` and a rebuild from the file render).
 */
describe('the site rendered from the build’s in-memory Report', () => {
  const demo = join(inject('demoOut'), 'demo');
  let tmp = '';
  afterAll(() => (tmp ? rm(tmp, { recursive: true, force: true }) : undefined));

  it('is byte-identical to the site rendered from report.json', async () => {
    tmp = await mkdtemp(join(tmpdir(), 'trueup-file-site-'));
    await buildSite({ reportPath: join(demo, 'report.json'), outDir: join(tmp, 'site'), root: ROOT });
    const fromMemory = await pages(join(demo, 'site'));
    const fromFile = await pages(join(tmp, 'site'));
    expect([...fromFile.keys()].sort()).toEqual([...fromMemory.keys()].sort());
    for (const [page, html] of fromFile) expect(fromMemory.get(page), page).toBe(html);
  }, 180_000);
});
