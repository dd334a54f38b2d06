import type { SourceRef } from './evidence.ts';

/** One input row that was not accepted, and why. `column` is the header name (or a 1-based index). */
export interface Rejection {
  line: number;
  column?: string;
  reason: string;
}

/** A note about a file that is not a row rejection: unknown command, ignored column, encoding used. */
export interface LedgerNote {
  level: 'info' | 'warning' | 'error';
  message: string;
  line?: number;
  column?: string;
}

/**
 * Per input file: rows read = rows accepted + rows rejected, always. A file that could not be
 * read at all has `fatal` set and 0 rows.
 */
export interface LedgerEntry {
  file: string;
  kind: InputKind;
  format: 'csv' | 'xlsx' | 'json' | 'yaml' | 'text' | 'mdx';
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  rejections: Rejection[];
  notes: LedgerNote[];
  fatal?: string;
}

export type InputKind =
  | 'client'
  | 'licenses'
  | 'product-instances'
  | 'alerts'
  | 'transactions'
  | 'paks'
  | 'inventory'
  | 'captures'
  | 'cisco-one'
  | 'support'
  | 'prices'
  | 'workbook'
  | 'sections';

/** Mutable helper that keeps the ledger's arithmetic right by construction. */
export class LedgerBuilder {
  readonly entry: LedgerEntry;
  constructor(file: string, kind: InputKind, format: LedgerEntry['format']) {
    this.entry = {
      file,
      kind,
      format,
      rowsRead: 0,
      rowsAccepted: 0,
      rowsRejected: 0,
      rejections: [],
      notes: [],
    };
  }
  accept(): void {
    this.entry.rowsRead++;
    this.entry.rowsAccepted++;
  }
  reject(line: number, reason: string, column?: string): void {
    this.entry.rowsRead++;
    this.entry.rowsRejected++;
    this.entry.rejections.push(column === undefined ? { line, reason } : { line, column, reason });
  }
  note(level: LedgerNote['level'], message: string, at?: { line?: number; column?: string }): void {
    this.entry.notes.push({ level, message, ...at });
  }
  fail(message: string): LedgerEntry {
    this.entry.fatal = message;
    return this.entry;
  }
}

export function ref(file: string, line: number): SourceRef {
  return { file, line };
}
