import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { deriveSiteKey, type SiteKey, seal } from './crypto.ts';
import { unlockPage } from './unlock-page.ts';

/** Outputs beside the site that carry client data; under --protect they are sealed into the site. */
export interface ProtectedDownload {
  name: string;
  bytes: Uint8Array;
  type: string;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await files(p)));
    else out.push(p);
  }
  return out.sort();
}

/**
 * Encrypt every page of a built site in place: each HTML file becomes an unlock page holding the
 * original, sealed with AES-GCM under a key derived from the password (PBKDF2-SHA256). Downloads
 * (PDF, CSV, XLSX, JSON) are sealed into `downloads/<name>.enc` and listed on the unlock page of
 * `downloads/`. Non-HTML assets (CSS, fonts) carry no client data and stay as they are; any other
 * file is removed.
 */
export async function protectSite(
  siteDir: string,
  password: string,
  downloads: ProtectedDownload[],
  key: SiteKey = deriveSiteKey(password),
): Promise<{ pages: number; downloads: number }> {
  let pages = 0;
  const all = await files(siteDir);
  for (const f of all) {
    const ext = extname(f).toLowerCase();
    if (ext === '.html') {
      const html = await readFile(f);
      const depth = relative(siteDir, f).split('/').length - 1;
      await writeFile(f, unlockPage({ sealed: seal(key, html), key, base: '../'.repeat(depth) }));
      pages++;
    } else if (!['.css', '.woff', '.woff2', '.ico'].includes(ext)) {
      await rm(f);
    }
  }
  await mkdir(join(siteDir, 'downloads'), { recursive: true });
  for (const d of downloads) {
    await writeFile(join(siteDir, 'downloads', `${d.name}.enc`), JSON.stringify(seal(key, d.bytes)));
  }
  const items = downloads
    .map(
      (d) =>
        `<li><a href="#" data-download="${esc(d.name)}.enc" data-type="${esc(d.type)}" data-name="${esc(d.name)}">${esc(d.name)}</a></li>`,
    )
    .join('');
  const index = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Downloads</title><body><h1>Downloads</h1><ul>${items}</ul></body></html>`;
  await writeFile(
    join(siteDir, 'downloads', 'index.html'),
    unlockPage({ sealed: seal(key, index), key, base: '../' }),
  );
  return { pages: pages + 1, downloads: downloads.length };
}
