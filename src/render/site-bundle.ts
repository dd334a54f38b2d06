import { cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroIntegration, AstroPrerenderer } from 'astro';
import { fileDigests } from '../lib/sha256.ts';

/**
 * Astro's prerender bundle of the site, kept between builds. Every build used to bundle the
 * pages again with Vite (about 1.5 s at 200,000 devices, plus 0.9 s to load Astro's build code)
 * although the bundle depends only on the site's code: pages read the Report through a process
 * global when they render, and templates and narratives are read as data. So the first build
 * of a version of the code keeps the bundle Astro renders from, with what its build environment
 * reads from Astro's options at render time (the injected scripts) and the files the build
 * emitted beside the pages (fonts), under `<root>/.cache/site-bundle/<code digest>/`. Later
 * builds render the same routes from it in Astro's own way (StaticPaths, then `app.render` per
 * path, one at a time, as `astro build` does), and write the same bytes (test/render/site-bundle.test.ts).
 * The bundle holds code only, no client data: it is shared by every client built from this
 * code. It is read only from below the repository root, where its imports of node_modules
 * resolve.
 */
const VERSION = 1;

/** A bundle being kept is written aside first; one this old was left by a build that stopped. */
const STALE_ASIDE_MS = 10 * 60_000;

/** A kept bundle's record: its entry, what the build environment reads from Astro's options, its files. */
interface BundleMeta {
  version: number;
  /** the prerender entry, relative to the bundle folder */
  entry: string;
  /** the scripts integrations injected (settings.scripts) */
  scripts: unknown[];
  /** sha256 of every file kept (`bundle/…`, `assets/…`): a copy that differs is not run */
  files: Record<string, string>;
}

/** The parts of Astro's build app (the prerender entry's `app`) that rendering from a kept bundle uses. */
interface BuildApp {
  manifest: { routes: { routeData: RouteData & { route: string }; styles: unknown[] }[] };
  logger: unknown;
  setInternals(internals: unknown): void;
  setOptions(options: unknown): void;
  getOptions(): { settings: { scripts: unknown[] } };
  render(request: Request, options: { routeData: RouteData }): Promise<Response>;
}

interface RouteData {
  type: string;
  component: string;
}

export const bundleStore = (root: string) => join(root, '.cache', 'site-bundle');

/** A kept bundle: its folder under the store and what its build environment needs. */
export interface KeptBundle {
  dir: string;
  meta: BundleMeta;
}

/** The bundle kept for this code, or why there is none. */
export async function keptBundle(
  store: string,
  digest: string,
): Promise<{ bundle: KeptBundle } | { reason: string }> {
  const dir = join(store, digest);
  let meta: BundleMeta;
  try {
    meta = JSON.parse(await readFile(join(dir, 'bundle.json'), 'utf8')) as BundleMeta;
  } catch {
    return { reason: 'no bundle kept for this version of the code' };
  }
  if (meta.version !== VERSION || !meta.files || !Array.isArray(meta.scripts))
    return { reason: 'the kept bundle was written by another version of trueup' };
  // the entry is one of the files whose digests are checked, never a path elsewhere
  if (!Object.hasOwn(meta.files, `bundle/${meta.entry}`))
    return { reason: 'the kept bundle does not list its entry among its files' };
  return { bundle: { dir, meta } };
}

const prerenderEntry = async (dir: string) =>
  (await readdir(dir)).find((f) => f.startsWith('prerender-entry') && f.endsWith('.mjs'));

/**
 * An integration for one `astro build` into `staging`: it wraps Astro's default prerenderer to
 * copy the bundle once loaded, before Astro deletes it. `keep`
 * then stores bundle, notes and the emitted assets as `<store>/<digest>/` once the build has
 * succeeded (written aside and renamed, so a concurrent build never reads half of one), and
 * removes bundles of other versions of the code; `discard` drops the copy when the build failed.
 */
