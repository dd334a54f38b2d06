import { stat } from 'node:fs/promises';
import { prestartCaptureWorker, stopWarmWorker } from '../analysis/load/captures/warm-worker.ts';
import { loadCatalog } from '../analysis/load/catalog.ts';
import { wantsLoadWorker } from '../analysis/load/client-folder.ts';
import { buildClient } from '../build/build-client.ts';
import { FileEffects } from '../build/effects.ts';
import { createRenderer } from '../build/renderer.ts';
import { UserError } from './user-error.ts';

export interface BuildCommandOptions {
  out: string;
  pdf: boolean;
  site: boolean;
  redact?: boolean;
  protect?: boolean;
  password?: string;
}

/** `trueup build <dirs…>`: each client in turn, each into its own `<out>/<id>/`. */
export async function runBuild(dirs: string[], opts: BuildCommandOptions): Promise<void> {
  const ids = dirs.map((d) => d.replace(/\/+$/, '').split('/').pop() ?? d);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) throw new UserError(`two client folders are both named "${dup}"; their outputs would collide`);
  const password = opts.password ?? process.env.TRUEUP_PASSWORD;
  if (opts.protect && !password) throw new UserError('--protect needs --password or TRUEUP_PASSWORD');
  for (const dir of dirs) {
    const st = await stat(dir).catch(() => undefined);
    if (!st?.isDirectory())
      throw new UserError(`${dir}: no such client folder (expected a folder with client.yaml)`);
  }
  const t0 = performance.now();
  // the load's worker starts on the other core while this one loads the renderer's modules
  if ((await Promise.all(dirs.map(wantsLoadWorker))).some(Boolean)) prestartCaptureWorker();
  const effects = new FileEffects();
  try {
    await buildEach(dirs, opts, password, effects);
  } finally {
    stopWarmWorker();
  }
  effects.log(
    `built ${dirs.length} client${dirs.length > 1 ? 's' : ''} in ${Math.round(performance.now() - t0)} ms`,
  );
}

async function buildEach(
  dirs: string[],
  opts: BuildCommandOptions,
  password: string | undefined,
  effects: FileEffects,
): Promise<void> {
  const catalog = await loadCatalog();
  const renderer = opts.site ? await createRenderer() : undefined;
  for (const dir of dirs) {
    const { outDir, timings } = await buildClient(
      dir,
      catalog,
      {
        out: opts.out,
        pdf: opts.pdf,
        ...(opts.redact ? { redact: true } : {}),
        ...(opts.protect && password ? { password } : {}),
      },
      effects,
      renderer,
    );
    const steps = Object.entries(timings)
      .map(([k, v]) => `${k} ${v} ms`)
      .join(', ');
    effects.log(`  done: ${outDir} (${steps})`);
  }
}
