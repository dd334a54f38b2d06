import { createHash } from 'node:crypto';
import { FAMILIES, type Family, type Finding } from '../analysis/model/finding.ts';
import type { Report } from '../analysis/model/report.ts';
import { decisionsOf, onlyDecisionsDiffer } from '../analysis/report/workbook.ts';
import type { FileBytes } from '../lib/file-bytes.ts';
import { sha256 } from '../lib/sha256.ts';
import { dataSheets } from './data-sheets.ts';
import { FINDINGS_COLUMNS, findingCells, TRANSFER_PLAN_COLUMNS } from './findings-csv.ts';
import {
  type BlockedSheet,
  type BlockPlace,
  type Cell,
  type KeptSheet,
  keptSheets,
  type Sheet,
  type SheetColumn,
  xlsxWorkbook,
} from './xlsx-workbook.ts';
import { type StoredPart, storedStretch } from './zip-archive.ts';

const WIDTHS: Record<string, number> = {
  id: 24,
  title: 60,
  action: 60,
  evidence: 40,
  family: 16,
  severity: 10,
};

function columns(names: readonly string[], money: string[] = []): SheetColumn[] {
  return names.map((c) => ({
    header: c,
    width: WIDTHS[c] ?? Math.max(12, c.length + 2),
    format: money.includes(c) ? 'money' : c === 'quantity' || c === 'request' ? 'count' : undefined,
  }));
}

function sheet(name: string, names: readonly string[], rows: Cell[][], money?: string[]): Sheet {
  return { name: name.slice(0, 31), columns: columns(names, money), rows };
}

/**
 * findings.xlsx: every finding on "All findings" (the findings.csv columns), a sheet per family
 * that has findings, the transfer plan, every data table of a family in full (`data-sheets.ts`)
 * and the ledger. Each sheet has a frozen, filtered, bold header row and number formats on its
 * numeric columns; text is formula-neutralised; numbers stay numbers. Dated the report's as-of
 * date, so the same report always gives the same bytes.
 */
export async function findingsXlsx(report: Report): Promise<Uint8Array> {
  return (await findingsWorkbook(report)).bytes;
}

/** The last build's workbook: its bytes in memory, or still in its file (read only where it is copied). */
export type LastWorkbook = Omit<FindingsWorkbook, 'bytes'> & { bytes: Uint8Array | FileBytes };

/** A findings.xlsx and the sha256 of each sheet's content (name, columns, rows). */
export interface FindingsWorkbook {
  bytes: Uint8Array;
  digests: Record<string, string>;
  /** Sheets copied from the last workbook. */
  kept?: number;
  /**
   * The data sheets of each family section shared with the analysis (findingsWorkbook's
   * `analysis`): the section's digest by that analysis, and its sheets' names in order.
   */
  families?: Record<string, { digest: string; sheets: string[] }>;
  /**
   * The findings sheets written in blocks (`BlockedSheet`), by name: each block's digest by the
   * analysis and its findings' decisions, and where it lies in the sheet's part.
   */
  blocks?: Record<string, { digests: string[]; places: BlockPlace[] }>;
  /** Of the blocks of the findings sheets written in blocks, those copied from the last workbook. */
  keptBlocks?: number;
  blocksWritten?: number;
}

/**
 * sha256 of a sheet's name, columns and rows, row by row: each row's JSON is self-delimiting, and
 * hashing 200,000 rows so took 0.17 of the time of hashing the sheet's JSON as one string.
 */
function sheetDigest(s: Sheet): string {
  const h = createHash('sha256').update(JSON.stringify([s.name, s.columns]));
  for (const row of s.rows) h.update(JSON.stringify(row));
  return h.digest('hex');
}

/** The analysis a Report was made from (`applyDecisions`), and its cache digest. */
export interface AnalysisOf {
  id: string;
  report: Report;
}

/** A family section of the analysis, named by the analysis's digest (and the code's: AnalysisOf.id). */
const familyDigest = (analysis: AnalysisOf, family: Family) =>
  sha256(`analysis family data\0${analysis.id}\0${family}`);

/**
 * A family's data table the Report shares (===) with its analysis is that analysis's table: its
 * sheet is named by the analysis's digest, and is known without building or hashing its rows (at
 * 200,000 devices 193,000 rows, 1.3 s of a rebuild). Tables a decision changes (data-quality's
 * ledger) are new objects and are digested by content.
 */
function tableOfAnalysis(analysis: AnalysisOf) {
  return (family: Family, key: string, table: unknown[]): string | undefined => {
    const data = analysis.report.families[family]?.data as Record<string, unknown> | undefined;
    return data?.[key] === table ? sha256(`analysis table\0${analysis.id}\0${family}\0${key}`) : undefined;
  };
}

