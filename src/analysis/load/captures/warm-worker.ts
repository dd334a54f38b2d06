/**
 * The capture pool's worker, started before its job is known. A fresh worker takes about 0.45 s
 * (its isolate, and stripping and compiling the loaders) before it parses anything, and the
 * pool used to start it when the load began, so the second core spent the load's first half
 * second starting up. The CLI starts one while its own modules load, when a client folder is large
 * enough to use it (`wantsLoadWorker` in client-folder.ts); the next pool that wants a worker takes
 * it and sends it the job (capture-worker.ts waits for one when it was started without).
 */
import { Worker } from 'node:worker_threads';

export const CAPTURE_WORKER_URL = new URL('./capture-worker.ts', import.meta.url);

let warm: Worker | undefined;

/** Start a worker that waits for its job; one at a time. The CLI ends it after its builds. */
export function prestartCaptureWorker(): void {
  if (warm) return;
  let w: Worker;
  try {
    w = new Worker(CAPTURE_WORKER_URL, { workerData: null, stdout: true, stderr: true });
  } catch {
    return; // no worker: the pool starts its own, or the main thread parses every file
  }
  // waiting for a job that may never come (the analysis came from the cache), it must not keep
  // the process alive: a build's process would then never end (a test checks this)
  w.unref();
  // a worker that fails before it is taken is not taken; the pool then starts its own
  w.on('error', () => {});
  w.once('exit', () => {
    if (warm === w) warm = undefined;
  });
  warm = w;
}

/** The started worker, if there is one, for a pool to send its job to; none is left behind. */
export function takeWarmWorker(): Worker | undefined {
  const w = warm;
  warm = undefined;
  // taken, it has work the load waits for, as a worker the pool starts itself does
  w?.ref();
  return w;
}

/** End a started worker that no pool took (a build whose analysis came from the cache). */
export function stopWarmWorker(): void {
  void warm?.terminate();
  warm = undefined;
}
