import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonChunks, reportJson } from '../../src/export/json-chunks.ts';

const join = (pieces: Iterable<string>) => [...pieces].join('');

describe('jsonChunks', () => {
  it('joins to exactly JSON.stringify, at any depth and piece size', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 64 }), (value, size) => {
        expect(join(jsonChunks(value, size))).toBe(JSON.stringify(value));
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
    const pieces = [...jsonChunks({ rows }, 1000)];
    expect(pieces.length).toBeGreaterThan(10);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(1100);
    expect(JSON.parse(pieces.join(''))).toEqual({ rows });
  });
});

describe('reportJson', () => {
  it('is compact JSON with a trailing newline', () => {
    const text = join(reportJson({ schemaVersion: 1, findings: [{ id: 'x' }] } as never));
    expect(text).toBe('{"schemaVersion":1,"findings":[{"id":"x"}]}\n');
  });
});
