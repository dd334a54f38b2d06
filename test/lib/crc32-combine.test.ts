import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32Combine } from '../../src/lib/crc32-combine.ts';

describe('crc32Combine', () => {
  it('gives the CRC-32 of two stretches joined, from theirs and the length of the second', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }), (a, b) => {
        const joined = crc32(Buffer.concat([a, b]));
        expect(crc32Combine(crc32(a), crc32(b), b.length)).toBe(joined);
      }),
    );
  });

  it('joins stretches of megabytes, as a sheet block is', () => {
    const a = Buffer.alloc(3_000_000, 'a');
    const b = Buffer.alloc(5_000_001, 'row');
    expect(crc32Combine(crc32(a), crc32(b), b.length)).toBe(crc32(Buffer.concat([a, b])));
  });
});
