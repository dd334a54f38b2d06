/**
 * The service-contract files loaded on the second core (by the capture pool's worker), with the
 * PAK and Cisco ONE files as well, to know which support records a check can look up
 * (support-lookups.ts). Only those cross back, with each file's ledger entry. Any failure gives
 * `failed`: the main thread then loads the support files itself, so an error is exactly the one
 * a load without the worker throws.
 */
import { join } from 'node:path';
import { isLookedUp, supportLookups } from '../checks/support-lookups.ts';
import type { Catalog } from '../model/catalog.ts';
import type { LedgerEntry } from '../model/ledger.ts';
import type { CiscoOneRecord, PakRecord, SupportRecord } from '../model/records.ts';
import { digestOf, readInput } from './file-source.ts';
import { LOADERS } from './registry.ts';
import { loadSupport } from './support.ts';
import { type PackedSupport, packSupport } from './support-packed.ts';
import type { DateOrder } from './values.ts';

/** The support files, and the PAK and Cisco ONE files that say which of their records to keep. */
export interface SupportJob {
  root: string;
  supportFiles: string[];
  keyFiles: string[];
  catalog: Catalog;
  dateOrder: DateOrder;
  digests: boolean;
  /** CSVs from this size are read a block at a time (file-source.ts; default STREAM_MIN_BYTES). */
  streamMinBytes?: number;
}

/** One support file loaded: its records that a check can look up, and how many it held. */
export interface SupportOutcome {
  /** The records, packed for the main thread (support-packed.ts). */
  packed: PackedSupport;
  held: number;
  entry: LedgerEntry;
  ms: number;
  digest?: string;
}

export interface SupportMessage {
  outcomes?: SupportOutcome[];
  failed?: true;
}

/**
 * Below this many bytes of support files the main thread loads them itself. Measured: at 20,000
 * devices (1.3 MB) handing them to the worker made load + analyse slower (1.57-1.68 s against
 * 1.41-1.63 s, five interleaved runs); at 200,000 (13 MB) it saved about a tenth.
 */
export const SUPPORT_SUBSET_MIN_BYTES = 4 << 20;

export async function loadSupportSubset(job: SupportJob): Promise<SupportMessage> {
  try {
    return await run(job);
  } catch {
    return { failed: true };
  }
}

/** A PAK or Cisco ONE file, by the loader the registry gives it. */
async function loadKeyFile(job: SupportJob, file: string) {
  const spec = LOADERS.find((l) => l.match(file));
  if (!spec) throw new Error(`${file}: no loader`);
  // a synchronous read blocks only this thread, which has nothing else to do
  // the main thread loads and hashes these files too: here they only give the keys
  const { records } = await spec.load(file, readInput(join(job.root, file), job.streamMinBytes, false), {
    catalog: job.catalog,
    dateOrder: job.dateOrder,
  });
  return { slot: spec.slot, records };
}

async function run(job: SupportJob): Promise<SupportMessage> {
  // the keys first, so that a support record no check reads is dropped as it is made and dies
  // young, rather than after 200,000 of them were kept through the load
  const paks: PakRecord[] = [];
  const ciscoOne: CiscoOneRecord[] = [];
  for (const file of job.keyFiles) {
    const { slot, records } = await loadKeyFile(job, file);
    if (slot === 'paks') for (const r of records) paks.push(r as PakRecord);
    else for (const r of records) ciscoOne.push(r as CiscoOneRecord);
  }
  const lookups = supportLookups(paks, ciscoOne);
  const keep = (r: SupportRecord) => isLookedUp(r, lookups);
  const outcomes: SupportOutcome[] = [];
  for (const file of job.supportFiles) {
    const t0 = performance.now();
    const bytes = readInput(join(job.root, file), job.streamMinBytes, job.digests);
    const { records, ledger } = await loadSupport(file, bytes, job.catalog, job.dateOrder, keep);
    outcomes.push({
      packed: packSupport(records),
      held: ledger.entry.rowsAccepted,
      entry: ledger.entry,
      ms: performance.now() - t0,
      ...(job.digests ? { digest: digestOf(bytes) } : {}),
    });
  }
  return { outcomes };
}
