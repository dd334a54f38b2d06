import type { LedgerEntry } from '../analysis/model/ledger.ts';

/** A ledger row as printed: one file, or a folder of clean files summed. */
export type LedgerRow = Pick<
  LedgerEntry,
  'kind' | 'format' | 'rowsRead' | 'rowsAccepted' | 'rowsRejected' | 'fatal'
> & {
  label: string;
  /** How many clean files a folded row sums (absent for a row of one file). */
  files?: number;
};

/**
 * Rows of each ledger table on the site's ledger page (files, rejected rows, notes): a client
 * export rejected line by line would otherwise make a page of many megabytes. Every row is in
 * findings.xlsx (LEDGER_SHEETS) and report.json.
 */
export const SITE_LEDGER_ROWS = 2000;
export const LEDGER_SHEETS =
  'findings.xlsx (sheets "Ledger", "Rejected rows" and "Ledger notes") and report.json';

/** Folders with more clean files than this print as one row. */
export const FOLD_MIN_FILES = 20;

const folderOf = (file: string) => (file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '');

/** The one line that stands for `n` files of a folder: `captures/ (2,000 files)`. */
const folderLine = (folder: string, n: number) =>
  `${folder || './'} (${new Intl.NumberFormat('en-GB').format(n)} files)`;

/**
 * The ledger's files with, per folder and input kind, the clean files (read, nothing rejected,
 * no note) summed into one row when there are more than FOLD_MIN_FILES of them; files with
 * anything to say keep their own row. Totals are unchanged.
 */
export function foldCleanFiles(ledger: readonly LedgerEntry[]): LedgerRow[] {
  const clean = (e: LedgerEntry) => !e.fatal && e.rowsRejected === 0 && e.notes.length === 0;
  const groups = new Map<string, LedgerEntry[]>();
  for (const e of ledger) {
    if (!clean(e)) continue;
    const k = `${folderOf(e.file)}\0${e.kind}\0${e.format}`;
    const group = groups.get(k);
    if (group) group.push(e);
    else groups.set(k, [e]);
  }
  const rows: LedgerRow[] = [];
  const folded = new Set<string>();
  for (const e of ledger) {
    const k = `${folderOf(e.file)}\0${e.kind}\0${e.format}`;
    const group = clean(e) ? groups.get(k) : undefined;
    if (!group || group.length <= FOLD_MIN_FILES) {
      rows.push({ ...e, label: e.file });
      continue;
    }
    if (folded.has(k)) continue;
    folded.add(k);
    const sum = (f: (x: LedgerEntry) => number) => group.reduce((n, x) => n + f(x), 0);
    rows.push({
      label: folderLine(folderOf(e.file), group.length),
      kind: e.kind,
      format: e.format,
      rowsRead: sum((x) => x.rowsRead),
      rowsAccepted: sum((x) => x.rowsAccepted),
      rowsRejected: 0,
      files: group.length,
    });
  }
  return rows;
}

/**
 * A list of input files as the methodology prints it: the files of a folder that holds more than
 * FOLD_MIN_FILES of them are one line, `folder/ (N files)`, where the folder's first file was; the
 * ledger lists each. `folded` says whether any line stands for several files.
 */
export function foldFileList(files: readonly string[]): { lines: string[]; folded: boolean } {
  const perFolder = new Map<string, number>();
  for (const f of files) {
    const folder = folderOf(f);
    perFolder.set(folder, (perFolder.get(folder) ?? 0) + 1);
  }
  const lines: string[] = [];
  const done = new Set<string>();
  let folded = false;
  for (const f of files) {
    const folder = folderOf(f);
    const n = perFolder.get(folder)!;
    if (n <= FOLD_MIN_FILES) lines.push(f);
    else if (!done.has(folder)) {
      done.add(folder);
      folded = true;
      lines.push(folderLine(folder, n));
    }
  }
  return { lines, folded };
}
