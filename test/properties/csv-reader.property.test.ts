import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { FileSource } from '../../src/analysis/load/file-source.ts';
import { readCsv } from '../../src/analysis/load/table.ts';

const dir = mkdtempSync(join(tmpdir(), 'trueup-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 1,000 runs each; TRUEUP_PROPERTY_RUNS changes it. */
const RUNS = Number(process.env.TRUEUP_PROPERTY_RUNS ?? 1_000);

/** Line breaks as an editor counts them: \r\n, \n and a lone \r. */
const lineBreaks = (s: string) => (s.match(/\r\n|\n|\r/g) ?? []).length;

/**
 * Cell text with everything CSV makes hard: quotes, the delimiter, newlines of every kind,
 * spaces at the ends, accents, emoji, formula-like starts. Other delimiters are left out so the
 * delimiter guess has one right answer.
 */
const cell = (delimiter: string) =>
  fc
    .array(
      fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom('a', 'Z', '7', ' ', 'é', '€', '🦄', '=', '-', '@', '+') },
        { weight: 2, arbitrary: fc.constantFrom('"', '""', '\n', '\r\n', '\r', delimiter) },
      ),
      { maxLength: 12 },
    )
    .map((parts) => parts.join(''));

const table = (delimiter: string) =>
  fc.integer({ min: 2, max: 5 }).chain((width) =>
    fc.tuple(
      fc.array(fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,10}[A-Za-z]$/), {
        minLength: width,
        maxLength: width,
      }),
      fc.array(fc.array(cell(delimiter), { minLength: width, maxLength: width }), { maxLength: 12 }),
    ),
  );

/** Unparse, read back (whole, in tiny pieces, from the file a few bytes at a time), and compare cells and line numbers. */
function roundTrip(delimiter: string, headers: string[], rows: string[][], newline: string) {
  const text = Papa.unparse({ fields: headers, data: rows }, { delimiter, newline });
  const bytes = new TextEncoder().encode(text);
  // the line a row starts on: 1 + the line breaks written before it
  const expected: number[] = [];
  let before = `${Papa.unparse([headers], { delimiter, newline })}${newline}`;
  for (const r of rows) {
    expected.push(1 + lineBreaks(before));
    before += `${Papa.unparse([r], { delimiter, newline })}${newline}`;
  }
  // whole, in tiny pieces, and read from the file in tiny blocks as a large CSV is (file-source.ts)
  const path = join(dir, 'table.csv');
  writeFileSync(path, bytes);
  const reads = [
    () => readCsv(bytes, () => {}, 1 << 20),
    () => readCsv(bytes, () => {}, 5),
    () => readCsv(new FileSource(path, bytes.length, 3), () => {}, 5),
  ];
  for (const read of reads) {
    const t = read();
    expect(t.headers).toEqual(headers);
    expect(t.headerLine).toBe(1);
    const got = [...t.rows];
    expect(got.map((r) => r.cells)).toEqual(rows);
    expect(got.map((r) => r.line)).toEqual(expected);
  }
}

describe('CSV reader', () => {
  it('reads back any quoted content papaparse writes, with the line each row starts on', () => {
    fc.assert(
      fc.property(table(','), fc.constantFrom('\r\n', '\n'), ([headers, rows], nl) =>
        roundTrip(',', headers, rows, nl),
      ),
      { numRuns: RUNS },
    );
  });

  it('does the same for ; and tab delimiters (the delimiter is guessed)', () => {
    fc.assert(
      fc.property(fc.constantFrom(';', '\t'), fc.constantFrom('\r\n', '\n'), (d, nl) => {
        fc.assert(
          fc.property(table(d), ([headers, rows]) => roundTrip(d, headers, rows, nl)),
          { numRuns: Math.ceil(RUNS / 4) },
        );
      }),
      { numRuns: 4 },
    );
  });

  it('reads a file in pieces exactly as it reads it whole, in any encoding', () => {
    fc.assert(
      fc.property(table(','), fc.integer({ min: 1, max: 64 }), ([headers, rows], chunk) => {
        const text = Papa.unparse({ fields: headers, data: rows });
        const le = new Uint8Array([
          0xff,
          0xfe,
          ...new Uint8Array(Uint16Array.from(text, (c) => c.charCodeAt(0)).buffer),
        ]);
        const whole = readCsv(le);
        const pieces = readCsv(le, () => {}, chunk * 2 + 1);
        expect(pieces.headers).toEqual(whole.headers);
        expect([...pieces.rows]).toEqual([...whole.rows]);
      }),
      { numRuns: Math.ceil(RUNS / 5) },
    );
  });
});
