import { createRequire } from 'node:module';
import { inflateRawSync } from 'node:zlib';
import type { FileBytes } from '../lib/file-bytes.ts';
import { escapeMarkup, unescapeMarkup } from '../lib/markup-escape.ts';
import { neutraliseCell } from './neutralise.ts';
import { deflateSegment, type StoredPart, storedBytes, storedParts, ZipArchive } from './zip-archive.ts';

/**
 * An .xlsx of plain sheets. Every sheet has a bold header row that stays frozen and carries the
 * autofilter, column widths and number formats. Text is written inline (no shared-string table
 * to hold) and formula-neutralised; numbers stay numbers; null and empty text are blank cells.
 *
 * Written here rather than by exceljs: its streaming writer made a row model, a style lookup and
 * an XML node per cell, and the zip it wrote was unpacked again to fix entry dates; at 200k devices
 * (about 3M cells) that took 3x the CPU of this file at the same zlib level. The parts are the
 * XML exceljs 4.4 wrote for these sheets, byte for byte (its theme is reused); exceljs still reads
 * workbooks, in trueup and in the tests that check what is written here.
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

// DEFLATE level: 6 (zlib's default) takes twice the CPU of 3 for a file 12% smaller
const ZIP_LEVEL = 3;
// bytes of sheet XML handed to the zip at a time: a sheet is never held whole
const PIECE = 1 << 20;

// exceljs's Office theme, which the fonts and colours of styles.xml refer to
const THEME: string = createRequire(import.meta.url)('exceljs/lib/xlsx/xml/theme1.js');

const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DOC_RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const OFFICE = 'application/vnd.openxmlformats-officedocument';
const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
const X14AC = 'http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac';

// cellXfs of styles.xml: a data cell's style id by its column's format; its header cell's is 3 more
const STYLE_ID: Record<ColumnFormat | 'none', number> = { none: 0, count: 1, money: 2 };
const BOLD = 3;
const STYLES = `${DECLARATION}\n<styleSheet xmlns="${MAIN}" xmlns:mc="${MC}" mc:Ignorable="x14ac x16r2" xmlns:x14ac="${X14AC}" xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main"><fonts count="2" x14ac:knownFonts="1"><font><color theme="1"/><family val="2"/><scheme val="minor"/><sz val="11"/><name val="Calibri"/></font><font><b/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="3" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/><xf numFmtId="4" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/><extLst><ext uri="{EB79DEF2-80B8-43e5-95BD-54CBDDF9020C}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:slicerStyles defaultSlicerStyle="SlicerStyleLight1"/></ext><ext uri="{9260A510-F301-46a8-8635-F512D64BE5F5}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><x15:timelineStyles defaultTimelineStyle="TimeSlicerStyleLight1"/></ext></extLst></styleSheet>`;

const SHEET_START = `${DECLARATION}<worksheet xmlns="${MAIN}" xmlns:r="${DOC_RELS}" xmlns:mc="${MC}" mc:Ignorable="x14ac" xmlns:x14ac="${X14AC}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15" outlineLevelRow="0" outlineLevelCol="0" x14ac:dyDescent="55"/>`;
const SHEET_END =
  '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup orientation="portrait" horizontalDpi="4294967295" verticalDpi="4294967295" scale="100" fitToWidth="1" fitToHeight="1"/></worksheet>';

// control characters XML 1.0 cannot hold
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
/** Text for the XML of a header, sheet name or creator: control characters dropped, escaped. */
function xmlText(s: string): string {
  return escapeMarkup(s.replace(NOT_XML, ''));
}

/** Column letters of the 1-based column `n`: A…Z, AA… */
function columnLetters(n: number): string {
  let out = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) out = String.fromCharCode(65 + ((k - 1) % 26)) + out;
  return out;
}

/**
 * Excel reads `_xHHHH_` in a string's text as the character HHHH (ST_Xstring, ECMA-376 Part 1
 * 22.9.2.19; MS-OI29500 2.1.1747): a literal one keeps its first underscore as `_x005F_`, and a
 * carriage return, which XML would read as a line feed, is written as `_x000D_`.
 */
const XSTRING_LITERAL = /_(?=x[0-9A-Fa-f]{4}_)/g;
function xstring(s: string): string {
  const literal = s.includes('_x') ? s.replace(XSTRING_LITERAL, '_x005F_') : s;
  return literal.includes('\r') ? literal.replaceAll('\r', '_x000D_') : literal;
}

/** The text an `xstring` was made from. */
const unxstring = (s: string) =>
  s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

/** Leading or trailing white space, which Excel keeps in a string's text only when told to. */
const EDGE_SPACE = /^\s|\s$/;

