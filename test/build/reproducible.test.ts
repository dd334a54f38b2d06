import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient } from '../../src/build/build-client.ts';
import { FileEffects } from '../../src/build/effects.ts';
import { createRenderer } from '../../src/build/renderer.ts';
import { catalog, FIXTURES } from '../helpers/fixtures.ts';

const work = mkdtempSync(join(tmpdir(), 'trueup-repro-'));
const outs = [join(work, 'a'), join(work, 'b')];

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

beforeAll(async () => {
  const renderer = await createRenderer();
  const cat = await catalog();
  for (const out of outs)
    await buildClient(join(FIXTURES, 'va-basic'), cat, { out, pdf: true }, new FileEffects(true), renderer);
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the same input built twice', () => {
  it('gives byte-identical site files and exports', () => {
    const [a, b] = outs.map((o) => join(o, 'va-basic'));
    const listed = files(a!);
    expect(files(b!)).toEqual(listed);
    for (const f of ['findings.csv', 'transfer-plan.csv', 'report.json', 'findings.xlsx', 'site/index.html'])
      expect(listed).toContain(f);
    const differ = listed
      // the PDF embeds its creation time (its text is compared below), the last-print record
      // holds the PDF's own hash, and the analysis cache its inputs' file stats (compared below)
      .filter((f) => !f.endsWith('.pdf') && f !== '.cache/last-print.json' && f !== '.cache/analysis.json')
      .filter((f) => !readFileSync(join(a!, f)).equals(readFileSync(join(b!, f))));
    expect(differ).toEqual([]);
    const [lastA, lastB] = [a!, b!].map((d) => {
      const { pdf: _pdf, ...rest } = JSON.parse(readFileSync(join(d, '.cache/last-print.json'), 'utf8'));
      return rest;
    });
    expect(lastB).toEqual(lastA);
    // the analysis cache: the same key and analysis; only the stats of the files it was read from differ
    const [cacheA, cacheB] = [a!, b!].map((d) => {
      const text = readFileSync(join(d, '.cache/analysis.json'), 'latin1');
      const end = text.indexOf('\n');
      const { stats, ...key } = JSON.parse(text.slice(0, end));
      expect(stats.files).toHaveProperty(['cssm/licenses.csv']);
      return { key, rest: text.slice(end) };
    });
    expect(cacheB).toEqual(cacheA);
  });

  it('gives a PDF with identical text', () => {
    const [a, b] = outs.map((o) =>
      execFileSync('pdftotext', ['-layout', join(o, 'va-basic', 'va-basic-licence-review.pdf'), '-'], {
        encoding: 'utf8',
      }),
    );
    expect(a).toContain('Basic Fixture Ltd');
    expect(b).toBe(a);
  });
});
