import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import * as cheerio from 'cheerio';
import { resolveSections } from '../../src/build/sections.ts';
import { type BuiltFixture, buildFixtureSite } from '../render/helpers.ts';

/** A client folder built to a site with the template narrative filled in, as `trueup build` does. */
export async function buildWithNarrative(dir: string): Promise<BuiltFixture> {
  const sections = await resolveSections({});
  return buildFixtureSite(dir, (r) => {
    r.sections = sections;
  });
}

export async function page(siteDir: string, route: string): Promise<cheerio.CheerioAPI> {
  return cheerio.load(await readFile(join(siteDir, route, 'index.html'), 'utf8'));
}

/** Every HTML page of a site with its route and size in bytes. */
export async function htmlPages(siteDir: string): Promise<{ route: string; bytes: number }[]> {
  const entries = await readdir(siteDir, { withFileTypes: true, recursive: true });
  const out: { route: string; bytes: number }[] = [];
  for (const e of entries) {
    if (!e.isFile() || !e.name.endsWith('.html')) continue;
    const path = join(e.parentPath, e.name);
    const dir = relative(siteDir, e.parentPath).split(sep).join('/');
    out.push({ route: dir ? `/${dir}/` : '/', bytes: (await stat(path)).size });
  }
  return out.sort((a, b) => b.bytes - a.bytes);
}

/** Resolve a relative href from a route: `../findings/2/#x` from `/families/a/` → `/findings/2/`, `x`. */
export function resolveHref(route: string, href: string): { route: string; hash: string } {
  const url = new URL(href, `http://site${route}`);
  return { route: url.pathname, hash: decodeURIComponent(url.hash.slice(1)) };
}
