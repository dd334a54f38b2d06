import type { InputKind, LedgerBuilder } from '../model/ledger.ts';
import { CellInterner } from './cell-interner.ts';
import type { RawTable } from './table.ts';
import type { Parsed } from './values.ts';

/** Header aliases from data/catalog/headers.csv: kind → normalised header → field. */
export type HeaderAliases = Map<string, Map<string, string>>;

/** Case-, space- and punctuation-insensitive header key: "Serial  Number" ≡ "serial_number". */
export function headerKey(h: string): string {
  return h.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export class MissingColumnsError extends Error {}

/**
 * Map a table's headers to fields. Missing required fields are one error naming what was
 * expected and what was found; unknown and duplicate columns become ledger notes.
 */
export function mapColumns(
  kind: InputKind,
  table: RawTable,
  aliases: HeaderAliases,
  required: readonly string[],
  ledger: LedgerBuilder,
): Map<string, number> {
  const known = aliases.get(kind) ?? new Map<string, string>();
  const map = new Map<string, number>();
  const unknown: string[] = [];
  table.headers.forEach((h, i) => {
    if (h === '') return;
    const field = known.get(headerKey(h));
    if (!field) unknown.push(h);
    else if (map.has(field)) {
      ledger.note('warning', `column "${h}" repeats field ${field}; the first one is used`, {
        line: table.headerLine,
        column: h,
      });
    } else map.set(field, i);
  });
  const missing = required.filter((f) => !map.has(f));
  if (missing.length) {
    const expected = missing.map((f) => canonicalHeader(kind, f, aliases)).join('", "');
    throw new MissingColumnsError(
      `line ${table.headerLine}: missing required column "${expected}"; found ${table.headers.map((h) => `"${h}"`).join(', ') || 'no columns'}`,
    );
  }
  if (unknown.length) {
    ledger.note('info', `columns not used: ${unknown.map((h) => `"${h}"`).join(', ')}`, {
      line: table.headerLine,
    });
  }
  return map;
}

/** The spelling shown in messages: the first alias listed for the field. */
export function canonicalHeader(kind: InputKind, field: string, aliases: HeaderAliases): string {
  const canonical = aliases.get(`${kind}#canonical`);
  for (const [alias, f] of canonical ?? []) if (f === field) return alias;
  return field;
}

/**
 * A data row with its column map; `get` returns trimmed text ('' when absent). `mapRows` moves
 * one Row along the table (`at`) rather than allocating one per row: a mapper must not keep it.
 */
export class Row {
  line: number;
  private cells: string[];
  private readonly columns: Map<string, number>;
  private readonly headers: string[];
  private readonly interners: CellInterner[];
  constructor(line: number, cells: string[], columns: Map<string, number>, headers: string[]) {
    this.line = line;
    this.cells = cells;
    this.columns = columns;
    this.headers = headers;
    this.interners = headers.map(() => new CellInterner());
  }
  /** Point this Row at another data row of the same table. */
  at(line: number, cells: string[]): this {
    this.line = line;
    this.cells = cells;
    return this;
  }
  has(field: string): boolean {
    return this.text(field) !== '';
  }
  /** The trimmed cell, as a record keeps it (interned: see cell-interner.ts). */
  get(field: string): string {
    const i = this.columns.get(field);
    return i === undefined ? '' : this.interners[i]!.take((this.cells[i] ?? '').trim());
  }
  /**
   * The trimmed cell as it was cut, for a parse whose result is what a record keeps (a date, a
   * count, a status): interning it would look it up in a map only to drop it.
   */
  text(field: string): string {
    const i = this.columns.get(field);
    return i === undefined ? '' : (this.cells[i] ?? '').trim();
  }
  /** The header as written in the file, for error messages. */
  header(field: string): string {
    const i = this.columns.get(field);
    return i === undefined ? field : (this.headers[i] ?? field);
  }
}

/** Thrown inside a row mapper; the loader turns it into a rejection. */
export class RowError extends Error {
  readonly column: string | undefined;
  constructor(message: string, column?: string) {
    super(message);
    this.column = column;
  }
}

/**
 * Unwrap a parsed cell or throw a RowError naming the column. `parse` gets the cell as cut from
 * its piece of the file (`Row.text`): what it returns must not be that string when it is long
 * (a view into the piece: see cell-interner.ts).
 */
export function need<T>(row: Row, field: string, parse: (s: string) => Parsed<T>): T {
  return parsed(row, field, parse(row.text(field)));
}

/** Parse an optional cell: undefined when empty, RowError when present and wrong. */
export function maybe<T>(row: Row, field: string, parse: (s: string) => Parsed<T>): T | undefined {
  const v = row.text(field);
  return v === '' ? undefined : parsed(row, field, parse(v));
}

function parsed<T>(row: Row, field: string, r: Parsed<T>): T {
  if (!r.ok) throw new RowError(r.reason, row.header(field));
  return r.value;
}

export function requireText(row: Row, field: string): string {
  const v = row.get(field);
  if (v === '')
    throw new RowError(`expected a value in "${row.header(field)}", found an empty cell`, row.header(field));
  return v;
}

/**
 * Run a row mapper over every data row: each row is accepted (mapper returns a record) or
 * rejected with its line, column and reason. rows read = accepted + rejected. `keep` drops
 * accepted records nothing will read as they are made, so that they die young.
 */
export function mapRows<T>(
  table: RawTable,
  columns: Map<string, number>,
  ledger: LedgerBuilder,
  mapper: (row: Row) => T,
  keep?: (record: T) => boolean,
): T[] {
  const out: T[] = [];
  const width = table.headers.length;
  const row = new Row(0, [], columns, table.headers);
  for (const r of table.rows) {
    const line = r.line;
    const cells = r.cells;
    row.at(line, cells);
    if (cells.length > width && hasTextFrom(cells, width)) {
      ledger.note('warning', `row has ${cells.length} cells for ${width} columns; extra cells ignored`, {
        line,
      });
    }
    try {
      const record = mapper(row);
      ledger.accept();
      if (keep === undefined || keep(record)) out.push(record);
    } catch (e) {
      if (e instanceof RowError) ledger.reject(line, e.message, e.column);
      else throw e;
    }
  }
  return out;
}

function hasTextFrom(cells: string[], from: number): boolean {
  for (let i = from; i < cells.length; i++) if (cells[i]!.trim() !== '') return true;
  return false;
}