/**
 * A cell's XML, or '' for a blank. Text is an inline string, whose `_xHHHH_` escapes Excel
 * decodes (whether it decodes them in a `t="str"` value is not documented).
 */
function cellXml(ref: string, style: string, v: Cell): string {
  if (typeof v === 'number') return Number.isFinite(v) ? `<c r="${ref}"${style}><v>${v}</v></c>` : '';
  if (v === null || v === '') return '';
  // control characters go before neutralising, so "\u0001=1+1" cannot reach the sheet as "=1+1"
  const text = neutraliseCell(v.replace(NOT_XML, ''));
  const space = EDGE_SPACE.test(text) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${style} t="inlineStr"><is><t${space}>${escapeMarkup(xstring(text))}</t></is></c>`;
}

/** Runs of adjacent columns of the same width and format share one <col>. */
function colsXml(columns: readonly SheetColumn[]): string {
  let xml = '';
  for (let i = 0, j = 0; i < columns.length; i = j) {
    const { width, format } = columns[i]!;
    while (j < columns.length && columns[j]!.width === width && columns[j]!.format === format) j++;
    const style = format ? ` style="${STYLE_ID[format]}"` : '';
    xml += `<col min="${i + 1}" max="${j}" width="${width}"${style} customWidth="1"/>`;
  }
  return xml && `<cols>${xml}</cols>`;
}

function headerXml(columns: readonly SheetColumn[], letters: string[]): string {
  if (!columns.length) return '';
  const cells = columns.map(
    (c, i) =>
      `<c r="${letters[i]}1" s="${BOLD + STYLE_ID[c.format ?? 'none']}" t="str"><v>${xmlText(xstring(c.header))}</v></c>`,
  );
  return `<row r="1" spans="1:${columns.length}" s="${BOLD}" customFormat="1" x14ac:dyDescent="0.25">${cells.join('')}</row>`;
}

/**
 * Sheet XML encoded into pieces of about PIECE bytes as it is made: UTF-8 encoding each row into
 * the piece is cheaper than encoding a piece built as one long string (2 of 5 s at 200k devices).
 */
class Pieces {
  #piece = Buffer.allocUnsafe(PIECE);
  #at = 0;

  /** Adds `xml`; returns the piece it filled, if any, to hand to the zip. */
  add(xml: string): Buffer | undefined {
    // a UTF-16 code unit is at most 3 bytes of UTF-8
    if (this.#at + xml.length * 3 <= this.#piece.length) {
      this.#at += this.#piece.write(xml, this.#at);
      return undefined;
    }
    const full = this.#piece.subarray(0, this.#at);
    this.#piece = Buffer.allocUnsafe(Math.max(PIECE, xml.length * 3));
    this.#at = this.#piece.write(xml);
    return full;
  }

  rest(): Buffer {
    return this.#piece.subarray(0, this.#at);
  }
}

/** What a sheet's rows are written with: its columns' letters and cell styles. */
interface RowLayout {
  columns: readonly SheetColumn[];
  letters: string[];
  styles: string[];
}

function rowLayout(columns: readonly SheetColumn[]): RowLayout {
  return {
    columns,
    letters: columns.map((_, i) => columnLetters(i + 1)),
    styles: columns.map((c) => (c.format ? ` s="${STYLE_ID[c.format]}"` : '')),
  };
}

/** The sheet's XML up to its first data row. */
function sheetHead(layout: RowLayout): string {
  return `${SHEET_START}${colsXml(layout.columns)}<sheetData>${headerXml(layout.columns, layout.letters)}`;
}

/** Row `n`'s XML (1-based, the header being 1), or '' for a row with no cell (left out, as exceljs did). */
function rowXml(layout: RowLayout, row: readonly Cell[], n: number): string {
  const { columns, letters, styles } = layout;
  let cells = '';
  let min = 0;
  let max = 0;
  for (let i = 0; i < columns.length; i++) {
    const cell = cellXml(`${letters[i]}${n}`, styles[i]!, row[i] ?? null);
    if (!cell) continue;
    if (!min) min = i + 1;
    max = i + 1;
    cells += cell;
  }
  return cells && `<row r="${n}" spans="${min}:${max}" x14ac:dyDescent="0.25">${cells}</row>`;
}

/** The sheet's XML after its last row, for `rows` data rows. */
function sheetTail(layout: RowLayout, rows: number): string {
  const filter = `A1:${columnLetters(Math.max(1, layout.columns.length))}${rows + 1}`;
  return `</sheetData><autoFilter ref="${filter}"/>${SHEET_END}`;
}

/** A sheet's XML, in pieces. */
function* sheetXml(sheet: Sheet): Generator<Uint8Array> {
  const { rows } = sheet;
  const layout = rowLayout(sheet.columns);
  const pieces = new Pieces();
  pieces.add(sheetHead(layout));
  for (let r = 0; r < rows.length; r++) {
    const xml = rowXml(layout, rows[r]!, r + 2);
    if (!xml) continue;
    const full = pieces.add(xml);
    if (full?.length) yield full;
  }
  const full = pieces.add(sheetTail(layout, rows.length));
  if (full?.length) yield full;
  yield pieces.rest();
}

/**
 * A sheet written in blocks of rows, each DEFLATEd on its own (`deflateSegment`), so that a later
 * workbook copies the blocks whose rows have not changed, compressed as they are, and writes only
 * the others: a decision on one finding rewrites one block of "All findings", not 48,000 rows.
 */
export interface BlockedSheet {
  name: string;
  columns: SheetColumn[];
  rowCount: number;
  /** Rows per block: block b holds rows [b * blockRows, (b + 1) * blockRows). */
  blockRows: number;
  /** Block b's rows, asked for only when it is written. */
  rows(block: number): readonly (readonly Cell[])[];
  /** Block b as the last workbook stored it, when its rows are the same. */
  kept(block: number): StoredPart | undefined;
  /** Filled as the sheet is written: each block's segment and where it lies in the part. */
  written: BlockPlace[];
}

/** Where a block of a blocked sheet lies in the part's DEFLATEd data, with its CRC and size. */
export interface BlockPlace {
  at: number;
  compressedSize: number;
  crc: number;
  size: number;
}

/**
 * Block b's XML as UTF-8, each row encoded straight into the block's buffer: joining the rows into
 * one string first made a second megabyte of new memory per block (see packed-bytes.ts).
 */
function blockXml(sheet: BlockedSheet, layout: RowLayout, b: number): Buffer {
  const first = b * sheet.blockRows;
  let out = Buffer.allocUnsafe(PIECE);
  let at = 0;
  for (const [i, row] of sheet.rows(b).entries()) {
    const xml = rowXml(layout, row, first + i + 2);
    // a UTF-16 code unit is at most 3 bytes of UTF-8
    if (at + xml.length * 3 > out.length) {
      const grown = Buffer.allocUnsafe(Math.max(out.length * 2, at + xml.length * 3));
      out.copy(grown, 0, 0, at);
      out = grown;
    }
    at += out.write(xml, at);
  }
  return out.subarray(0, at);
}

async function addBlockedSheet(zip: ZipArchive, name: string, sheet: BlockedSheet): Promise<void> {
  const layout = rowLayout(sheet.columns);
  const blocks = Math.ceil(sheet.rowCount / sheet.blockRows);
  const segments: StoredPart[] = [await deflateSegment(Buffer.from(sheetHead(layout)), ZIP_LEVEL)];
  // blocks are compressed on the thread pool while the next are written, a few at a time
  const made: Promise<StoredPart>[] = [];
  let taken = 0;
  for (let b = 0; b < blocks; b++) {
    const stored = sheet.kept(b);
    const segment = stored ? Promise.resolve(stored) : deflateSegment(blockXml(sheet, layout, b), ZIP_LEVEL);
    // awaited in turn below: a failure is not unhandled while an earlier block is awaited
    segment.catch(() => undefined);
    made.push(segment);
    if (made.length - taken > BLOCKS_IN_FLIGHT) segments.push(await made[taken++]!);
  }
  while (taken < made.length) segments.push(await made[taken++]!);
  segments.push(await deflateSegment(Buffer.from(sheetTail(layout, sheet.rowCount)), ZIP_LEVEL));
  const starts = zip.addSegments(name, segments);
  sheet.written.length = 0;
  for (let b = 0; b < blocks; b++) {
    const s = segments[b + 1]!;
    sheet.written.push({ at: starts[b + 1]!, compressedSize: s.compressedSize, crc: s.crc, size: s.size });
  }
}

// blocks of XML held at once while they are compressed: both cores busy, memory bounded
const BLOCKS_IN_FLIGHT = 3;

function contentTypesXml(sheets: number): string {
  const sheet = `${OFFICE}.spreadsheetml.worksheet+xml`;
  const overrides = Array.from(
    { length: sheets },
    (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${sheet}"/>`,
  );
  return `${DECLARATION}\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${OFFICE}.spreadsheetml.sheet.main+xml"/>${overrides.join('')}<Override PartName="/xl/theme/theme1.xml" ContentType="${OFFICE}.theme+xml"/><Override PartName="/xl/styles.xml" ContentType="${OFFICE}.spreadsheetml.styles+xml"/><Default Extension="vml" ContentType="${OFFICE}.vmlDrawing"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="${OFFICE}.extended-properties+xml"/></Types>`;
}

