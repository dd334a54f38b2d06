/**
 * CSV text built row by row into an array of lines (joined once at the end, never re-concatenated),
 * with the file line of every row known so planted data-quality rows can cite `file:line`.
 */
export class CsvTable {
  readonly path: string;
  readonly header: readonly string[];
  private readonly lines: string[];

  constructor(path: string, header: readonly string[]) {
    this.path = path;
    this.header = header;
    this.lines = [header.map(csvCell).join(',')];
  }

  /** Append one row; returns its 1-based line number in the file (the header is line 1). */
  add(cells: readonly (string | number | undefined)[]): number {
    let line = '';
    for (let i = 0; i < cells.length; i++) {
      if (i > 0) line += ',';
      const c = cells[i];
      line += c === undefined ? '' : typeof c === 'number' ? String(c) : csvCell(c);
    }
    this.lines.push(line);
    return this.lines.length;
  }

  get rowCount(): number {
    return this.lines.length - 1;
  }

  /** The file as chunks of at most `size` lines, each ending in a newline. */
  chunks(size = 20_000): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.lines.length; i += size)
      out.push(`${this.lines.slice(i, i + size).join('\n')}\n`);
    return out;
  }
}

/** RFC 4180 quoting: only when the cell holds a comma, quote or line break. */
export function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
