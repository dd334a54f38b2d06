import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClientConfigError, readClientConfig } from '../../src/analysis/load/client-config.ts';
import { LOADERS } from '../../src/analysis/load/registry.ts';
import type { LedgerEntry } from '../../src/analysis/model/ledger.ts';
import { renderNarrative } from '../../src/narrative/render-narrative.ts';
import { catalog, FIXTURES, reportFor } from '../helpers/fixtures.ts';

/** One file of the corpus and what must become of it (test/malformed/cases.json). */
interface Case {
  file: string;
  /** The path the loader sees, when it differs from the file's place in the corpus. */
  as?: string;
  about: string;
  fatal?: string;
  accepted?: number;
  records?: Record<string, unknown>[];
  rejected?: { line: number; column?: string; reason: string }[];
  notes?: string[];
  /** client.yaml cases: the error, or fields of the parsed config. */
  error?: string;
  config?: Record<string, unknown>;
  /** workbook/sections cases. */
  problems?: string[];
  htmlIncludes?: string[];
  htmlExcludes?: string[];
}

const DIR = join(import.meta.dirname, 'files');
const CASES = JSON.parse(readFileSync(join(import.meta.dirname, 'cases.json'), 'utf8')) as Case[];
const bytesOf = (c: Case) => readFileSync(join(DIR, c.file));
const kindOf = (c: Case) =>
  c.file.startsWith('client/') ? 'client' : c.file.includes('/sections/') ? 'sections' : undefined;

/** Every loader outcome the case names, and the ledger's arithmetic. */
function checkLedger(c: Case, entry: LedgerEntry, records: unknown[]) {
  expect(entry.rowsRead, 'rows read = accepted + rejected').toBe(entry.rowsAccepted + entry.rowsRejected);
  expect(entry.rejections).toHaveLength(entry.rowsRejected);
  if (entry.kind !== 'captures') expect(records).toHaveLength(entry.rowsAccepted);
  if (c.fatal !== undefined) {
    expect(entry.fatal).toContain(c.fatal);
    expect(entry.rowsRead).toBe(0);
    return;
  }
  expect(entry.fatal).toBeUndefined();
  if (c.accepted !== undefined) expect(entry.rowsAccepted).toBe(c.accepted);
  // in line order: a loader may reject a row while reading the file and others while mapping rows
  const rejected = [...(c.rejected ?? [])].sort((a, b) => a.line - b.line);
  const got = [...entry.rejections].sort((a, b) => a.line - b.line);
  expect(got.map((r) => r.line)).toEqual(rejected.map((r) => r.line));
  rejected.forEach((want, i) => {
    expect(got[i]!.reason).toContain(want.reason);
    if (want.column !== undefined) expect(got[i]!.column).toBe(want.column);
  });
  (c.records ?? []).forEach((want, i) => {
    expect(records[i]).toMatchObject(want);
  });
  const notes = entry.notes.map((n) => n.message).join('\n');
  for (const n of c.notes ?? []) expect(notes).toContain(n);
}

describe('malformed-input corpus', async () => {
  const cat = await catalog();
  const report = await reportFor(join(FIXTURES, 'va-basic'));

  it('has at least 60 files and covers every input kind', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    const kinds = new Set(
      CASES.map((c) => kindOf(c) ?? LOADERS.find((l) => l.match(c.as ?? c.file))?.slot ?? 'none'),
    );
    expect([...kinds].sort()).toEqual(
      [
        'alerts',
        'captures',
        'ciscoOne',
        'client',
        'inventory',
        'licences',
        'paks',
        'prices',
        'productInstances',
        'sections',
        'support',
        'transactions',
        'workbook',
      ].sort(),
    );
  });

  for (const c of CASES) {
    it(`${c.file}: ${c.about}`, async () => {
      const kind = kindOf(c);
      if (kind === 'client') {
        let config: unknown;
        let error: unknown;
        try {
          config = readClientConfig('acme', bytesOf(c));
        } catch (e) {
          error = e;
        }
        if (c.error !== undefined) {
          expect(error, 'a user error, never a crash').toBeInstanceOf(ClientConfigError);
          expect((error as Error).message).toContain(c.error);
        } else {
          expect(error).toBeUndefined();
          expect(config).toMatchObject(c.config ?? {});
        }
        return;
      }
      if (kind === 'sections') {
        const { html, problems } = renderNarrative(bytesOf(c).toString('utf8'), { report, base: '../' });
        for (const p of c.problems ?? []) expect(problems.join('\n')).toContain(p);
        for (const s of c.htmlIncludes ?? []) expect(html).toContain(s);
        for (const s of c.htmlExcludes ?? []) expect(html.toLowerCase()).not.toContain(s);
        return;
      }
      const rel = c.as ?? c.file;
      const spec = LOADERS.find((l) => l.match(rel));
      expect(spec, `${rel} matches an input kind`).toBeDefined();
      const { records, ledger } = await spec!.load(rel, bytesOf(c), { catalog: cat, dateOrder: 'MDY' });
      checkLedger(c, ledger.entry, records);
    });
  }
});
