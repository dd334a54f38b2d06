/**
 * Spreadsheet formula injection: a cell that starts with = + - @ (or a tab / carriage return that
 * Excel strips before reading one) is prefixed with an apostrophe so it is shown as text, never
 * evaluated. Numbers stay numbers: a negative quantity is written as a number, not as text.
 */
const DANGEROUS = /^[=+\-@\t\r]/;

export function neutraliseCell(value: string): string {
  return DANGEROUS.test(value) ? `'${value}` : value;
}

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return neutraliseCell(value);
}
