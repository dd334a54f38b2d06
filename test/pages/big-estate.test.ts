import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateClient } from '../../src/generate/generate.ts';
import { readLicenceCatalog, writeClientFolder } from '../../src/generate/io.ts';
import { syntheticProfile } from '../../src/generate/profile.ts';
import { PRINT_REGISTER_LIMIT, printRegister } from '../../src/lib/print-limits.ts';
import { findingPath, idIndex, registerPageCount, registerPagePath } from '../../src/lib/register-pages.ts';
import type { BuiltFixture } from '../render/helpers.ts';
import { buildWithNarrative, htmlPages, page, resolveHref } from './helpers.ts';

const MAX_PAGE_BYTES = 1.5 * 1024 * 1024;

// A generated 20,000-device client: every site page stays under 1.5 MB, and the paginated
// register keeps every finding reachable by id.
let folder: string;
let site: BuiltFixture;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trueup-big-'));
  const client = generateClient({
    id: 'big',
    seed: '7',
    devices: 20_000,
    profile: syntheticProfile('big'),
    catalog: readLicenceCatalog(),
  });
  writeClientFolder(join(folder, 'big'), client);
  site = await buildWithNarrative(join(folder, 'big'));
}, 300_000);
afterAll(async () => {
  await site?.cleanup();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('a 20,000-device estate', () => {
  it('has no site page over 1.5 MB, the print document included', async () => {
    const pages = await htmlPages(site.siteDir);
    expect(pages.some((p) => p.route === '/print/')).toBe(true);
    const over = pages.filter((p) => p.bytes > MAX_PAGE_BYTES);
    expect(over).toEqual([]);
    expect(site.report.findings.length).toBeGreaterThan(1000);
  });

  it('splits the register into pages and puts every finding on the page its links point to', async () => {
    const count = registerPageCount(site.report);
    expect(count).toBeGreaterThan(1);
    const seen = new Map<string, string>();
    for (let n = 1; n <= count; n++) {
      const route = registerPagePath(n);
      const $ = await page(site.siteDir, route);
      $('table[data-register] tbody tr[id]').each((_, tr) => {
        const id = $(tr).attr('id')!;
        expect(seen.has(id), id).toBe(false);
        seen.set(id, route);
      });
    }
    expect(seen.size).toBe(site.report.findings.length);
    for (const f of site.report.findings)
      expect(findingPath(site.report, f.id)).toBe(`${seen.get(f.id)}#${f.id}`);
  });

  it('links findings from family and VA pages straight to the register page holding them', async () => {
    const routes = (await htmlPages(site.siteDir))
      .map((p) => p.route)
      .filter((r) => r.startsWith('/families/') || r.startsWith('/va/') || r === '/');
    let checked = 0;
    for (const route of routes) {
      const $ = await page(site.siteDir, route);
      $('a[href*="findings/"]').each((_, a) => {
        const target = resolveHref(route, $(a).attr('href')!);
        if (!target.hash) return;
        const f = site.report.findings.find((x) => x.id === target.hash);
        expect(f, target.hash).toBeDefined();
        expect(`${target.route}#${target.hash}`).toBe(findingPath(site.report, target.hash));
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('has an index of every finding id, each linking to its register page', async () => {
    const index = idIndex(site.report);
    let ids = 0;
    for (const p of index) {
      const $ = await page(site.siteDir, p.path);
      $('.id-index li').each((_, li) => {
        const id = $(li).attr('id')!;
        const target = resolveHref(p.path, $(li).find('a').attr('href')!);
        expect(`${target.route}#${target.hash}`).toBe(findingPath(site.report, id));
        ids++;
      });
    }
    expect(ids).toBe(site.report.findings.length);
  });

  it('prints the most severe findings in the PDF register and counts the rest per severity', async () => {
    const $ = await page(site.siteDir, '/print/');
    const register = $('#p-findings table[data-register] tbody tr[id]');
    expect(register.length).toBe(PRINT_REGISTER_LIMIT);
    const { shown, omitted } = printRegister(site.report.findings);
    expect(register.map((_, tr) => $(tr).attr('id')).get()).toEqual(shown.map((f) => f.id));
    const note = $('#p-findings .appendix-note').text().replace(/\s+/g, ' ');
    expect(note).toContain(`of ${site.report.findings.length.toLocaleString('en-GB')} findings`);
    for (const o of omitted) expect(note).toContain(`${o.count.toLocaleString('en-GB')} ${o.severity}`);
    // chapters then point to findings.csv, not to an appendix that no longer holds every finding
    expect($('body').hasClass('register-cut')).toBe(true);
    const cut = $('.more-rows').text();
    expect(cut).toContain('every finding is in findings.csv');
    expect(cut).not.toContain('Every finding is also in Appendix A');
  });
});