/**
 * Rows per block of a findings sheet (`BlockedSheet`): a decision rewrites about 1 MB of XML, and
 * 48,000 findings start the compressor 47 times on "All findings" (each start takes new memory).
 */
const ROWS_PER_BLOCK = 1024;

/**
 * The digests of the findings sheets by what makes them, when the Report's findings are its
 * analysis's: `applyWorkbook` keeps their order and copies only the findings a decision names,
 * changing nothing but the decision fields. A sheet is then named by the analysis, its name and
 * the decisions on its findings, and is known without building or hashing its rows (at 200,000
 * devices 48,000 findings, on "All findings" and again on the family sheets). Undefined when the
 * findings are not so made (a redacted Report's, say): the sheets are then digested by content.
 */
function findingsSheetDigests(report: Report, analysis: AnalysisOf) {
  const own = analysis.report.findings;
  if (own.length !== report.findings.length || report.client.currency !== analysis.report.client.currency)
    return undefined;
  const decisions = new Map<Finding, string>();
  for (const [i, f] of report.findings.entries()) {
    const o = own[i]!;
    if (f === o) continue;
    if (!onlyDecisionsDiffer(f, o)) return undefined;
    decisions.set(f, JSON.stringify(decisionsOf(f)));
  }
  const digest = (head: string, list: readonly Finding[]) => {
    const h = createHash('sha256').update(head);
    for (const f of list) {
      const d = decisions.get(f);
      if (d) h.update(`${d}\0`);
    }
    return h.digest('hex');
  };
  return {
    sheet: (name: string, list: readonly Finding[]): string =>
      digest(`analysis findings\0${analysis.id}\0${name}\0${list.length}\0`, list),
    /** Block b of the sheet (ROWS_PER_BLOCK rows): its rows are those findings, in those places. */
    block: (name: string, list: readonly Finding[], b: number): string =>
      digest(
        `analysis findings block\0${analysis.id}\0${name}\0${list.length}\0${b}\0`,
        list.slice(b * ROWS_PER_BLOCK, (b + 1) * ROWS_PER_BLOCK),
      ),
  };
}

/**
 * findings.xlsx as `findingsXlsx`, reusing `last` (the last build's): a sheet whose content has
 * the same digest is copied as stored rather than written and compressed again. A decision in the
 * workbook changes "All findings" and its finding's family sheet; the other family sheets and the
 * data sheets (55-70% of the workbook's writing time at 200,000 devices) are kept.
 */
