import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/analysis/load/catalog.ts';
import { loadClientFolder } from '../../src/analysis/load/client-folder.ts';
import type { Report } from '../../src/analysis/model/report.ts';
import { buildReport } from '../../src/analysis/report/build-report.ts';
import { buildSite } from '../../src/render/site.ts';
import { ROOT } from './helpers.ts';

/**
 * A site rendered from the bundle an earlier build kept is, byte for byte, the site Astro's own
 * build makes; the bundle holds the site's code and no client's data; and a kept bundle whose
 * files changed is never run.
 */
let tmp: string;
let report: Report;
// below the repository root, where a bundle's imports of node_modules resolve
const store = join(ROOT, '.cache', `site-bundle-test-${process.pid}`);

async function reportFile(name: string, r: Report): Promise<string> {
  const path = join(tmp, `${name}.json`);
  await writeFile(path, JSON.stringify(r));
  return path;
}

async function files(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const list = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  return new Map(
    await Promise.all(
      list.map(async (f) => [relative(dir, f), (await readFile(f)).toString('latin1')] as const),
    ),
  );
}

const build = async (name: string, reportPath: string, reuse?: boolean) =>
  buildSite({
    reportPath,
    outDir: join(tmp, name),
    root: ROOT,
    bundle: { store, ...(reuse === undefined ? {} : { reuse }) },
  });

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'trueup-bundle-'));
  const catalog = await loadCatalog();
  report = buildReport(await loadClientFolder(join(ROOT, 'test/fixtures/va-basic'), catalog), catalog);
}, 60_000);

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
  await rm(store, { recursive: true, force: true });
});

describe('the kept site bundle', () => {
  it('renders the same site as an Astro build, for any report, and keeps no client data', async () => {
    const path = await reportFile('report', report);
    const astro = await build('astro', path, false);
    expect(astro.bundle).toEqual({ kept: false, why: 'asked to bundle afresh' });
    const kept = await build('kept', path);
    expect(kept.bundle).toEqual({ kept: true });
    expect(kept.pages).toBe(astro.pages);
    const [a, k] = [await files(join(tmp, 'astro')), await files(join(tmp, 'kept'))];
    expect([...k.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [f, text] of a) expect(k.get(f), f).toBe(text);

    // another client's report, rendered from the same bundle, shows that client
    const other = await reportFile('other', {
      ...report,
      client: { ...report.client, name: 'Zebra Quartz Holdings' },
    });
    expect((await build('other', other)).bundle).toEqual({ kept: true });
    const overview = readFileSync(join(tmp, 'other', 'index.html'), 'utf8');
    expect(overview.includes('<h1>Zebra Quartz Holdings</h1>')).toBe(true);
    expect(overview.includes(`<h1>${report.client.name}</h1>`)).toBe(false);

    const bundleDirs = readdirSync(store).filter((d) => !d.startsWith('.'));
    expect(bundleDirs).toHaveLength(1);
    const keptFiles = await files(join(store, bundleDirs[0]!));
    expect(keptFiles.size).toBeGreaterThan(10);
    for (const [f, text] of keptFiles) {
      expect(text.includes(report.client.name), f).toBe(false);
      expect(text.includes('Zebra Quartz Holdings'), f).toBe(false);
    }
  }, 120_000);

  it('bundles again, with the reason in its answer, when a kept file has changed', async () => {
    const path = await reportFile('report', report);
    const [digest] = readdirSync(store).filter((d) => !d.startsWith('.'));
    const chunks = join(store, digest!, 'bundle', 'chunks');
    appendFileSync(join(chunks, readdirSync(chunks)[0]!), '\nglobalThis.tampered = true;\n');
    const rebuilt = await build('tampered', path);
    expect(rebuilt.bundle).toEqual({
      kept: false,
      why: 'the kept bundle could not be loaded (its files are not the ones recorded when it was kept)',
    });
    expect((globalThis as { tampered?: boolean }).tampered).toBeUndefined();
    const [a, t] = [await files(join(tmp, 'astro')), await files(join(tmp, 'tampered'))];
    for (const [f, text] of a) expect(t.get(f), f).toBe(text);
    // the bundle that build kept replaces the changed one
    expect((await build('after', path)).bundle).toEqual({ kept: true });
  }, 120_000);
});