function packageRelsXml(): string {
  return `${DECLARATION}\n<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${DOC_RELS}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="${RELS}/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="${DOC_RELS}/extended-properties" Target="docProps/app.xml"/></Relationships>`;
}

function appXml(names: string[]): string {
  const titles = names.map((n) => `<vt:lpstr>${xmlText(n)}</vt:lpstr>`).join('');
  return `${DECLARATION}\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${names.length}</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="${names.length}" baseType="lpstr">${titles}</vt:vector></TitlesOfParts><Company></Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>`;
}

function coreXml(creator: string, date: Date): string {
  const who = xmlText(creator);
  const when = date.toISOString().replace(/[.]\d{3}/, '');
  const dated = (tag: string) => `<dcterms:${tag} xsi:type="dcterms:W3CDTF">${when}</dcterms:${tag}>`;
  return `${DECLARATION}\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>${who}</dc:creator><cp:lastModifiedBy>${who}</cp:lastModifiedBy>${dated('created')}${dated('modified')}</cp:coreProperties>`;
}

// rId1 and rId2 are the styles and the theme; sheet i (from 0) is rId(i + 3)
function workbookRelsXml(sheets: number): string {
  const rels = Array.from(
    { length: sheets },
    (_, i) =>
      `<Relationship Id="rId${i + 3}" Type="${DOC_RELS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  );
  return `${DECLARATION}\n<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${DOC_RELS}/styles" Target="styles.xml"/><Relationship Id="rId2" Type="${DOC_RELS}/theme" Target="theme/theme1.xml"/>${rels.join('')}</Relationships>`;
}

function workbookXml(names: string[]): string {
  const sheets = names.map(
    (n, i) => `<sheet sheetId="${i + 1}" name="${xmlText(xstring(n))}" state="visible" r:id="rId${i + 3}"/>`,
  );
  return `${DECLARATION}\n<workbook xmlns="${MAIN}" xmlns:r="${DOC_RELS}" xmlns:mc="${MC}" mc:Ignorable="x15" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><fileVersion appName="xl" lastEdited="5" lowestEdited="5" rupBuild="9303"/><workbookPr defaultThemeVersion="164011" filterPrivacy="1"/><sheets>${sheets.join('')}</sheets><calcPr calcId="171027"/></workbook>`;
}

/**
 * Each sheet's stored part in a workbook this module wrote, by sheet name (its workbook.xml names
 * sheet i as rId(i + 2), the part xl/worksheets/sheet(i).xml). Empty when it cannot be read.
 */
export function keptSheets(workbook: Uint8Array | FileBytes): Map<string, StoredPart> {
  const parts = storedParts(workbook);
  const index = parts.get('xl/workbook.xml');
  const kept = new Map<string, StoredPart>();
  if (!index) return kept;
  const xml = inflateRawSync(storedBytes(index)).toString('utf8');
  for (const m of xml.matchAll(/<sheet sheetId="\d+" name="([^"]*)" state="visible" r:id="rId(\d+)"\/>/g)) {
    const part = parts.get(`xl/worksheets/sheet${Number(m[2]) - 2}.xml`);
    if (part) kept.set(unxstring(unescapeMarkup(m[1]!)), part);
  }
  return kept;
}

