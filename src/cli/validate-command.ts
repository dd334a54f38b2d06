import { loadCatalog } from '../analysis/load/catalog.ts';
import { loadClientFolder } from '../analysis/load/client-folder.ts';
import type { LedgerEntry } from '../analysis/model/ledger.ts';

/** One block per file: counts, then every rejection and note with its line and column. */
export function formatLedger(ledger: readonly LedgerEntry[]): string[] {
  const lines: string[] = [];
  for (const e of ledger) {
    const head = e.fatal
      ? `✗ ${e.file}: ${e.fatal}`
      : `${e.rowsRejected ? '!' : '✓'} ${e.file} (${e.kind}, ${e.format}): ${e.rowsRead} read, ${e.rowsAccepted} accepted, ${e.rowsRejected} rejected`;
    lines.push(head);
    for (const r of e.rejections) {
      lines.push(`    ${e.file}:${r.line}${r.column ? ` column "${r.column}"` : ''}: ${r.reason}`);
    }
    for (const n of e.notes) {
      lines.push(`    ${n.level}: ${n.line ? `line ${n.line}: ` : ''}${n.message}`);
    }
  }
  return lines;
}

/** Exit code 1 when any file could not be read or any row was rejected. */
export async function runValidate(dir: string): Promise<number> {
  const catalog = await loadCatalog();
  const inputs = await loadClientFolder(dir, catalog);
  for (const l of formatLedger(inputs.ledger)) process.stdout.write(`${l}\n`);
  const read = inputs.ledger.reduce((s, e) => s + e.rowsRead, 0);
  const rejected = inputs.ledger.reduce((s, e) => s + e.rowsRejected, 0);
  const fatal = inputs.ledger.filter((e) => e.fatal).length;
  process.stdout.write(
    `${inputs.ledger.length} files, ${read} rows read, ${rejected} rejected, ${fatal} unreadable\n`,
  );
  return rejected || fatal ? 1 : 0;
}
