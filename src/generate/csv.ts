/**
 * CSV text built row by row into chunks of a few thousand lines, joined as soon as a chunk is
 * full: row strings die young (cheap for the GC) and no file goes through one giant join. The file
 * line of every row is known so planted data-quality rows can cite `file:line`.
 */
const CHUNK_LINES = 5000;

export class CsvTable {
  readonly path: string;
  readonly header: readonly string[];
  private readonly done: string[] = [];
  private pending: string[];
  private lines = 1;

  constructor(path: string, header: readonly string[]) {
    this.path = path;
    this.header = header;
    this.pending = [header.map(csvCell).join(',')];
  }

  /** Append one row; returns its 1-based line number in the file (the header is line 1). */
  add(cells: readonly (string | number | undefined)[]): number {
    let line = '';
    for (let i = 0; i < cells.length; i++) {
      if (i > 0) line += ',';
      const c = cells[i];
      line += c === undefined ? '' : typeof c === 'number' ? String(c) : csvCell(c);
    }
    this.pending.push(line);
    if (this.pending.length >= CHUNK_LINES) {
      this.done.push(`${this.pending.join('\n')}\n`);
      this.pending = [];
    }
    this.lines++;
    return this.lines;
  }

  get rowCount(): number {
    return this.lines - 1;
  }

  /** The file as chunks, each ending in a newline. */
  chunks(): string[] {
    return this.pending.length ? [...this.done, `${this.pending.join('\n')}\n`] : [...this.done];
  }
}

const NEEDS_QUOTES = /[",\r\n]/;

/** RFC 4180 quoting: only when the cell holds a comma, quote or line break. */
export function csvCell(s: string): string {
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