export async function findingsWorkbook(
  report: Report,
  last?: LastWorkbook,
  analysis?: AnalysisOf,
): Promise<FindingsWorkbook> {
  // a sheet's part is its columns and rows alone (no index, no shared strings): one whose digest
  // is the last workbook's is copied as stored
  const stored = last ? keptSheets(last.bytes) : new Map<string, StoredPart>();
  const has = (name: string, digest: string) => last?.digests[name] === digest && stored.has(name);
  const sheets: ((Sheet | BlockedSheet) & { digest?: string })[] = [];
  const extra = ['status', 'owner', 'comment'];
  const named = analysis && findingsSheetDigests(report, analysis);
  const blocks: NonNullable<FindingsWorkbook['blocks']> = {};
  let blockCount = 0;
  let keptBlocks = 0;
  // A findings sheet named by its analysis and decisions, and kept, is not built at all. One that
  // a decision changed is written in blocks of rows, the blocks it did not change copied as stored.
  const findingsSheet = (
    name: string,
    list: readonly Finding[],
    names: readonly string[],
    rowOf: (f: Finding) => Cell[],
  ) => {
    const blocksOf = (rows: (b: number) => Cell[][]) => ({
      ...sheet(name, names, [], ['amount']),
      rowCount: list.length,
      blockRows: ROWS_PER_BLOCK,
      rows,
    });
    if (!named) {
      // digested by content, and written in blocks as any findings sheet is (the same bytes)
      const rows = list.map(rowOf);
      sheets.push({
        ...blocksOf((b) => rows.slice(b * ROWS_PER_BLOCK, (b + 1) * ROWS_PER_BLOCK)),
        kept: () => undefined,
        written: [],
        digest: sheetDigest(sheet(name, names, rows, ['amount'])),
      });
      return;
    }
    const digest = named.sheet(name, list);
    const prior = last?.blocks?.[name];
    if (has(name, digest)) {
      sheets.push({ ...sheet(name, [], []), digest });
      // copied whole: its blocks lie where they did
      if (prior) blocks[name] = prior;
      return;
    }
    const digests = Array.from({ length: Math.ceil(list.length / ROWS_PER_BLOCK) }, (_, b) =>
      named.block(name, list, b),
    );
    const part = prior ? stored.get(name) : undefined;
    const written: BlockPlace[] = [];
    sheets.push({
      ...blocksOf((b) => list.slice(b * ROWS_PER_BLOCK, (b + 1) * ROWS_PER_BLOCK).map(rowOf)),
      kept: (b) => {
        const stretch =
          part && prior!.digests[b] === digests[b] && prior!.places[b]
            ? storedStretch(part, prior!.places[b]!)
            : undefined;
        if (stretch) keptBlocks++;
        return stretch;
      },
      written,
      digest,
    });
    blocks[name] = { digests, places: written };
    blockCount += digests.length;
  };
  findingsSheet('All findings', report.findings, FINDINGS_COLUMNS, (f) => findingCells(report, f));
  for (const family of FAMILIES) {
    const list = report.findings.filter((f) => f.family === family);
    if (!list.length) continue;
    findingsSheet(family, list, [...FINDINGS_COLUMNS.filter((c) => c !== 'status'), ...extra], (f) => [
      ...findingCells(report, f).filter((_, i) => FINDINGS_COLUMNS[i] !== 'status'),
      f.status,
      f.owner ?? '',
      f.comment ?? '',
    ]);
  }
  sheets.push(
    sheet(
      'Transfer plan',
      TRANSFER_PLAN_COLUMNS,
      report.transferPlan.map((t) => [
        t.request,
        t.fromVirtualAccount,
        t.toVirtualAccount,
        t.licence,
        t.licenceType,
        t.quantity,
      ]),
    ),
  );
  const taken = new Set(sheets.map((s) => s.name.toLowerCase()));
  const identify = analysis && tableOfAnalysis(analysis);
  const families: NonNullable<FindingsWorkbook['families']> = {};
  for (const family of FAMILIES) {
    // a family section the Report shares with its analysis: the last workbook's sheets of it, when
    // it was written from the same analysis, are kept without reading the family's data at all
    const own = analysis?.report.families[family];
    const digest = own && own === report.families[family] ? familyDigest(analysis!, family) : undefined;
    const prior = digest ? last?.families?.[family] : undefined;
    if (digest && prior && prior.digest === digest && prior.sheets.every((n) => has(n, last!.digests[n]!))) {
      for (const n of prior.sheets) {
        taken.add(n.toLowerCase());
        sheets.push({ ...sheet(n, [], []), digest: last!.digests[n]! });
      }
      families[family] = prior;
      continue;
    }
    const names: string[] = [];
    for (const data of dataSheets(report, identify, (name, d) => !has(name, d), [family])) {
      if (taken.has(data.name.toLowerCase())) continue;
      taken.add(data.name.toLowerCase());
      names.push(data.name);
      sheets.push({
        ...sheet(data.name, data.columns, data.rows),
        ...(data.digest ? { digest: data.digest } : {}),
      });
    }
    if (digest) families[family] = { digest, sheets: names };
  }
  sheets.push(
    sheet(
      'Ledger',
      ['file', 'kind', 'rows_read', 'rows_accepted', 'rows_rejected', 'problem'],
      report.ledger.map((e) => [e.file, e.kind, e.rowsRead, e.rowsAccepted, e.rowsRejected, e.fatal ?? '']),
    ),
    // every rejection and note: the site's ledger page lists the first SITE_LEDGER_ROWS
    sheet(
      'Rejected rows',
      ['file', 'line', 'column', 'reason'],
      report.ledger.flatMap((e) => e.rejections.map((r) => [e.file, r.line, r.column ?? '', r.reason])),
    ),
    sheet(
      'Ledger notes',
      ['file', 'level', 'line', 'column', 'note'],
      report.ledger.flatMap((e) =>
        e.notes.map((n) => [e.file, n.level, n.line ?? null, n.column ?? '', n.message]),
      ),
    ),
  );
  const digests: Record<string, string> = {};
  let kept = 0;
  const written = sheets.map((s): Sheet | KeptSheet | BlockedSheet => {
    const digest = s.digest ?? sheetDigest(s as Sheet);
    digests[s.name] = digest;
    const part = has(s.name, digest) ? stored.get(s.name) : undefined;
    if (!part) return s;
    kept++;
    return { name: s.name, part };
  });
  const bytes = await xlsxWorkbook(written, 'trueup', new Date(`${report.client.asOf}T00:00:00Z`));
  return {
    bytes,
    digests,
    kept,
    families,
    ...(named ? { blocks } : {}),
    ...(blockCount ? { blocksWritten: blockCount, keptBlocks } : {}),
  };
}
