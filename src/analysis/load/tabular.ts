import { type InputKind, LedgerBuilder } from '../model/ledger.ts';
import type { InputBytes } from './file-source.ts';
import { isXlsx, type RawTable, readTable, TableReadError } from './table.ts';

/** Read a CSV/XLSX into a table with its ledger; an unreadable file is a fatal ledger entry, not a throw. */
export async function readTabular(
  file: string,
  bytes: InputBytes,
  kind: InputKind,
): Promise<{ table?: RawTable; ledger: LedgerBuilder }> {
  const ledger = new LedgerBuilder(file, kind, isXlsx(file) ? 'xlsx' : 'csv');
  try {
    const table = await readTable(file, bytes, (n) => ledger.note('info', n));
    return { table, ledger };
  } catch (e) {
    if (e instanceof TableReadError) {
      ledger.fail(e.message);
      return { ledger };
    }
    throw e;
  }
}
