import { statSync } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import { sha256 } from '../../lib/sha256.ts';
import type { Catalog } from '../model/catalog.ts';
import { LedgerBuilder, type LedgerEntry } from '../model/ledger.ts';
import { CapturePool, type CapturePoolOptions, WORKER_MIN_FILES } from './captures/capture-pool.ts';
import { mergeDeviceCaptures } from './captures/merge.ts';
import { readClientConfig } from './client-config.ts';
import { type ClientInputs, emptyInputs } from './client-inputs.ts';
import { digestOf, fileSource, type InputBytes, isStreamed, readInput } from './file-source.ts';
import { readAhead } from './read-ahead.ts';
import { LOADERS } from './registry.ts';
import { unpackSupport } from './support-packed.ts';
import { SUPPORT_SUBSET_MIN_BYTES, type SupportJob } from './support-subset.ts';
import { loadWorkbook } from './workbook.ts';

export class ClientFolderError extends Error {}

/** Every regular file below `dir`, relative with `/`; symlinks are skipped so a folder never reads outside itself. */
export async function listFiles(dir: string, skipped: string[]): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    const entries = await readdir(d, { withFileTypes: true });
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const abs = join(d, e.name);
      const rel = relative(dir, abs).split(sep).join('/');
      if (e.name.startsWith('.')) continue;
      if (e.isSymbolicLink()) skipped.push(rel);
      else if (e.isDirectory()) await walk(abs);
      else if (e.isFile()) out.push(rel);
    }
  };
  await walk(dir);
  return out;
}

/** One input file loaded (or the error its load threw), waiting for its turn in file order. */
type FileOutcome =
  | { records: unknown[]; entry: LedgerEntry; ms: number; digest?: string }
  | { error: unknown };

export interface LoadOptions extends Omit<CapturePoolOptions, 'digests'> {
  /**
   * Keep every support record, not only those a check can look up (support-lookups.ts): a
   * redacted build takes every serial of the inputs into its redaction table.
   */
  everySupportRecord?: boolean;
  /** Hand support files to the worker from this many bytes (default SUPPORT_SUBSET_MIN_BYTES). */
  supportSubsetMinBytes?: number;
  /** Read CSVs from this many bytes a block at a time (file-source.ts; default STREAM_MIN_BYTES). */
  streamMinBytes?: number;
  /**
   * Filled with the sha256 of each file read, by its path in the folder: the analysis cache's key
   * can then be taken from the very bytes that were analysed, without reading them again.
   */
  digests?: Map<string, string>;
}

export type LoadProgress = (event: {
  file: string;
  rows: number;
  accepted: number;
  rejected: number;
  ms: number;
}) => void;

/**
 * Load a client folder: client.yaml, then every file that matches an input kind. Files that match
 * nothing are listed in the ledger as ignored; nothing is dropped without a line in the ledger.
 */
