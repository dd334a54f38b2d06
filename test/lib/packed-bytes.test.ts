import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packedBytes } from '../../src/lib/packed-bytes.ts';
import { bytesOf } from '../helpers/pieces.ts';

/** Text pieces (any UTF-16, lone surrogates included) and byte pieces, in any order. */
const anyPieces = fc.array(
  fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a)),
  ),
  { maxLength: 30 },
);

describe('packedBytes', () => {
  it('gives the bytes of each piece in turn, in either encoding, whatever the buffer size', () => {
    fc.assert(
      fc.property(
        anyPieces,
        fc.constantFrom('latin1', 'utf8'),
        fc.integer({ min: 1, max: 64 }),
        (pieces, enc, size) => {
          const expected = Buffer.concat(
            pieces.map((p) => (typeof p === 'string' ? Buffer.from(p, enc) : p)),
          );
          const out = packedBytes(pieces, enc, size);
          let total = 0;
          const got: Buffer[] = [];
          for (let r = out.next(); ; r = out.next()) {
            if (r.done) {
              total = r.value;
              break;
            }
            got.push(Buffer.copyBytesFrom(r.value));
          }
          expect(Buffer.concat(got).equals(expected)).toBe(true);
          expect(total).toBe(expected.length);
        },
      ),
    );
  });

  it('writes text into one reused buffer, handing out no piece larger than it but a string that cannot fit', () => {
    const pieces = ['a'.repeat(30), 'b'.repeat(30), 'c'.repeat(100), 'd'.repeat(10)];
    const seen: { memory: string; length: number }[] = [];
    const memory = new Map<ArrayBufferLike, number>();
    for (const p of packedBytes(pieces, 'latin1', 64)) {
      if (!memory.has(p.buffer)) memory.set(p.buffer, memory.size);
      seen.push({ memory: `${memory.get(p.buffer)}@${p.byteOffset}`, length: p.length });
    }
    expect(seen.map((s) => s.length)).toEqual([60, 100, 10]);
    // the first and last pieces are views of the same memory; the long string has its own
    expect(seen[0]!.memory).toBe(seen[2]!.memory);
    expect(seen[1]!.memory).not.toBe(seen[0]!.memory);
  });

  it('makes room for the longest UTF-8 a string can take before writing it', () => {
    // 20 units of 3 bytes each do not fit behind 10 bytes in 64: the buffer is handed out first
    const pieces = ['x'.repeat(10), '€'.repeat(20)];
    const lengths = [...packedBytes(pieces, 'utf8', 64)].map((p) => p.length);
    expect(lengths).toEqual([10, 60]);
    expect(bytesOf(packedBytes(pieces, 'utf8', 64)).toString()).toBe(pieces.join(''));
  });

  it('passes byte pieces on as they are, after the text before them', () => {
    const bytes = Buffer.from('0123456789');
    const out = [...packedBytes(['ab', bytes, 'cd'], 'latin1', 64)];
    expect(out[1]).toBe(bytes);
    expect(bytesOf(packedBytes(['ab', bytes, 'cd'], 'latin1', 64)).toString()).toBe('ab0123456789cd');
  });
});
