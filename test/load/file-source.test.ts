import { isUtf8 } from 'node:buffer';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { FileSource, isStreamed, STREAM_MIN_BYTES } from '../../src/analysis/load/file-source.ts';
import { readCsv } from '../../src/analysis/load/table.ts';
import { sha256 } from '../../src/lib/sha256.ts';

/*
 * Large CSVs are read a block at a time into one reused buffer (file-source.ts). Whatever the
 * block size, what the load sees must be what it sees of the whole file's bytes: the encoding,
 * the rows and their lines, the notes and the errors, and the file's digest.
 */
const dir = mkdtempSync(join(tmpdir(), 'trueup-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const sourceOf = (bytes: Uint8Array, block: number) => {
  const path = join(dir, `f${n++}.csv`);
  writeFileSync(path, bytes);
  return new FileSource(path, bytes.length, block);
};

/** Bytes that are mostly UTF-8 characters of every length, with cut and stray bytes among them. */
const utf8ish = fc
  .array(
    fc.oneof(
      {
        weight: 6,
        arbitrary: fc.constantFrom('a', ',', '\n', 'é', '€', '𝄞', '中').map((c) => [...Buffer.from(c)]),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom([0x80], [0xc3], [0xe2, 0x82], [0xf0, 0x9d, 0x84], [0xff], [0xc0, 0x80]),
      },
    ),
    { maxLength: 40 },
  )
  .map((parts) => Uint8Array.from(parts.flat()));

describe('a file read a block at a time', () => {
  it('is UTF-8 exactly when its whole bytes are, for any block size', () => {
    fc.assert(
      fc.property(utf8ish, fc.integer({ min: 1, max: 9 }), (bytes, block) => {
        expect(sourceOf(bytes, block).isUtf8()).toBe(isUtf8(bytes));
      }),
      { numRuns: 500 },
    );
  });

  it('gives back its bytes in blocks of at most the block size', () => {
    const bytes = Buffer.from('x'.repeat(1000) + 'é'.repeat(100));
    // copied as they come: each block's buffer is the next one's
    const blocks: Buffer[] = [];
    for (const b of sourceOf(bytes, 64).blocks()) blocks.push(Buffer.from(b));
    expect(Buffer.concat(blocks).equals(bytes)).toBe(true);
    expect(Math.max(...blocks.map((b) => b.length))).toBe(64);
  });

  it('has the sha256 of its bytes whether it was read whole, in part, or not at all', () => {
    const bytes = Buffer.from('serial,pid\n'.repeat(500));
    const whole = sourceOf(bytes, 100);
    for (const _ of whole.blocks());
    const part = sourceOf(bytes, 100);
    for (const _ of part.blocks()) break;
    const sniffed = sourceOf(bytes, 100);
    sniffed.head(300);
    sniffed.isUtf8();
    for (const s of [whole, part, sniffed, sourceOf(bytes, 100)]) expect(s.digest()).toBe(sha256(bytes));
  });

  it('is streamed only when it is a CSV of the threshold or more', () => {
    expect(isStreamed('cssm/product-instances.csv', STREAM_MIN_BYTES)).toBe(true);
    expect(isStreamed('cssm/product-instances.csv', STREAM_MIN_BYTES - 1)).toBe(false);
    expect(isStreamed('cssm/product-instances.xlsx', STREAM_MIN_BYTES * 4)).toBe(false);
    expect(isStreamed('cssm/product-instances.json', STREAM_MIN_BYTES * 4)).toBe(false);
  });
});

/** readCsv's whole result, rows, notes or error included. */
function readAll(bytes: Uint8Array | FileSource, chunk: number) {
  const notes: string[] = [];
  try {
    const t = readCsv(bytes, (m) => notes.push(m), chunk);
    return { headers: t.headers, headerLine: t.headerLine, rows: [...t.rows], notes };
  } catch (e) {
    return { error: String(e), notes };
  }
}

const text = 'serial,site,note\nFOC1,Zürich,"a, ""quoted""\nline"\n\nFOC2,São Paulo,€ 5\r\nFOC3,Malmö,end';
const ENCODED: Record<string, Uint8Array> = {
  'UTF-8': Buffer.from(text),
  'UTF-8 with BOM': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
  'UTF-16LE with BOM': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
  'UTF-16BE with BOM': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]),
  'UTF-16LE without BOM': Buffer.from(text, 'utf16le'),
  // valid UTF-8 up to its last line, so only a check of the whole file finds it is not
  'Windows-1252 after a UTF-8 start': Buffer.concat([
    Buffer.from(text),
    Buffer.from('\nFOC4,Köln,x', 'latin1'),
  ]),
  binary: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x01]),
  empty: Buffer.alloc(0),
};

describe('a CSV read a block at a time', () => {
  for (const [name, bytes] of Object.entries(ENCODED)) {
    it(`reads ${name} exactly as its whole bytes are read`, () => {
      const whole = readAll(bytes, 1 << 15);
      for (const block of [1, 2, 3, 7, 64, 1 << 18]) {
        for (const chunk of [5, 1 << 15]) expect(readAll(sourceOf(bytes, block), chunk)).toEqual(whole);
      }
    });
  }
});
