import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/analysis/model/report.ts';
import { dataSheets } from '../../src/export/data-sheets.ts';
import { cssString } from '../../src/lib/css.ts';
import { dataTables } from '../../src/lib/data-tables.ts';
import { date, money, num, signed } from '../../src/lib/format.ts';
import { linkTo, pageAnchor, rel, uniqueSlugs } from '../../src/lib/links.ts';
import {
  ID_INDEX_PAGE_SIZE,
  idIndex,
  idIndexPageCount,
  REGISTER_PAGE_SIZE,
} from '../../src/lib/register-pages.ts';
import { getReport, ReportNotSetError } from '../../src/lib/report.ts';
import { resolveInside } from '../../src/render/serve.ts';

describe('format', () => {
  it('writes numbers, money and dates the same way on every machine', () => {
    expect(num(1234567)).toBe('1,234,567');
    expect(num(-6)).toBe('−6');
    expect(num(null)).toBe('—');
    expect(signed(3)).toBe('+3');
    expect(money(12345.6, 'EUR')).toBe('€12,346');
    expect(money(-500, 'USD')).toBe('−US$500');
    expect(money(null, 'EUR')).toBe('unpriced');
    expect(date('2026-11-15')).toBe('15 November 2026');
  });
});

describe('links', () => {
  it('are relative to the page, so the site works from any folder', () => {
    expect(rel('/', '/findings/')).toBe('./findings/');
    expect(rel('/va/campus/', '/findings/#va-imbalance-1')).toBe('../../findings/#va-imbalance-1');
    expect(rel('/findings/', '/')).toBe('../');
  });
  it('become fragments inside the print document', () => {
    expect(linkTo('/print/', '/findings/#x-1')).toBe('#x-1');
    expect(linkTo('/print/', '/va/campus/')).toBe(`#${pageAnchor('/va/campus/')}`);
  });
  it('give distinct slugs to names that slugify alike', () => {
    const s = uniqueSlugs(['Lab', 'lab', 'Café Zürich', '<script>']);
    expect([...s.values()]).toEqual(['lab', 'lab-2', 'cafe-zurich', 'script']);
  });
});

describe('cssString', () => {
  it('cannot be broken out of', () => {
    const s = cssString('A "b" </style> ;}\\');
    expect(s.startsWith('"') && s.endsWith('"')).toBe(true);
    expect(s.slice(1, -1)).not.toMatch(/["<>}\\](?![0-9a-f])/);
  });
});

describe('static server paths', () => {
  it('never leave the site folder', () => {
    expect(resolveInside('/srv/site', '/va/x/')).toBe('/srv/site/va/x');
    expect(resolveInside('/srv/site', '/a/../b')).toBe('/srv/site/b');
    expect(resolveInside('/srv/site', '/../etc/passwd')).toBeNull();
    expect(resolveInside('/srv/site', '/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
    expect(resolveInside('/srv/site', '/..%2f..%2fetc')).toBeNull();
    expect(resolveInside('/srv/site', '/../site-other/x')).toBeNull();
    expect(resolveInside('/srv/site', '/a%00b')).toBeNull();
    expect(resolveInside('/srv/site', '/%E0%A4%A')).toBeNull();
  });
});

describe('getReport', () => {
  it('says what to do when TRUEUP_REPORT is not set, and rereads a changed file', async () => {
    const saved = process.env.TRUEUP_REPORT;
    delete process.env.TRUEUP_REPORT;
    expect(() => getReport()).toThrow(ReportNotSetError);
    const dir = await mkdtemp(join(tmpdir(), 'trueup-report-'));
    try {
      const a = join(dir, 'a.json');
      const b = join(dir, 'b.json');
      await writeFile(a, JSON.stringify({ schemaVersion: 1, client: { name: 'A' } }));
      await writeFile(b, JSON.stringify({ schemaVersion: 1, client: { name: 'B' } }));
      process.env.TRUEUP_REPORT = a;
      expect(getReport().client.name).toBe('A');
      process.env.TRUEUP_REPORT = b;
      expect(getReport().client.name).toBe('B');
    } finally {
      if (saved === undefined) delete process.env.TRUEUP_REPORT;
      else process.env.TRUEUP_REPORT = saved;
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('dataTables', () => {
  it('turns arrays of flat records into tables and skips what is too nested', () => {
    const tables = dataTables({
      devices: [
        { hostname: 'sw-1', ageDays: 1200, retired: true, rows: [{ file: 'inventory/a.csv', line: 4 }] },
        { hostname: '<b>x</b>', ageDays: null, retired: false, rows: [] },
      ],
      nested: [{ a: { b: 1 } }],
      total: 3,
    });
    expect(tables.map((t) => t.title)).toEqual(['Devices']);
    expect(tables[0]!.columns.map((c) => [c.label, c.numeric, c.short])).toEqual([
      ['Hostname', false, true],
      ['Age days', true, true],
      ['Retired', false, true],
      ['Rows', false, true],
    ]);
    expect(tables[0]!.rows).toEqual([
      ['sw-1', '1,200', 'Yes', 'inventory/a.csv:4'],
      ['<b>x</b>', '—', 'No', ''],
    ]);
  });

  it('makes no column of a key whose value is undefined in every record, as JSON leaves it out', () => {
    // analysis records keep every key in one literal, `undefined` where there is no value
    const devices = [
      { hostname: 'sw-1', era: undefined, findingId: undefined },
      { hostname: 'sw-2', era: 'slup', findingId: undefined },
    ];
    const [table] = dataTables({ devices });
    expect(table!.columns.map((c) => c.key)).toEqual(['hostname', 'era']);
    expect(table!.rows).toEqual([
      ['sw-1', '—'],
      ['sw-2', 'slup'],
    ]);
    const report = { families: { 'deployment-mode': { data: { devices } } } } as unknown as Report;
    const [sheet] = dataSheets(report);
    expect(sheet!.columns).toEqual(['hostname', 'era']);
    expect(sheet!.rows).toEqual([
      ['sw-1', null],
      ['sw-2', 'slup'],
    ]);
  });
});

describe('idIndex', () => {
  // a rebuild keys the id index pages by the findings' ids in register order alone
  // (src/render/page-reuse.ts): the index must be a function of that order and nothing else
  const report = (ids: string[], status: string) =>
    ({ findings: ids.map((id) => ({ id, status, title: `t ${id}` })) }) as unknown as Report;
  const ids = Array.from({ length: 2 * ID_INDEX_PAGE_SIZE + 7 }, (_, i) => `f-${(i * 7919) % 100_003}`);

  it('is the same for the same ids in the same order, whatever else the findings say', () => {
    const index = idIndex(report(ids, 'open'));
    expect(index.map((p) => p.path)).toEqual(['/findings/ids/', '/findings/ids/2/', '/findings/ids/3/']);
    expect(idIndexPageCount(report(ids, 'open'))).toBe(index.length);
    expect(idIndex(report(ids, 'accepted'))).toEqual(index);
    expect(index.flatMap((p) => p.ids.map((x) => x.id))).toEqual([...ids].sort());
  });

  it('changes when a finding moves to another register page', () => {
    const moved = [...ids];
    [moved[0], moved[REGISTER_PAGE_SIZE]] = [moved[REGISTER_PAGE_SIZE]!, moved[0]!];
    expect(idIndex(report(moved, 'open'))).not.toEqual(idIndex(report(ids, 'open')));
  });

  it('has one empty page when there are no findings', () => {
    expect(idIndex(report([], 'open'))).toEqual([{ n: 1, path: '/findings/ids/', ids: [] }]);
  });
});