/** A sheet whose part is taken whole from the last workbook (see `keptSheets`). */
export interface KeptSheet {
  name: string;
  part: StoredPart;
}

/**
 * The workbook of `sheets` (names unique, at most 31 characters), created by `creator` on `date`.
 * A kept sheet's part is copied as stored.
 */
export async function xlsxWorkbook(
  sheets: (Sheet | KeptSheet | BlockedSheet)[],
  creator: string,
  date: Date,
): Promise<Uint8Array> {
  const zip = new ZipArchive(date, ZIP_LEVEL);
  const names = sheets.map((s) => s.name);
  await zip.add('xl/theme/theme1.xml', [THEME]);
  await zip.add('_rels/.rels', [packageRelsXml()]);
  for (const [i, sheet] of sheets.entries()) {
    const name = `xl/worksheets/sheet${i + 1}.xml`;
    if ('part' in sheet) zip.addStored(name, sheet.part);
    else if ('blockRows' in sheet) await addBlockedSheet(zip, name, sheet);
    else await zip.add(name, sheetXml(sheet));
  }
  await zip.add('[Content_Types].xml', [contentTypesXml(sheets.length)]);
  await zip.add('docProps/app.xml', [appXml(names)]);
  await zip.add('docProps/core.xml', [coreXml(creator, date)]);
  await zip.add('xl/styles.xml', [STYLES]);
  await zip.add('xl/_rels/workbook.xml.rels', [workbookRelsXml(sheets.length)]);
  await zip.add('xl/workbook.xml', [workbookXml(names)]);
  return zip.bytes();
}
