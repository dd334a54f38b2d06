import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FindingsWorkbook, LastWorkbook } from '../export/findings-xlsx.ts';
import { FileBytes } from '../lib/file-bytes.ts';
import { sha256 } from '../lib/sha256.ts';

/**
 * What the last build wrote to findings.xlsx, kept in `.cache/last-workbook.json`: the file's
 * sha256, the digest of each sheet, the data sheets of each family section by analysis and where
 * the blocks of the findings sheets lie, so the next build can copy the sheets (and blocks) whose
 * content has not changed (`findingsWorkbook`). A workbook
 * edited or replaced since is not reused.
 */
interface LastWorkbookRecord {
  sha256: string;
  digests: Record<string, string>;
  families?: FindingsWorkbook['families'];
  blocks?: FindingsWorkbook['blocks'];
}

export const lastWorkbookFile = (outDir: string) => join(outDir, '.cache', 'last-workbook.json');

/**
 * The findings.xlsx in `outDir` with its sheets' digests, when it is the one last recorded. It is
 * hashed through one reused buffer and left in its file: the next workbook reads only the sheets
 * it keeps (new memory costs more than the reading on these machines; see FileBytes).
 */
export async function lastWorkbook(outDir: string): Promise<LastWorkbook | undefined> {
  try {
    const record = JSON.parse(await readFile(lastWorkbookFile(outDir), 'utf8')) as LastWorkbookRecord;
    const path = join(outDir, 'findings.xlsx');
    // hashed through the FileBytes itself: a file changed while it is read is refused, not reused
    const bytes = FileBytes.whole(path);
    const h = createHash('sha256');
    for (const piece of bytes.pieces(0, bytes.length)) h.update(piece);
    if (h.digest('hex') !== record.sha256) return undefined;
    return {
      bytes,
      digests: record.digests,
      ...(record.families ? { families: record.families } : {}),
      ...(record.blocks ? { blocks: record.blocks } : {}),
    };
  } catch {
    return undefined;
  }
}

/** The record to keep beside `workbook`. */
export function lastWorkbookRecord(workbook: FindingsWorkbook): string {
  return JSON.stringify({
    sha256: sha256(workbook.bytes),
    digests: workbook.digests,
    ...(workbook.families ? { families: workbook.families } : {}),
    ...(workbook.blocks ? { blocks: workbook.blocks } : {}),
  } satisfies LastWorkbookRecord);
}
