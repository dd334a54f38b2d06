import { type Sheet, STYLES_XML, sheetXml, xmlText } from './xlsx-sheet.ts';
import { ZipWriter } from './zip.ts';

/**
 * The .xlsx package around the worksheets: content types, relationships, the workbook (sheet
 * names in order), styles and the document properties, zipped by `ZipWriter` with `date` as both
 * the properties' and the zip entries' date, so the same sheets always give the same bytes.
 */
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const TYPE = 'application/vnd.openxmlformats-officedocument';

function contentTypes(sheets: number): string {
  const sheetTypes = Array.from(
    { length: sheets },
    (_, i) =>
      `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${TYPE}.spreadsheetml.worksheet+xml"/>`,
  ).join('');
  return `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${TYPE}.spreadsheetml.sheet.main+xml"/>${sheetTypes}<Override PartName="/xl/styles.xml" ContentType="${TYPE}.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`;
}

const ROOT_RELS = `${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="${PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`;

function coreProperties(creator: string, date: Date): string {
  const when = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>${xmlText(creator)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`;
}

// relationship ids: rId1..rIdN the sheets, rId(N+1) the styles
function workbook(names: string[]): string {
  const sheets = names
    .map((n, i) => `<sheet name="${xmlText(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('');
  return `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView/></bookViews><sheets>${sheets}</sheets></workbook>`;
}

function workbookRels(sheets: number): string {
  const rels = Array.from(
    { length: sheets },
    (_, i) =>
      `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  ).join('');
  return `${XML}<Relationships xmlns="${PKG_REL}">${rels}<Relationship Id="rId${sheets + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`;
}

/** The workbook of `sheets` (names unique, at most 31 characters), created by `creator` on `date`. */
export async function xlsxPackage(sheets: Sheet[], creator: string, date: Date): Promise<Uint8Array> {
  const zip = new ZipWriter(date);
  await zip.add('[Content_Types].xml', contentTypes(sheets.length));
  await zip.add('_rels/.rels', ROOT_RELS);
  await zip.add('docProps/core.xml', coreProperties(creator, date));
  await zip.add('xl/workbook.xml', workbook(sheets.map((s) => s.name)));
  await zip.add('xl/_rels/workbook.xml.rels', workbookRels(sheets.length));
  await zip.add('xl/styles.xml', STYLES_XML);
  for (const [i, sheet] of sheets.entries())
    await zip.add(`xl/worksheets/sheet${i + 1}.xml`, sheetXml(sheet));
  return zip.finish();
}
