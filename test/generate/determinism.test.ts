import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateClient } from '../../src/generate/generate.ts';
import { readLicenceCatalog } from '../../src/generate/io.ts';
import { syntheticProfile } from '../../src/generate/profile.ts';
import { generateToDisk } from './helpers.ts';

function digest(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir).sort()) {
      const abs = join(dir, name);
      if (statSync(abs).isDirectory()) walk(abs, `${rel}${name}/`);
      else out[`${rel}${name}`] = createHash('sha256').update(readFileSync(abs)).digest('hex');
    }
  };
  walk(folder, '');
  return out;
}

describe('generator determinism', () => {
  it('writes byte-identical folders and planted.json for the same seed', () => {
    const a = generateToDisk({ id: 'same', seed: '42', devices: 1200 });
    const b = generateToDisk({ id: 'same', seed: '42', devices: 1200 });
    expect(digest(a.folder)).toEqual(digest(b.folder));
    expect(readFileSync(`${a.folder}.planted.json`, 'utf8')).toBe(
      readFileSync(`${b.folder}.planted.json`, 'utf8'),
    );
  });

  it('differs for another seed', () => {
    const catalog = readLicenceCatalog();
    const gen = (seed: string) =>
      generateClient({ id: 'x', seed, devices: 300, profile: syntheticProfile('x'), catalog })
        .files.find((f) => f.path === 'cssm/product-instances.csv')!
        .chunks.join('');
    expect(gen('1')).not.toBe(gen('2'));
  });

  it('never uses Math.random', () => {
    const spy = Math.random;
    Math.random = () => {
      throw new Error('Math.random called');
    };
    try {
      generateClient({
        id: 'x',
        seed: 's',
        devices: 200,
        profile: syntheticProfile('x'),
        catalog: readLicenceCatalog(),
      });
    } finally {
      Math.random = spy;
    }
  });
});
