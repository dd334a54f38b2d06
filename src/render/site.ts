import { cp, mkdir, readdir, rename, rm, rmdir } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { build } from 'astro';
import type { Report } from '../analysis/model/report.ts';
import { provideKeptChapters, provideKeptRoutes } from '../lib/kept-routes.ts';
import { provideReport } from '../lib/report.ts';
import { copyKept, planReuse, writeManifest } from './page-reuse.ts';

/** One build at a time: Astro reads the Report through process.env, which is process-wide. */
let queue: Promise<unknown> = Promise.resolve();
let builds = 0;

/**
 * A fresh folder inside the working directory for each build. Astro writes its prerender chunks
 * next to outDir only when outDir lies below the cwd (else into one shared `<cwd>/.astro/`), and
 * Node caches imported chunks by URL: a reused path would render an earlier client's pages, and
 * two processes would overwrite each other's chunks.
 */
function stagingDir(root: string): string {
  const cwd = process.cwd();
  const base =
    resolve(root).startsWith(cwd + sep) || resolve(root) === cwd ? join(root, '.cache') : join(cwd, '.astro');
  return join(base, 'site-build', `${process.pid}-${++builds}`);
}

/** Move a finished build into place (rename, or copy across file systems). */
async function moveInto(from: string, to: string): Promise<void> {
  await rm(to, { recursive: true, force: true });
  await mkdir(dirname(to), { recursive: true });
  try {
    await rename(from, to);
  } catch {
    await cp(from, to, { recursive: true });
    await rm(from, { recursive: true, force: true });
  }
}

/**
 * Build the static site for one Report (report.json) into `outDir`. `root` is the repository
 * root (where astro.config.mjs and src/pages live). Safe to call repeatedly in one process, for
 * different clients: calls are serialised and each one points TRUEUP_REPORT at its own file.
 */
export function buildSite(opts: {
  reportPath: string;
  outDir: string;
  root: string;
  /** The Report just written to `reportPath`, to render without parsing the file again. */
  report?: Report;
  /**
   * Identifies the analysis `report` was made from (the analysis cache key): register and id
   * index pages whose content is unchanged since the last build into `outDir` are then kept
   * instead of rendered (src/render/page-reuse.ts).
   */
  analysis?: string;
}): Promise<{
  pages: number;
  keyed: number;
  kept: number;
  chapters: number;
  keptChapters: number;
  ms: number;
}> {
  const run = queue.then(() => buildOnce(opts));
  queue = run.catch(() => undefined);
  return run;
}

async function buildOnce(opts: {
  reportPath: string;
  outDir: string;
  root: string;
  report?: Report;
  analysis?: string;
}) {
  const t0 = performance.now();
  const outDir = resolve(opts.outDir);
  const reuse =
    opts.report && opts.analysis
      ? await planReuse({ root: opts.root, siteDir: outDir, report: opts.report, analysis: opts.analysis })
      : undefined;
  const saved = { report: process.env.TRUEUP_REPORT, out: process.env.TRUEUP_SITE_OUT };
  process.env.TRUEUP_SITE_OUT = outDir;
  process.env.TRUEUP_REPORT = resolve(opts.reportPath);
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  const staging = stagingDir(opts.root);
  provideReport(process.env.TRUEUP_REPORT, opts.report);
  provideKeptRoutes(reuse && new Set(reuse.kept.keys()));
  provideKeptChapters(reuse?.keptChapters);
  try {
    await build({ root: resolve(opts.root), outDir: staging, logLevel: 'error', mode: 'production' });
    await rm(join(staging, '.prerender'), { recursive: true, force: true });
    if (reuse) await copyKept(reuse, outDir, staging);
    await moveInto(staging, outDir);
    if (reuse) await writeManifest(reuse, outDir);
  } finally {
    provideReport(process.env.TRUEUP_REPORT, undefined);
    provideKeptRoutes(undefined);
    provideKeptChapters(undefined);
    restore('TRUEUP_REPORT', saved.report);
    restore('TRUEUP_SITE_OUT', saved.out);
    await rm(staging, { recursive: true, force: true });
    await rmdir(dirname(staging)).catch(() => undefined); // only when no other build uses it
  }
  const pages = await countPages(outDir);
  return {
    pages,
    keyed: reuse?.keys.size ?? 0,
    kept: reuse?.kept.size ?? 0,
    chapters: reuse?.chapterKeys.size ?? 0,
    keptChapters: reuse?.keptChapters.size ?? 0,
    ms: Math.round(performance.now() - t0),
  };
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Pages written (asset URLs are made relative as each page renders: src/middleware.ts). */
async function countPages(outDir: string): Promise<number> {
  return (await htmlFiles(outDir)).length;
}