export async function loadClientFolder(
  dir: string,
  catalog: Catalog,
  progress?: LoadProgress,
  opts: LoadOptions = {},
): Promise<ClientInputs> {
  const { digests, everySupportRecord, supportSubsetMinBytes, streamMinBytes, ...poolOpts } = opts;
  const root = resolve(dir);
  const id = basename(root);
  let yamlBytes: Uint8Array;
  try {
    const st = await lstat(join(root, 'client.yaml'));
    if (!st.isFile()) throw new Error('not a file');
    yamlBytes = await readFile(join(root, 'client.yaml'));
  } catch {
    throw new ClientFolderError(`${dir}: no client.yaml; expected a client folder (see \`trueup init\`)`);
  }
  digests?.set('client.yaml', sha256(yamlBytes));
  const config = readClientConfig(id, yamlBytes);
  const inputs = emptyInputs(config);
  const clientLedger = new LedgerBuilder('client.yaml', 'client', 'yaml');
  clientLedger.accept();
  inputs.ledger.push(clientLedger.entry);
  inputs.present.push('client');

  const skipped: string[] = [];
  const files = await listFiles(root, skipped);
  for (const s of skipped) {
    const l = new LedgerBuilder(s, 'client', 'text');
    l.fail('symbolic link: not followed (a client folder must contain its files)');
    inputs.ledger.push(l.entry);
  }
  const ignored: string[] = [];
  const specs = inputSpecs(files);
  // Service contracts go to the pool's worker as well, which keeps only the records a check can
  // look up; not when redacting, which takes every serial of the inputs into its table.
  const supportAt = specs.flatMap((s, i) => (s?.slot === 'support' ? [i] : []));
  const supportFiles = supportAt.map((i) => files[i]!);
  const support: SupportJob | undefined =
    everySupportRecord ||
    config.report.redact ||
    supportFiles.length === 0 ||
    bytesOf(root, supportFiles) < (supportSubsetMinBytes ?? SUPPORT_SUBSET_MIN_BYTES)
      ? undefined
      : {
          root,
          supportFiles,
          keyFiles: files.filter((_, i) => specs[i]?.slot === 'paks' || specs[i]?.slot === 'ciscoOne'),
          catalog,
          dateOrder: config.dateOrder,
          digests: digests !== undefined,
          ...(streamMinBytes === undefined ? {} : { streamMinBytes }),
        };
  // Captures go to a pool that starts parsing them on the other core at once; this thread loads
  // the other files, then helps with the captures that are left.
  const captureAt = specs.flatMap((s, i) => (s?.slot === 'captures' ? [i] : []));
  const pool = new CapturePool(
    root,
    captureAt.map((i) => files[i]!),
    catalog,
    { ...poolOpts, digests: digests !== undefined, ...(support ? { support } : {}) },
  );
  const outcomes = new Map<number, FileOutcome>();
  const loadHere = async (i: number, bytes: Promise<InputBytes>): Promise<boolean> => {
    const t0 = performance.now();
    try {
      // a Buffer is a Uint8Array: wrapping it in a new one would copy the whole file
      const b = await bytes;
      const { records, ledger } = await specs[i]!.load(files[i]!, b, {
        catalog,
        dateOrder: config.dateOrder,
      });
      const ms = performance.now() - t0;
      outcomes.set(i, { records, entry: ledger.entry, ms, ...(digests ? { digest: digestOf(b) } : {}) });
      return true;
    } catch (error) {
      outcomes.set(i, { error });
      return false;
    }
  };
  let supportHeld: number | undefined;
  try {
    const ownSpecs = specs.map((s) =>
      s?.slot === 'captures' || (support && s?.slot === 'support') ? undefined : s,
    );
    // large CSVs are read a block at a time as they are parsed; the others whole, ahead of their turn
    const streamed = ownSpecs.map(
      (s, i) => s !== undefined && isStreamed(files[i]!, sizeOf(root, files[i]!), streamMinBytes),
    );
    const ahead = readAhead(
      root,
      files,
      ownSpecs.map((s, i) => s && !streamed[i]),
    );
    const hash = digests !== undefined;
    const bytesFor = async (i: number) => (streamed[i] ? fileSource(join(root, files[i]!), hash) : ahead(i));
    for (const [i, spec] of ownSpecs.entries()) {
      // the files after one that fails are never reached: a load stops at its first error
      if (spec && !(await loadHere(i, bytesFor(i)))) break;
    }
    await pool.help();
    if (support) {
      const done = await pool.supportResults();
      if (done) {
        supportHeld = 0;
        for (const [k, { held, packed, ...o }] of done.entries()) {
          outcomes.set(supportAt[k]!, { ...o, records: unpackSupport(packed) });
          supportHeld += held;
        }
      } else
        for (const i of supportAt)
          await loadHere(i, (async () => readInput(join(root, files[i]!), streamMinBytes, hash))());
    }
    for (const [k, o] of (await pool.results()).entries()) outcomes.set(captureAt[k]!, o);
  } finally {
    pool.stop();
  }

  // Applied in file order, so the ledger and its first error are those of a one-file-at-a-time load.
  for (const [i, rel] of files.entries()) {
    if (rel === 'client.yaml' || /(^|\/)README(\.md)?$/i.test(rel)) continue;
    if (await readSection(root, rel, inputs)) {
      if (!inputs.present.includes('sections')) inputs.present.push('sections');
      continue;
    }
    const spec = specs[i];
    if (!spec) {
      ignored.push(rel);
      continue;
    }
    const outcome = outcomes.get(i)!;
    if ('error' in outcome) throw outcome.error;
    const { records, entry, digest } = outcome;
    if (digest !== undefined) digests?.set(rel, digest);
    const slot = inputs[spec.slot] as unknown[];
    for (const r of records) slot.push(r); // no spread: 200,000 arguments overflow the stack
    inputs.ledger.push(entry);
    if (!inputs.present.includes(entry.kind) && !entry.fatal) inputs.present.push(entry.kind);
    progress?.({
      file: rel,
      rows: entry.rowsRead,
      accepted: entry.rowsAccepted,
      rejected: entry.rowsRejected,
      ms: outcome.ms,
    });
  }
  if (supportHeld !== undefined) inputs.supportRecords = supportHeld;
  // Several capture files of one device (same hostname or serial) are one record.
  inputs.captures = mergeDeviceCaptures(inputs.captures);
  if (ignored.length) {
    const l = new LedgerBuilder('(client folder)', 'client', 'text');
    for (const f of ignored) l.note('warning', `${f}: not an input of the client-folder contract; ignored`);
    inputs.ledger.push(l.entry);
  }
  if (!inputs.present.includes('licenses')) {
    throw new ClientFolderError(
      `${dir}: no readable CSSM licences file; expected cssm/licenses*.csv, .xlsx or .json` +
        (inputs.ledger.find((e) => e.kind === 'licenses' && e.fatal)
          ? ` (${inputs.ledger.find((e) => e.kind === 'licenses' && e.fatal)?.file}: ${inputs.ledger.find((e) => e.kind === 'licenses' && e.fatal)?.fatal})`
          : ''),
    );
  }
  return inputs;
}

