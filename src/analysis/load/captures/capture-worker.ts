/**
 * Worker entry of the capture pool (capture-pool.ts): parses capture files on the second core
 * while the main thread loads the CSVs. Files are claimed one at a time from a shared counter,
 * so whichever thread is free takes the next one. Only plain data crosses back: a file this
 * worker could not load is left out, and the main thread loads it again itself, so its error is
 * exactly the one a load without the worker throws.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { sha256 } from '../../../lib/sha256.ts';
import type { Catalog } from '../../model/catalog.ts';
import type { CaptureJob, WorkerMessage, WorkerOutcome } from './capture-pool.ts';
import { loadCaptures } from './loader.ts';

// one message per batch: a message per file costs an event-loop turn on the busy main thread
const BATCH = 64;

// A worker started ahead of its job (warm-worker.ts) is sent it when the load begins, and
// compiles the support loaders while it waits.
const early = workerData ? undefined : import('../support-subset.ts');
early?.catch(() => {}); // unused when the job has no support files; awaited (and thrown) when it has
const job = (workerData ??
  (await new Promise((resolve) => parentPort!.once('message', resolve)))) as CaptureJob & {
  catalog: Catalog;
};
const next = new Int32Array(job.next);
let batch: WorkerOutcome[] = [];
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

// the service contracts first: the main thread helps with the captures once its own files are done
// (a worker started with its job imports them only then: they bring in every loader)
if (job.support) {
  const { loadSupportSubset } = await (early ?? import('../support-subset.ts'));
  post({ outcomes: [], support: await loadSupportSubset(job.support) });
}

for (let i = Atomics.add(next, 0, 1); i < job.files.length; i = Atomics.add(next, 0, 1)) {
  const t0 = performance.now();
  try {
    // a synchronous read blocks only this thread, which has nothing else to do
    const bytes = readFileSync(join(job.root, job.files[i]!));
    const { records, ledger } = await loadCaptures(job.files[i]!, bytes, job.catalog);
    const ms = performance.now() - t0;
    batch.push({ i, records, entry: ledger.entry, ms, ...(job.digests ? { digest: sha256(bytes) } : {}) });
  } catch {
    // left out of the batch: the main thread loads it again
  }
  if (batch.length >= BATCH) {
    post({ outcomes: batch });
    batch = [];
  }
}
post({ outcomes: batch, done: true });
