import { isAscii } from 'node:buffer';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  asciiOnly,
  type JsonPiece,
  type JsonSpans,
  jsonBytes,
  jsonChunks,
  reportJson,
} from '../../src/export/json-chunks.ts';
import { FileBytes } from '../../src/lib/file-bytes.ts';
import { bytesOf } from '../helpers/pieces.ts';

const bytes = (pieces: Iterable<JsonPiece>) => bytesOf(pieces, 'latin1');
const join = (pieces: Iterable<JsonPiece>) => bytes(pieces).toString('latin1');

/** JSON values with any text in them, non-ASCII and lone surrogates included. */
const anyJson = fc.jsonValue({ stringUnit: 'binary', maxDepth: 8 });

describe('jsonChunks', () => {
  it('joins to exactly JSON.stringify in ASCII, at any depth and piece size', () => {
    fc.assert(
      fc.property(anyJson, fc.integer({ min: 1, max: 64 }), (value, size) => {
        const text = join(jsonChunks(value, { size }));
        expect(text).toBe(asciiOnly(JSON.stringify(value)));
        expect(isAscii(Buffer.from(text, 'latin1'))).toBe(true);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('leaves out what JSON.stringify leaves out and keeps toJSON', () => {
    const value = {
      a: undefined,
      b: () => 1,
      c: [undefined, () => 1, Symbol('s'), 1],
      d: new Date('2026-01-02T00:00:00Z'),
      e: { f: { g: { h: { i: { j: [{ k: undefined, l: 'm' }] } } } } },
      n: Number.NaN,
    };
    expect(join(jsonChunks(value))).toBe(JSON.stringify(value));
  });

  it('cuts a long array into pieces of about the asked size', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ id: i, name: `row ${i}` }));
    const pieces = [...jsonChunks({ rows }, { size: 1000 })] as string[];
    expect(pieces.length).toBeGreaterThan(10);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(1100);
    expect(JSON.parse(pieces.join(''))).toEqual({ rows });
  });

  it('records where every walked value and block of rows lies in the text', () => {
    fc.assert(
      fc.property(anyJson, (value) => {
        const spans: JsonSpans = {};
        const text = join(jsonChunks(value, { spans, size: 7 }));
        for (const [path, [start, end]] of Object.entries(spans)) {
          const at = text.slice(start, end);
          // a block of rows is the rows with commas between them; anything else is one JSON value
          if (/#\d+$/.test(path)) expect(() => JSON.parse(`[${at}]`), path).not.toThrow();
          else expect(() => JSON.parse(at), path).not.toThrow();
        }
        if (typeof value === 'object' && value !== null) expect(spans['']).toEqual([0, text.length]);
      }),
    );
  });
});

/** `value` with some of its objects and array elements replaced, the rest shared (===). */
function changedCopy(value: unknown, choose: () => boolean, depth = 0): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth > 0 && !choose()) return value;
  if (Array.isArray(value)) return value.map((v) => (choose() ? changedCopy(v, choose, depth + 1) : v));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = changedCopy(v, choose, depth + 1);
  if (choose()) out['added×'] = { n: depth };
  return out;
}

describe('jsonChunks reusing an earlier text', () => {
  it('gives the same text as writing afresh, whatever was shared and whatever changed, from a text in memory or in a file', () => {
    const dir = mkdtempSync(joinPath(tmpdir(), 'json-reuse-'));
    try {
      fc.assert(
        fc.property(anyJson, fc.infiniteStream(fc.boolean()), fc.boolean(), (raw, coins, inMemory) => {
          const spans: JsonSpans = {};
          const text = bytes(jsonChunks(raw, { spans, size: 5 }));
          // the text in memory (a first build's in a test) or in the cache file (every build's)
          writeFileSync(joinPath(dir, 'body'), text);
          const body = inMemory ? text : FileBytes.whole(joinPath(dir, 'body'));
          const from = JSON.parse(text.toString('latin1')) as unknown;
          const it = coins[Symbol.iterator]();
          const next = changedCopy(from, () => it.next().value as boolean);
          expect(join(jsonChunks(next, { reuse: { from, body, spans } }))).toBe(join(jsonChunks(next)));
          expect(join(jsonBytes(next, { reuse: { from, body, spans } }))).toBe(join(jsonChunks(next)));
        }),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('copies the rows and parts the new value shares with the old, and writes the rest', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ id: `f-${i}`, status: 'open', note: 'é' }));
    const from = {
      findings: rows,
      families: { a: { data: { big: rows.slice(0, 600) } } },
      summary: { n: 1 },
    };
    const spans: JsonSpans = {};
    const body = bytes(jsonChunks(from, { spans }));
    const decided = rows.map((r, i) => (i === 700 ? { ...r, status: 'accepted' } : r));
    const next = { ...from, findings: decided, summary: { n: 2 } };
    const pieces = [...jsonChunks(next, { reuse: { from, body, spans } })];
    const copied = pieces.filter((p) => typeof p !== 'string').reduce((n, p) => n + p.length, 0);
    const text = join(pieces);
    expect(text).toBe(join(jsonChunks(next)));
    // every block of findings but the one holding row 700, and the whole of families
    const families = spans['"families"']!;
    const findingBlocks = [0, 1, 3].map((b) => spans[`"findings"#${b}`]!);
    expect(copied).toBe(families[1] - families[0] + findingBlocks.reduce((n, [s, e]) => n + e - s, 0));
    expect(text).toContain('"status":"accepted"');
  });
});

describe('reportJson', () => {
  it('is compact ASCII JSON with a trailing newline', () => {
    const text = join(
      reportJson({ schemaVersion: 1, findings: [{ id: 'x', title: '48 × C9300' }] } as never),
    );
    expect(text).toBe('{"schemaVersion":1,"findings":[{"id":"x","title":"48 \\u00d7 C9300"}]}\n');
  });
});
