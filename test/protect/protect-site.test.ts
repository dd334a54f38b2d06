import { createDecipheriv, pbkdf2Sync } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveSiteKey, PBKDF2_ITERATIONS } from '../../src/protect/crypto.ts';
import { protectSite } from '../../src/protect/protect-site.ts';

/** Decrypt what an unlock page holds, the way the browser script does. */
function open(page: string, password: string): string {
  const json = /<script type="application\/json" id="sealed">(.*?)<\/script>/s
    .exec(page)![1]!
    .replace(/\\u003c/g, '<');
  const s = JSON.parse(json) as { salt: string; iterations: number; iv: string; data: string };
  const key = pbkdf2Sync(password, Buffer.from(s.salt, 'base64'), s.iterations, 32, 'sha256');
  const body = Buffer.from(s.data, 'base64');
  const d = createDecipheriv('aes-256-gcm', key, Buffer.from(s.iv, 'base64'));
  d.setAuthTag(body.subarray(body.length - 16));
  return Buffer.concat([d.update(body.subarray(0, body.length - 16)), d.final()]).toString('utf8');
}

describe('protected site', () => {
  it('uses PBKDF2-SHA256 with at least 600,000 iterations', () => {
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
  });

  it('leaves no client text in any file, and the password opens every page', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trueup-protect-test-'));
    await mkdir(join(dir, 'va', 'campus'), { recursive: true });
    await writeFile(join(dir, 'index.html'), '<h1>Acme</h1><p>FOC2314X0AB on lon-sw-01 is short by 1234</p>');
    await writeFile(join(dir, 'va', 'campus', 'index.html'), '<p>Campus FOC2314X0AB</p>');
    await writeFile(join(dir, 'site.css'), 'body{}');
    await writeFile(join(dir, 'data.json'), '{"serial":"FOC2314X0AB"}');
    // few iterations here only to keep the test fast; the default is checked above
    const key = deriveSiteKey('s3cret', 1000);
    const r = await protectSite(
      dir,
      's3cret',
      [{ name: 'findings.csv', bytes: new TextEncoder().encode('FOC2314X0AB,1234'), type: 'text/csv' }],
      key,
    );
    expect(r).toEqual({ pages: 3, downloads: 1 });
    const files = (await readdir(dir, { recursive: true })).map(String).sort();
    expect(files).toEqual([
      'downloads',
      'downloads/findings.csv.enc',
      'downloads/index.html',
      'index.html',
      'site.css',
      'va',
      'va/campus',
      'va/campus/index.html',
    ]);
    for (const f of files.filter((f) => f.includes('.'))) {
      const text = await readFile(join(dir, f), 'utf8');
      expect(text).not.toMatch(/FOC2314X0AB|lon-sw-01|Acme|1234|Campus/);
    }
    expect(open(await readFile(join(dir, 'index.html'), 'utf8'), 's3cret')).toContain(
      'FOC2314X0AB on lon-sw-01',
    );
    expect(open(await readFile(join(dir, 'va/campus/index.html'), 'utf8'), 's3cret')).toContain('Campus');
    const page = await readFile(join(dir, 'index.html'), 'utf8');
    expect(() => open(page, 'wrong')).toThrow(/authenticate/);
  });
});
