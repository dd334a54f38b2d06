import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/analysis/load/catalog.ts';
import type { Catalog } from '../../src/analysis/model/catalog.ts';
import { buildClient } from '../../src/build/build-client.ts';
import { FileEffects } from '../../src/build/effects.ts';
import { createRenderer } from '../../src/build/renderer.ts';
import { generateClient } from '../../src/generate/generate.ts';
import { readLicenceCatalog, writeClientFolder } from '../../src/generate/io.ts';
import { syntheticProfile } from '../../src/generate/profile.ts';
import { REGISTER_PAGE_SIZE } from '../../src/lib/register-pages.ts';

/**
 * A rebuild after a workbook decision keeps the register pages whose findings did not change and
 * renders the rest; the site it leaves is byte for byte the site a build from scratch makes.
 */
let root: string;
let folder: string;
let catalog: Catalog;

async function build(out: string): Promise<string[]> {
  const effects = new FileEffects(true, true);
  await buildClient(folder, catalog, { out, pdf: false }, effects, await createRenderer());
  return effects.lines!;
}

function siteFiles(out: string): Map<string, string> {
  const site = join(out, 'reuse4k', 'site');
  return new Map(
    readdirSync(site, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => {
        const f = join(e.parentPath, e.name);
        return [relative(site, f), readFileSync(f, 'latin1')] as const;
      }),
  );
}

function decide(id: string): void {
  mkdirSync(join(folder, 'workbook'), { recursive: true });
  writeFileSync(
    join(folder, 'workbook', 'findings.yaml'),
    `${id}:\n  status: accepted\n  comment: reuse test\n`,
  );
}

const siteLine = (lines: string[]) => lines.find((l) => l.startsWith('  site:')) ?? '';

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'trueup-reuse-'));
  folder = join(root, 'reuse4k');
  writeClientFolder(
    folder,
    generateClient({
      id: 'reuse4k',
      seed: '3',
      devices: 4000,
      profile: syntheticProfile('reuse4k'),
      catalog: readLicenceCatalog(),
    }),
  );
  catalog = await loadCatalog();
}, 300_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('site page reuse on a rebuild', () => {
  it('keeps unchanged register pages and leaves the same site as a build from scratch', async () => {
    const out = join(root, 'out');
    expect(siteLine(await build(out))).toMatch(/; 0 of \d+ register, id index and family pages kept/);
    const csv = readFileSync(join(out, 'reuse4k', 'findings.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(csv.length - 1).toBeGreaterThan(2 * REGISTER_PAGE_SIZE); // three register pages at least
    const family = csv[0]!.split(',').indexOf('family');
    const [onPage2, itsFamily] = [0, family].map((c) => csv[1 + REGISTER_PAGE_SIZE]!.split(',')[c]!);
    decide(onPage2!);

    // register page 2, and the decided finding's family page (unless it is always rendered)
    const rendered = itsFamily === 'va-imbalance' || itsFamily === 'data-quality' ? 1 : 2;
    const rebuilt = siteLine(await build(out));
    expect(rebuilt).toMatch(
      new RegExp(
        `; [1-9]\\d* of \\d+ register, id index and family pages kept from the last build, ${rendered} rendered`,
      ),
    );
    // the print page's family chapters: all but the decided finding's (and the two always rendered)
    const chapters = /; (\d+) of (\d+) family chapters of the print page kept/.exec(rebuilt);
    expect(chapters, rebuilt).not.toBeNull();
    expect(Number(chapters![1])).toBe(Number(chapters![2]) - (rendered === 2 ? 1 : 0));
    expect(Number(chapters![1])).toBeGreaterThan(0);
    const fresh = join(root, 'fresh');
    await build(fresh);
    const a = siteFiles(out);
    const b = siteFiles(fresh);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [f, text] of b) expect(a.get(f), f).toBe(text);
    expect(a.get('findings/2/index.html')).toContain('reuse test');
    // a page for every family of the report, kept or rendered
    const report = JSON.parse(readFileSync(join(out, 'reuse4k', 'report.json'), 'utf8'));
    const families = Object.keys(report.families);
    expect(families).toContain('data-quality');
    for (const f of families) expect(a.has(join('families', f, 'index.html')), f).toBe(true);
  }, 600_000);

  it('renders a page again when the file from the last build was changed since', async () => {
    const out = join(root, 'out');
    const page3 = join(out, 'reuse4k', 'site', 'findings', '3', 'index.html');
    const before = readFileSync(page3, 'utf8');
    writeFileSync(page3, before.replace('</main>', '<p>edited by hand</p></main>'));
    const lines = await build(out);
    expect(readFileSync(page3, 'utf8')).toBe(before);
    expect(siteLine(lines)).toMatch(/kept from the last build, 1 rendered/); // only the edited one
  }, 600_000);

  it('renders every print chapter again when the print page from the last build was changed since', async () => {
    const out = join(root, 'out');
    const print = join(out, 'reuse4k', 'site', 'print', 'index.html');
    const before = readFileSync(print, 'utf8');
    const chapter = /<section data-print-part="(p-families-(?!va-imbalance|data-quality)[a-z-]+)"/.exec(
      before,
    )?.[1];
    expect(chapter).toBeDefined();
    // a chapter's text edited by hand: taken as it is, it would be in the new print page
    writeFileSync(
      print,
      before.replace(`data-print-part="${chapter}"`, `data-print-part="${chapter}" data-edited`),
    );
    const lines = await build(out);
    expect(siteLine(lines)).toMatch(/; 0 of [1-9]\d* family chapters of the print page kept/);
    expect(readFileSync(print, 'utf8')).toBe(before);
  }, 600_000);

  it("renders a family page again when its narrative lists another family's findings whose decisions changed", async () => {
    const out = join(root, 'out');
    const rows = readFileSync(join(out, 'reuse4k', 'findings.csv'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(','));
    const family = rows[0]!.indexOf('family');
    const cited = rows[1]![family]!;
    const pages = readdirSync(join(out, 'reuse4k', 'site', 'families'));
    const citing = pages.find((f) => f !== cited && f !== 'va-imbalance' && f !== 'data-quality')!;
    const decided = rows.slice(2).find((r) => r[family] === cited)![0]!;
    mkdirSync(join(folder, 'workbook', 'sections'), { recursive: true });
    writeFileSync(
      join(folder, 'workbook', 'sections', `${citing}.mdx`),
      `Accepted elsewhere: <FindingsTable family="${cited}" status="accepted" limit="200" />\n`,
    );
    await build(out);
    decide(decided);
    const lines = await build(out);
    const page = join(out, 'reuse4k', 'site', 'families', citing, 'index.html');
    expect(readFileSync(page, 'utf8')).toContain(decided);
    expect(siteLine(lines)).toMatch(/kept from the last build, [1-9]\d* rendered/);
    const fresh = join(root, 'fresh-narrative');
    await build(fresh);
    const a = siteFiles(out);
    for (const [f, text] of siteFiles(fresh)) expect(a.get(f), f).toBe(text);
  }, 600_000);
});
