import { watch } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { loadCatalog } from '../analysis/load/catalog.ts';
import { buildClient } from '../build/build-client.ts';
import { FileEffects } from '../build/effects.ts';
import { createRenderer, REPO_ROOT } from '../build/renderer.ts';
import { serveStatic } from '../render/serve.ts';

/**
 * `trueup dev <dir>`: build once without the PDF, serve the site on 127.0.0.1, and rebuild when
 * the client's workbook/ or the shared templates/ change (debounced; one build at a time).
 */
export async function runDev(dir: string, opts: { out: string; port: string }): Promise<void> {
  const catalog = await loadCatalog();
  const effects = new FileEffects();
  const renderer = await createRenderer();
  const build = () => buildClient(dir, catalog, { out: opts.out, pdf: false }, effects, renderer);
  await build();
  const siteDir = join(resolve(opts.out), basename(resolve(dir)), 'site');
  const { origin } = await serveStatic(siteDir, Number(opts.port));
  const url = `${origin}/`;
  effects.log(`serving ${siteDir} at ${url} — editing workbook/ or templates/ rebuilds; Ctrl-C stops`);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const schedule = (why: string) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(async () => {
        effects.log(`change in ${why}: rebuilding`);
        await build().catch((e: Error) => effects.log(`build failed: ${e.message}`));
      });
    }, 200);
  };
  for (const w of [join(resolve(dir), 'workbook'), join(REPO_ROOT, 'templates')]) {
    try {
      watch(w, { recursive: true }, (_e, f) => schedule(join(w, String(f ?? ''))));
    } catch {
      effects.log(`(not watching ${w}: it does not exist)`);
    }
  }
  await new Promise(() => {});
}