export function bundleKeeper(staging: string, store: string, digest: string) {
  const prerenderDir = join(staging, '.prerender');
  const aside = join(store, `.writing-${process.pid}-${Date.now()}`);
  let meta: Omit<BundleMeta, 'files'> | undefined;
  const integration: AstroIntegration = {
    name: 'trueup:keep-bundle',
    hooks: {
      'astro:build:start': ({ setPrerenderer }) => {
        setPrerenderer((astro) => {
          const wrapped: AstroPrerenderer = {
            name: 'trueup:keep-bundle',
            async setup() {
              await astro.setup?.();
              const entry = await prerenderEntry(prerenderDir).catch(() => undefined);
              const { app } = astro as { app?: BuildApp };
              // nothing to keep: the build goes on as Astro's own
              if (!entry || !app) return;
              meta = { version: VERSION, entry, scripts: app.getOptions().settings.scripts };
              await cp(prerenderDir, join(aside, 'bundle'), { recursive: true });
            },
            getStaticPaths: () => astro.getStaticPaths(),
            render: (request, options) => astro.render(request, options),
            teardown: async () => astro.teardown?.(),
          };
          return wrapped;
        });
      },
    },
  };
  const keep = async (): Promise<void> => {
    try {
      if (!meta) return;
      // what the build wrote beside the pages (fonts): copied into each site rendered from the bundle
      for (const e of await readdir(staging, { withFileTypes: true, recursive: true })) {
        const from = join(e.parentPath, e.name);
        const rel = relative(staging, from);
        if (!e.isFile() || e.name.endsWith('.html') || rel.startsWith('.prerender')) continue;
        await mkdir(dirname(join(aside, 'assets', rel)), { recursive: true });
        await cp(from, join(aside, 'assets', rel));
      }
      await writeFile(
        join(aside, 'bundle.json'),
        JSON.stringify({ ...meta, files: await digestsBelow(aside) }),
      );
      // replaces a bundle that failed its check; a concurrent build that kept the same code first
      // wins the rename, and a build copying the one removed finds its copy incomplete and bundles
      const target = join(store, digest);
      await rm(target, { recursive: true, force: true });
      await rename(aside, target).catch(() => undefined);
      // other versions' bundles, and what a build stopped while keeping one left aside
      for (const e of await readdir(store, { withFileTypes: true })) {
        const path = join(store, e.name);
        const stale = e.name.startsWith('.writing-')
          ? Date.now() - ((await stat(path).catch(() => undefined))?.mtimeMs ?? Date.now()) > STALE_ASIDE_MS
          : e.name !== digest;
        if (e.isDirectory() && stale) await rm(path, { recursive: true, force: true });
      }
    } finally {
      await rm(aside, { recursive: true, force: true });
    }
  };
  /** What a failed build copied aside is not kept. */
  const discard = () => rm(aside, { recursive: true, force: true });
  return { integration, keep, discard };
}

/** Astro's own modules that rendering from a bundle needs (not exported: the version is pinned). */
async function astroInternals() {
  const dist = new URL('./', import.meta.resolve('astro'));
  const [{ StaticPaths }, { createRequest }] = await Promise.all([
    import(new URL('runtime/prerender/static-paths.js', dist).href),
    import(new URL('core/request.js', dist).href),
  ]);
  return {
    StaticPaths: StaticPaths as new (
      app: BuildApp,
    ) => { getAll(): Promise<{ pathname: string; route: RouteData }[]> },
    createRequest: createRequest as (o: {
      url: URL;
      headers: Headers;
      logger: unknown;
      isPrerendered: boolean;
      routePattern: string;
    }) => Request,
  };
}

/** Astro's log events at level error, as `astro build` with `logLevel: 'error'` prints them. */
const errorsOnly = {
  write(event: { level: string; label?: string | null; message: string }) {
    if (event.level === 'error')
      process.stderr.write(`${event.label ? `[${event.label}] ` : ''}${event.message}\n`);
    return true;
  },
};

