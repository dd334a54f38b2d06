import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { sha256 } from '../../../lib/sha256.ts';
import type { DeviceCapture } from '../../model/capture.ts';
import type { Catalog } from '../../model/catalog.ts';
import type { LedgerEntry } from '../../model/ledger.ts';
import type { SupportJob, SupportMessage, SupportOutcome } from '../support-subset.ts';
import { loadCaptures } from './loader.ts';
import { CAPTURE_WORKER_URL, takeWarmWorker } from './warm-worker.ts';

/** One capture file loaded: what the loop in client-folder.ts would have got from `spec.load`. */
export interface CaptureOutcome {
  records: DeviceCapture[];
  entry: LedgerEntry;
  ms: number;
  /** sha256 of the bytes parsed, when the pool was asked for digests (`CapturePoolOptions.digests`). */
  digest?: string;
}

/** A file that could not be loaded: the error the main thread got when it loaded it. */
export interface CaptureFailure {
  error: unknown;
}

/** What the worker is given: the files, and the counter both threads claim them from. */
export interface CaptureJob {
  root: string;
  files: string[];
  next: SharedArrayBuffer;
  /** Hash each file's bytes as well (`CaptureOutcome.digest`). */
  digests: boolean;
  /** Service-contract files to load first (support-subset.ts). */
  support?: SupportJob;
}
export interface WorkerOutcome extends CaptureOutcome {
  i: number;
}
export interface WorkerMessage {
  outcomes: WorkerOutcome[];
  done?: true;
  support?: SupportMessage;
}

/**
 * Below this many capture files the worker's start (a fresh isolate that strips and compiles the
 * parsers, ~0.3 s of the other core) costs more than it saves.
 */
export const WORKER_MIN_FILES = 200;

export interface CapturePoolOptions {
  /** Start a worker from this many files (default WORKER_MIN_FILES); Infinity: never. */
  workerMinFiles?: number;
  /** The worker's entry (tests point it at a missing file to check the fallback). */
  workerUrl?: URL;
  /** Give each outcome the sha256 of the bytes parsed (for the analysis cache's key). */
  digests?: boolean;
  /** Service-contract files for the worker to load before the captures (started for them alone too). */
  support?: SupportJob;
}

/**
 * Capture files parsed on both cores: a worker starts on them at once, and the main thread takes
 * the rest once its own files are loaded (`help`). Results are by position, so the order of the
 * records and the ledger never depends on which thread parsed what. Whatever the worker does not
 * deliver (it failed to start, crashed, or could not load a file) is loaded on the main thread,
 * where it gives the same result or throws the same error as a load without a worker.
 * Given a support job, the worker loads the service contracts first (support-subset.ts).
 */
export class CapturePool {
  readonly #root: string;
  readonly #files: string[];
  readonly #catalog: Catalog;
  readonly #digests: boolean;
  readonly #next = new Int32Array(new SharedArrayBuffer(4));
  readonly #outcomes: (CaptureOutcome | CaptureFailure | undefined)[];
  #worker: Worker | undefined;
  #workerEnded: Promise<void> = Promise.resolve();
  #support: Promise<SupportOutcome[] | undefined> = Promise.resolve(undefined);
  /** How many files the worker delivered (tests check that it ran). */
  fromWorker = 0;

  constructor(root: string, files: string[], catalog: Catalog, opts: CapturePoolOptions = {}) {
    this.#root = root;
    this.#files = files;
    this.#catalog = catalog;
    this.#digests = opts.digests === true;
    this.#outcomes = new Array(files.length).fill(undefined);
    if (opts.support || files.length >= (opts.workerMinFiles ?? WORKER_MIN_FILES))
      this.#start(opts.workerUrl, opts.support);
  }

