import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBuild, pageTexts, ROOT } from './helpers.ts';

// test/fixtures/workbook: workbook/findings.yaml sets status, owner and comment on two findings
// and names one id that matches none; workbook/sections/va-imbalance.mdx overrides the template.
const DISPUTED = 'va-imbalance-2df5c13a';
const ACCEPTED = 'va-imbalance-57728b8f';
const UNKNOWN = 'va-imbalance-0000dead';
const COMMENT = 'Cisco agreed on the Q3 call to move two seats from Campus.';
const OVERRIDE = 'Override from the advisor: Branches and Campus share one budget';
const TEMPLATE = 'Licences can only be consumed by devices in their own Virtual Account';

let tmp: string;
let out: string;
let log: string;
let pdfText: string;
const site = (route: string) => readFile(join(out, 'site', route, 'index.html'), 'utf8');

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'trueup-workbook-'));
  log = await cliBuild(join(ROOT, 'test/fixtures/workbook'), tmp);
  out = join(tmp, 'workbook');
  pdfText = pageTexts(join(out, 'workbook-licence-review.pdf')).join('\n').replace(/\s+/g, ' ');
}, 300_000);

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** The register row of a finding: from its <tr id> to the next </tr>. */
function row(html: string, id: string): string {
  const start = html.indexOf(`<tr id="${id}"`);
  expect(start, `register row ${id}`).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</tr>', start));
}

describe('workbook decisions', () => {
  it('warn about an id that matches no finding, in the build log and on the ledger page', async () => {
    expect(log).toMatch(new RegExp(`warning: .*${UNKNOWN}`));
    expect(await site('ledger')).toContain(UNKNOWN);
    expect(pdfText).toContain(`no finding has the id "${UNKNOWN}"`);
  });

  it('show status, owner and comment in the site register', async () => {
    const html = await site('findings');
    const disputed = row(html, DISPUTED);
    expect(disputed).toContain('data-status="disputed"');
    expect(disputed).toMatch(/<td class="status">Disputed<\/td>/);
    expect(disputed).toContain(COMMENT);
    expect(disputed).toContain('Jane Advisor');
    expect(row(html, ACCEPTED)).toMatch(/<td class="status">Accepted<\/td>/);
  });

  it('show status and comment in the PDF', () => {
    expect(pdfText).toContain(COMMENT);
    expect(pdfText).toContain('Jane Advisor');
    expect(pdfText).toMatch(new RegExp(`${DISPUTED} .{0,120}Disputed`));
    expect(pdfText).toContain('Budgeted for the March true-up.');
  });

  it('show the status in findings.csv (its contract has no comment column)', async () => {
    const csv = (await readFile(join(out, 'findings.csv'), 'utf8')).split('\n');
    const header = csv[0]!.split(',');
    const status = header.indexOf('status');
    const cells = (id: string) => csv.find((l) => l.startsWith(`${id},`))!.split(',');
    expect(cells(DISPUTED)[status]).toBe('disputed');
    expect(cells(ACCEPTED)[status]).toBe('accepted');
  });

  it('show status, owner and comment in findings.xlsx', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(join(out, 'findings.xlsx'))) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('va-imbalance')!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    const find = (id: string) => rows.find((r) => r[1] === id)!;
    const col = (name: string) => header.indexOf(name);
    expect(find(DISPUTED)[col('status')]).toBe('disputed');
    expect(find(DISPUTED)[col('owner')]).toBe('Jane Advisor');
    expect(find(DISPUTED)[col('comment')]).toBe(COMMENT);
    expect(find(ACCEPTED)[col('status')]).toBe('accepted');
    const all = wb.getWorksheet('All findings')!;
    const allHeader = (all.getRow(1).values as unknown[]).map(String);
    const allRow = (all.getSheetValues().filter(Boolean) as unknown[][]).find((r) => r[1] === DISPUTED)!;
    expect(allRow[allHeader.indexOf('status')]).toBe('disputed');
  });
});

describe('section override', () => {
  it('replaces the template on the site and in the PDF', async () => {
    const page = await site('families/va-imbalance');
    expect(page).toContain(OVERRIDE);
    expect(page).not.toContain(TEMPLATE);
    expect(pdfText).toContain(OVERRIDE);
    expect(pdfText).not.toContain(TEMPLATE);
  });
});
