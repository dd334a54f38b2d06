import { neutraliseCell } from './neutralise.ts';

/**
 * One worksheet of findings.xlsx as SpreadsheetML, written directly (exceljs's in-memory workbook
 * took 90 s and 2 GB at 200k devices): a bold header row that stays frozen and carries the
 * autofilter, column widths and number formats, then one row per record. Text is written inline
 * (no shared-string table to build) and formula-neutralised; numbers stay numbers; null and empty
 * text are blank cells.
 */
export type Cell = string | number | null;

/** A column's number format: `count` #,##0 (quantities, request numbers), `money` #,##0.00. */
export type ColumnFormat = 'count' | 'money';

export interface SheetColumn {
  header: string;
  width: number;
  format?: ColumnFormat;
}

export interface Sheet {
  name: string;
  columns: SheetColumn[];
  rows: readonly (readonly Cell[])[];
}

/** Cell style ids, the order of `cellXfs` in `STYLES_XML`: plain, then bold for the header. */
const STYLE = { plain: 0, count: 1, money: 2 } as const;
const BOLD = 3;

export const STYLES_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="3" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/><xf numFmtId="4" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

// control characters XML 1.0 cannot hold are dropped, as exceljs did
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const XML_SPECIAL = /[&<>"]/g;
const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
};

export function xmlText(s: string): string {
  return s.replace(NOT_XML, '').replace(XML_SPECIAL, (c) => ENTITY[c]!);
}

/** Column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(i: number): string {
  let name = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function textCell(ref: string, style: string, text: string): string {
  const space = /^\s|\n|\s$/.test(text) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${style} t="inlineStr"><is><t${space}>${xmlText(text)}</t></is></c>`;
}

function cellXml(ref: string, style: string, v: Cell): string {
  // null, empty text and a number JSON cannot hold are blank cells (empty in findings.csv)
  if (v === null || v === '') return '';
  // dropped before neutralising, so "\u0001=1+1" cannot reach the sheet as "=1+1"
  if (typeof v === 'string') return textCell(ref, style, neutraliseCell(v.replace(NOT_XML, '')));
  if (!Number.isFinite(v)) return '';
  return `<c r="${ref}"${style}><v>${v}</v></c>`;
}

const ROWS_PER_PIECE = 500;

/** The worksheet's XML, in pieces of a few hundred rows. */
export function* sheetXml(sheet: Sheet): Generator<string> {
  const { columns, rows } = sheet;
  const letters = columns.map((_, i) => columnName(i));
  const styles = columns.map((c) => STYLE[c.format ?? 'plain']);
  const cellStyle = styles.map((s) => (s ? ` s="${s}"` : ''));
  const range = `A1:${letters.at(-1) ?? 'A'}${rows.length + 1}`;
  const cols = columns
    .map(
      (c, i) =>
        `<col min="${i + 1}" max="${i + 1}" width="${c.width}"${styles[i] ? ` style="${styles[i]}"` : ''} customWidth="1"/>`,
    )
    .join('');
  const header = columns
    .map((c, i) => textCell(`${letters[i]}1`, ` s="${BOLD + styles[i]!}"`, c.header))
    .join('');
  yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="${range}"/><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ''}<sheetData><row r="1" s="${BOLD}" customFormat="1">${header}</row>`;
  for (let start = 0; start < rows.length; start += ROWS_PER_PIECE) {
    let piece = '';
    for (let r = start; r < Math.min(rows.length, start + ROWS_PER_PIECE); r++) {
      const n = r + 2;
      const row = rows[r]!;
      piece += `<row r="${n}">`;
      for (let i = 0; i < columns.length; i++)
        piece += cellXml(`${letters[i]}${n}`, cellStyle[i]!, row[i] ?? null);
      piece += '</row>';
    }
    yield piece;
  }
  yield `</sheetData><autoFilter ref="${range}"/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
}