/**
 * Whether loading `dir` would start the capture pool's worker with the default thresholds: enough
 * capture files, or enough support files to hand over. The CLI starts the worker ahead when so
 * (warm-worker.ts); a guess that turns out wrong only leaves a started worker unused.
 */
export async function wantsLoadWorker(dir: string): Promise<boolean> {
  const root = resolve(dir);
  const files = await listFiles(root, []).catch(() => [] as string[]);
  const slots = inputSpecs(files).map((spec) => spec?.slot);
  const captures = slots.filter((s) => s === 'captures').length;
  const support = files.filter((_, i) => slots[i] === 'support');
  return captures >= WORKER_MIN_FILES || bytesOf(root, support) >= SUPPORT_SUBSET_MIN_BYTES;
}

/** The size of `files` together; a file that cannot be stat'ed counts 0 (its load says why). */
function bytesOf(root: string, files: string[]): number {
  let n = 0;
  for (const f of files) n += sizeOf(root, f);
  return n;
}

function sizeOf(root: string, file: string): number {
  try {
    return statSync(join(root, file)).size;
  } catch {
    return 0;
  }
}

/** Each file's loader, or undefined for a file that is no input (or that no loader takes). */
function inputSpecs(files: readonly string[]) {
  return files.map((rel) => (isInputFile(rel) ? LOADERS.find((l) => l.match(rel)) : undefined));
}

/** A file the loop hands to a loader (not client.yaml, a README or a section). */
function isInputFile(rel: string): boolean {
  return rel !== 'client.yaml' && !/(^|\/)README(\.md)?$/i.test(rel) && !SECTION_FILE.test(rel);
}

const SECTION_FILE = /^workbook\/sections\/([a-z0-9-]+)\.mdx$/i;

/**
 * A narrative override (`workbook/sections/<name>.mdx`) into `into.sections`, with its one-row
 * ledger line; false when `rel` is not one (a full load and a decisions-only load both read them).
 */
async function readSection(
  root: string,
  rel: string,
  into: Pick<ClientInputs, 'sections' | 'ledger'>,
): Promise<boolean> {
  const section = SECTION_FILE.exec(rel);
  if (!section) return false;
  into.sections[section[1]!.toLowerCase()] = await readFile(join(root, rel), 'utf8');
  const l = new LedgerBuilder(rel, 'sections', 'mdx');
  l.accept();
  into.ledger.push(l.entry);
  return true;
}
const WORKBOOK_FILE = /^workbook\/findings\.ya?ml$/i;

/** The advisor's files: decisions and narrative, applied after the (cacheable) analysis. */
export function isDecisionFile(rel: string): boolean {
  return WORKBOOK_FILE.test(rel) || SECTION_FILE.test(rel);
}

/**
 * Only the decision files of a client folder (workbook/findings.yaml, workbook/sections/*.mdx),
 * read exactly as `loadClientFolder` reads them: for a build whose analysis comes from the cache.
 */
export async function loadDecisions(
  dir: string,
): Promise<Pick<ClientInputs, 'workbook' | 'sections' | 'ledger'>> {
  const root = resolve(dir);
  const out: Pick<ClientInputs, 'workbook' | 'sections' | 'ledger'> = {
    workbook: [],
    sections: {},
    ledger: [],
  };
  for (const rel of await listFiles(root, [])) {
    if (await readSection(root, rel, out)) continue;
    if (WORKBOOK_FILE.test(rel)) {
      const { records, ledger } = loadWorkbook(rel, new Uint8Array(await readFile(join(root, rel))));
      out.workbook.push(...records);
      out.ledger.push(ledger.entry);
    }
  }
  return out;
}
