import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { loadCatalog } from '../../src/analysis/load/catalog.ts';
import { loadClientFolder } from '../../src/analysis/load/client-folder.ts';
import type { Report } from '../../src/analysis/model/report.ts';
import { buildReport } from '../../src/analysis/report/build-report.ts';
import { buildSite } from '../../src/render/site.ts';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface BuiltFixture {
  report: Report;
  reportPath: string;
  siteDir: string;
  tmp: string;
  buildMs: number;
  cleanup: () => Promise<void>;
}

/** Report → report.json → site, in a temp folder; for a test file's beforeAll. */
export async function buildFixtureSite(
  fixtureDir: string,
  edit?: (report: Report) => void,
): Promise<BuiltFixture> {
  const tmp = await mkdtemp(join(tmpdir(), 'trueup-render-'));
  const catalog = await loadCatalog();
  const report = buildReport(await loadClientFolder(resolve(ROOT, fixtureDir), catalog), catalog);
  edit?.(report);
  const reportPath = join(tmp, 'report.json');
  await writeFile(reportPath, JSON.stringify(report));
  const siteDir = join(tmp, 'site');
  const { ms } = await buildSite({ reportPath, outDir: siteDir, root: ROOT });
  return {
    report,
    reportPath,
    siteDir,
    tmp,
    buildMs: ms,
    cleanup: () => rm(tmp, { recursive: true, force: true }),
  };
}

/** Every page of a built site as a route: index.html files → `/`, `/va/campus/`, … */
export async function siteRoutes(siteDir: string): Promise<string[]> {
  const entries = await readdir(siteDir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name === 'index.html')
    .map((e) => {
      const dir = relative(siteDir, e.parentPath).split(sep).join('/');
      return dir ? `/${dir}/` : '/';
    })
    .sort();
}

/** A one-page site whose page loads a remote image (to check that printing blocks it). */
export async function remoteImageSite(): Promise<{ siteDir: string; cleanup: () => Promise<void> }> {
  const siteDir = await mkdtemp(join(tmpdir(), 'trueup-remote-'));
  await mkdir(join(siteDir, 'remote'));
  await writeFile(
    join(siteDir, 'remote', 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"><title>remote</title></head>' +
      '<body><h1>Remote image</h1><img src="https://example.com/x.png" alt="remote"></body></html>',
  );
  return { siteDir, cleanup: () => rm(siteDir, { recursive: true, force: true }) };
}
