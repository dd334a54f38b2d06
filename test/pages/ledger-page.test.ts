import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEDGER_SHEETS, SITE_LEDGER_ROWS } from '../../src/lib/ledger-rows.ts';
import { ledgerEntry } from '../helpers/inputs.ts';
import type { BuiltFixture } from '../render/helpers.ts';
import { buildFixtureSite } from '../render/helpers.ts';
import { htmlPages, page } from './helpers.ts';

// A client whose export was rejected line by line, and a folder of thousands of captures with
// something to say about each (and a folder of clean ones): the site's ledger page stays small
// and says where every row is.
const REJECTED = SITE_LEDGER_ROWS * 5;
const NOISY_FILES = SITE_LEDGER_ROWS + 500;
let site: BuiltFixture;
beforeAll(async () => {
  site = await buildFixtureSite('test/fixtures/va-basic', (r) => {
    const first = r.ledger[0]!;
    for (let i = 0; i < REJECTED; i++)
      first.rejections.push({ line: i + 2, column: 'Serial', reason: 'empty serial' });
    for (let i = 0; i < NOISY_FILES; i++)
      r.ledger.push(
        ledgerEntry(`captures/dev-${i}.txt`, { notes: [{ level: 'info', message: 'no licence lines' }] }),
      );
    for (let i = 0; i < 30; i++)
      r.ledger.splice(1, 0, ledgerEntry(`clean/dev-${i}.txt`, { rowsRead: 2, rowsAccepted: 2 }));
    r.inputs.push({
      kind: 'captures',
      files: r.ledger.filter((e) => e.kind === 'captures').map((e) => e.file),
    });
  });
}, 300_000);
afterAll(() => site?.cleanup());

describe('the site ledger page', () => {
  it('lists at most SITE_LEDGER_ROWS rows per table and names where the rest are', async () => {
    const $ = await page(site.siteDir, '/ledger/');
    const tables = $('main table');
    expect(tables.length).toBe(3);
    tables.each((_, t) => {
      expect($(t).find('tbody tr').length).toBeLessThanOrEqual(SITE_LEDGER_ROWS);
    });
    const notes = $('.table-note').text().replace(/\s+/g, ' ');
    const rejected = site.report.ledger.reduce((n, e) => n + e.rejections.length, 0);
    expect(notes).toContain(
      `${(rejected - SITE_LEDGER_ROWS).toLocaleString('en-GB')} more rejected rows not shown here: the full list is in ${LEDGER_SHEETS}`,
    );
    expect(notes).toContain(`more notes not shown here: the full list is in ${LEDGER_SHEETS}`);
    expect(notes).toContain('more files not shown here');
    const folded = $('main table')
      .first()
      .find('tbody tr')
      .filter((_, tr) => $(tr).text().includes('clean/ (30 files)'));
    expect(folded.text()).toContain('all listed in findings.xlsx, sheet "Ledger"');
  });

  it('keeps the totals of every file, listed or not', async () => {
    const $ = await page(site.siteDir, '/ledger/');
    const sum = site.report.ledger.reduce((n, e) => n + e.rowsRead, 0);
    expect($('main table').first().find('tfoot').text()).toContain(sum.toLocaleString('en-GB'));
  });

  it('stays under 1.5 MB', async () => {
    const ledger = (await htmlPages(site.siteDir)).find((p) => p.route === '/ledger/')!;
    expect(ledger.bytes).toBeLessThan(1.5 * 1024 * 1024);
  });
});

describe('the methodology page', () => {
  it('lists a folder of thousands of capture files as one line and points to the ledger for each', async () => {
    const $ = await page(site.siteDir, '/methodology/');
    const inputs = $('main table').last();
    expect(inputs.find('code').length).toBeLessThan(20);
    expect(inputs.text().replace(/\s+/g, ' ')).toContain(
      `captures/ (${NOISY_FILES.toLocaleString('en-GB')} files)`,
    );
    expect($('main a[href="../ledger/"]').text()).toBe('input ledger');
  });
});
