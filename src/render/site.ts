import { cp, mkdir, readdir, rename, rm, rmdir } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Report } from '../analysis/model/report.ts';
import { provideKeptChapters, provideKeptRoutes } from '../lib/kept-routes.ts';
import { provideReport } from '../lib/report.ts';
import { codeDigest, copyKept, planReuse, writeManifest } from './page-reuse.ts';
import { bundleKeeper, bundleStore, keptBundle, loadBundle, renderFromBundle } from './site-bundle.ts';

/** One build at a time: Astro reads the Report through process.env, which is process-wide. */
let queue: Promise<unknown> = Promise.resolve();
let builds = 0;

/**
 * A fresh folder for each build. Astro writes its prerender chunks next to outDir only when
 * outDir lies below the cwd (else into one shared `<cwd>/.astro/`), and Node caches imported
 * chunks by URL: a reused path would render an earlier client's pages, and two processes would
 * overwrite each other's chunks. A site rendered from a kept bundle (`fromBundle`) is always
 * staged below the root, where the bundle's imports of node_modules resolve.
 */
function stagingDir(root: string, fromBundle = false): string {
  const cwd = process.cwd();
  const belowCwd = resolve(root).startsWith(cwd + sep) || resolve(root) === cwd;
  const base = fromBundle || belowCwd ? join(root, '.cache') : join(cwd, '.astro');
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

export interface SiteBuildOptions {
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
  /** Where Astro's bundles are kept (default `<root>/.cache/site-bundle`); `reuse: false` bundles afresh. */
  bundle?: { store?: string; reuse?: boolean };
}

export interface SiteBuilt {
  pages: number;
  keyed: number;
  kept: number;
  chapters: number;
  keptChapters: number;
  /** Whether the pages were rendered from a bundle kept by an earlier build, and if not why. */
  bundle: { kept: true } | { kept: false; why: string };
  ms: number;
}

/**
 * Build the static site for one Report (report.json) into `outDir`. `root` is the repository
 * root (where astro.config.mjs and src/pages live). Safe to call repeatedly in one process, for
 * different clients: calls are serialised and each one points TRUEUP_REPORT at its own file.
 */
export function buildSite(opts: SiteBuildOptions): Promise<SiteBuilt> {
  const run = queue.then(() => buildOnce(opts));
  queue = run.catch(() => undefined);
  return run;
}

async function buildOnce(opts: SiteBuildOptions): Promise<SiteBuilt> {
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
  provideReport(process.env.TRUEUP_REPORT, opts.report);
  provideKeptRoutes(reuse && new Set(reuse.kept.keys()));
  provideKeptChapters(reuse?.keptChapters);
  const store = opts.bundle?.store ?? bundleStore(opts.root);
  const digest = await codeDigest(opts.root);
  const found =
    opts.bundle?.reuse === false ? { reason: 'asked to bundle afresh' } : await keptBundle(store, digest);
  let bundle: SiteBuilt['bundle'] = { kept: false, why: 'reason' in found ? found.reason : '' };
  let staging: string | undefined;
  try {
    if ('bundle' in found) {
      staging = stagingDir(opts.root, true);
      // a bundle that cannot be loaded is bundled again; a page that fails to render fails the build
      const loaded = await loadBundle(found.bundle, staging).catch((e: Error) => {
        bundle = { kept: false, why: `the kept bundle could not be loaded (${e.message})` };
        return undefined;
      });
      if (loaded) {
        await renderFromBundle(found.bundle, loaded, staging);
        bundle = { kept: true };
      } else await removeStaging(staging);
    }
    if (!bundle.kept) {
      staging = stagingDir(opts.root);
      const keeper = bundleKeeper(staging, store, digest);
      const { build } = await import('astro');
      try {
        await build({
          root: resolve(opts.root),
          outDir: staging,
          logLevel: 'error',
          mode: 'production',
          integrations: [keeper.integration],
        });
        // a store that cannot be written (a read-only install) only means the next build bundles again
        await keeper.keep().catch(() => undefined);
      } finally {
        await keeper.discard();
      }
    }
    await rm(join(staging!, '.prerender'), { recursive: true, force: true });
    if (reuse) await copyKept(reuse, outDir, staging!);
    await moveInto(staging!, outDir);
    if (reuse) await writeManifest(reuse, outDir);
  } finally {
    provideReport(process.env.TRUEUP_REPORT, undefined);
    provideKeptRoutes(undefined);
    provideKeptChapters(undefined);
    restore('TRUEUP_REPORT', saved.report);
    restore('TRUEUP_SITE_OUT', saved.out);
    if (staging) await removeStaging(staging);
  }
  const pages = await countPages(outDir);
  return {
    pages,
    keyed: reuse?.keys.size ?? 0,
    kept: reuse?.kept.size ?? 0,
    chapters: reuse?.chapterKeys.size ?? 0,
    keptChapters: reuse?.keptChapters.size ?? 0,
    bundle,
    ms: Math.round(performance.now() - t0),
  };
}

async function removeStaging(staging: string): Promise<void> {
  await rm(staging, { recursive: true, force: true });
  await rmdir(dirname(staging)).catch(() => undefined); // only when no other build uses it
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