  #start(url: URL | undefined, support?: SupportJob): void {
    const job: CaptureJob & { catalog: Catalog } = {
      root: this.#root,
      files: this.#files,
      next: this.#next.buffer as SharedArrayBuffer,
      digests: this.#digests,
      catalog: this.#catalog,
      ...(support ? { support } : {}),
    };
    let worker: Worker;
    // a worker started ahead (warm-worker.ts) is sent the job; not when a test names its own entry
    const warm = url ? undefined : takeWarmWorker();
    try {
      if (warm) {
        worker = warm;
        worker.postMessage(job);
      } else {
        worker = new Worker(url ?? CAPTURE_WORKER_URL, { workerData: job, stdout: true, stderr: true });
      }
    } catch {
      void warm?.terminate();
      return; // no worker: the main thread parses every file
    }
    this.#worker = worker;
    // settled by the worker's support message, or with undefined if it ends without one
    const supportDone = Promise.withResolvers<SupportOutcome[] | undefined>();
    this.#support = supportDone.promise;
    if (!support) supportDone.resolve(undefined);
    this.#workerEnded = new Promise<void>((resolve) => {
      worker.on('message', (m: WorkerMessage) => {
        if (m.support) supportDone.resolve(m.support.outcomes);
        for (const o of m.outcomes) {
          // late news of a file the main thread has already loaded again is dropped
          if (this.#outcomes[o.i] !== undefined) continue;
          const { i, ...outcome } = o;
          this.#outcomes[i] = outcome;
          this.fromWorker++;
        }
        if (m.done) resolve();
      });
      // an error in the worker (it could not start, or crashed) leaves its files to the main thread
      worker.on('error', () => resolve());
      worker.on('exit', () => resolve());
    }).then(() => supportDone.resolve(undefined));
  }

  /**
   * The support files' outcomes (support-subset.ts), in the order given, or undefined when the
   * worker was not asked for them, did not start, or failed: then load them on this thread.
   */
  supportResults(): Promise<SupportOutcome[] | undefined> {
    return this.#support;
  }

  /** Parse, on this thread, files until none is left unclaimed; each read overlaps the previous parse. */
  async help(): Promise<void> {
    const n = this.#files.length;
    let i = Atomics.add(this.#next, 0, 1);
    let bytes = i < n ? this.#read(i) : undefined;
    while (i < n) {
      const j = Atomics.add(this.#next, 0, 1);
      const nextBytes = j < n ? this.#read(j) : undefined;
      await this.#load(i, bytes!);
      i = j;
      bytes = nextBytes;
    }
  }

  /** Resolves when the worker has delivered its last file, or failed, or was never started. */
  workerEnded(): Promise<void> {
    return this.#workerEnded;
  }

  /** Every file's outcome, by position in `files`, once both threads are done. Ends the worker. */
  async results(): Promise<(CaptureOutcome | CaptureFailure)[]> {
    try {
      await this.help();
      // a worker that claimed nothing (it was still starting) is not waited for
      if (this.#outcomes.some((o) => o === undefined)) await this.#workerEnded;
      // what the worker could not load or never delivered
      for (const [i, o] of this.#outcomes.entries()) if (o === undefined) await this.#load(i, this.#read(i));
      return this.#outcomes as (CaptureOutcome | CaptureFailure)[];
    } finally {
      this.stop();
    }
  }

  /** End the worker (idempotent): a load that throws early must not leave it running. */
  stop(): void {
    void this.#worker?.terminate();
    this.#worker = undefined;
  }

  #read(i: number): Promise<Buffer> {
    const p = readFile(join(this.#root, this.#files[i]!));
    // a failed read is reported when its file is loaded; never as an unhandled rejection
    p.catch(() => {});
    return p;
  }

  async #load(i: number, bytes: Promise<Buffer>): Promise<void> {
    const t0 = performance.now();
    const file = this.#files[i]!;
    try {
      const b = await bytes;
      const { records, ledger } = await loadCaptures(file, b, this.#catalog);
      this.#outcomes[i] = {
        records,
        entry: ledger.entry,
        ms: performance.now() - t0,
        ...(this.#digests ? { digest: sha256(b) } : {}),
      };
    } catch (error) {
      this.#outcomes[i] = { error };
    }
  }
}