/** sha256 of every file below `dir`, by path relative to it (with `/`). */
async function digestsBelow(dir: string): Promise<Record<string, string>> {
  const files = (await readdir(dir, { withFileTypes: true, recursive: true }))
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
  const digests = await fileDigests(files);
  return Object.fromEntries(
    files.map((f, i) => [relative(dir, f).split(sep).join('/'), digests[i] ?? '']).sort(),
  );
}

/**
 * Copy a kept bundle into `staging` (the bundle as `.prerender/`, its assets beside the pages to
 * come), check the copies against the digests recorded when it was kept, and load it. A fresh copy
 * per build, as Astro's own: Node keeps one module per URL, and a second build in one process
 * must not render with the first one's module state. Throws when the copy differs or cannot be
 * loaded; the caller then bundles with Astro.
 */
export async function loadBundle(bundle: KeptBundle, staging: string) {
  const code = join(staging, '.prerender');
  await cp(join(bundle.dir, 'bundle'), code, { recursive: true });
  if (Object.keys(bundle.meta.files).some((f) => f.startsWith('assets/')))
    await cp(join(bundle.dir, 'assets'), staging, { recursive: true });
  // the copies are checked, not the store: staging holds nothing else yet
  const copied = Object.entries(await digestsBelow(staging)).map(
    ([f, d]) =>
      [f.startsWith('.prerender/') ? `bundle/${f.slice('.prerender/'.length)}` : `assets/${f}`, d] as const,
  );
  const expected = bundle.meta.files;
  if (copied.length !== Object.keys(expected).length || copied.some(([f, d]) => expected[f] !== d))
    throw new Error('its files are not the ones recorded when it was kept');
  const [{ app }, astro] = await Promise.all([
    import(pathToFileURL(join(code, bundle.meta.entry)).href) as Promise<{ app: BuildApp }>,
    astroInternals(),
  ]);
  return { app, astro };
}

/**
 * Render every route of the site from a loaded bundle into `staging`, as Astro's static build
 * writes them (`<path>/index.html`).
 */
export async function renderFromBundle(
  bundle: KeptBundle,
  loaded: Awaited<ReturnType<typeof loadBundle>>,
  staging: string,
): Promise<void> {
  const { app, astro } = loaded;
  // a page's styles as the build environment reads them from Astro's build internals: those the
  // bundle's manifest holds for its route are the same, sorted and merged (cssOrder keeps them so)
  const pagesByKeys = new Map(
    app.manifest.routes.map(({ routeData, styles }) => [
      `${routeData.route}&${routeData.component}`,
      { styles: styles.map((sheet, order) => ({ depth: 0, order, sheet })) },
    ]),
  );
  app.setInternals({ pagesByKeys, entrySpecifierToBundleMap: new Map() });
  app.setOptions({
    settings: { scripts: bundle.meta.scripts },
    logger: { options: { destination: errorsOnly } },
  });
  const paths = await new astro.StaticPaths(app).getAll();
  for (const { pathname, route } of paths) {
    // only plain pages: anything else (redirects, endpoints, fallbacks) needs Astro's generate
    if (route.type !== 'page') throw new Error(`${route.component} is a ${route.type} route`);
    const path = pathname === '' || pathname === '/' ? '/' : `${pathname.replace(/\/$/, '')}/`;
    const request = astro.createRequest({
      url: new URL(path, 'http://localhost:4321'),
      headers: new Headers(),
      logger: app.logger,
      isPrerendered: true,
      routePattern: route.component,
    });
    let response: Response;
    try {
      response = await app.render(request, { routeData: route });
    } catch (err) {
      throw new Error(`rendering ${path} (${route.component}): ${(err as Error).message}`, { cause: err });
    }
    if (response.status !== 200) throw new Error(`rendering ${path}: status ${response.status}`);
    const file = join(staging, ...path.split('/').filter(Boolean), 'index.html');
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, Buffer.from(await response.arrayBuffer()));
  }
}
