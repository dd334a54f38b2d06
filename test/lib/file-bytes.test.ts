import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bytesIn, FileBytes, FileChangedError } from '../../src/lib/file-bytes.ts';

const dir = mkdtempSync(join(tmpdir(), 'trueup-bytes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A FileBytes over [offset, offset + length) of a new file holding `content`. */
function stretchOf(name: string, content: Buffer, offset: number, length: number): FileBytes {
  const path = join(dir, name);
  writeFileSync(path, content);
  const fd = openSync(path, 'r');
  try {
    return new FileBytes(path, fd, offset, length);
  } finally {
    closeSync(fd);
  }
}

describe('FileBytes', () => {
  // 2.5 MB: pieces of 1 MB, the last one short
  const content = Buffer.from(Array.from({ length: 2_500_000 }, (_, i) => 32 + (i % 90)));

  it('hands out a stretch in pieces that, copied as they come, are its bytes', () => {
    const bytes = stretchOf('a.bin', content, 7, content.length - 7);
    const pieces: Buffer[] = [];
    for (const p of bytes.pieces(100, 2_400_000)) pieces.push(Buffer.from(p));
    expect(pieces.map((p) => p.length)).toEqual([1 << 20, 1 << 20, 2_400_000 - 100 - 2 * (1 << 20)]);
    expect(Buffer.concat(pieces).equals(content.subarray(107, 2_400_007))).toBe(true);
    expect(bytes.copy(0, 10).equals(content.subarray(7, 17))).toBe(true);
    expect([...bytes.pieces(5, 5)]).toEqual([]);
  });

  it('reuses one buffer for its pieces: a piece kept without copying is overwritten by the next', () => {
    const bytes = stretchOf('b.bin', content, 0, content.length);
    const kept = [...bytes.pieces(0, content.length)];
    expect(kept[0]!.buffer).toBe(kept[1]!.buffer);
  });

  it('gives memory and file texts alike through bytesIn', () => {
    const bytes = stretchOf('c.bin', content, 0, 1000);
    const fromFile = Buffer.concat([...bytesIn(bytes, 10, 20)].map((p) => Buffer.from(p)));
    expect(fromFile.equals(Buffer.concat([...bytesIn(content, 10, 20)].map((p) => Buffer.from(p))))).toBe(
      true,
    );
  });

  it('tells whether a stretch is ASCII, whichever piece holds the other byte', () => {
    const text = Buffer.alloc(2_200_000, 0x41);
    text[1_500_000] = 0xe9;
    const bytes = stretchOf('d.bin', text, 0, text.length);
    expect(bytes.isAscii()).toBe(false);
    expect(bytes.isAscii(0, 1_500_000)).toBe(true);
  });

  it('refuses a range outside its stretch', () => {
    const bytes = stretchOf('e.bin', content, 0, 100);
    expect(() => bytes.copy(50, 101)).toThrow(RangeError);
    expect(() => [...bytes.pieces(-1, 10)]).toThrow(RangeError);
  });

  it('throws rather than mix two versions when the file changed since it was opened', () => {
    const bytes = stretchOf('f.bin', content, 0, 1000);
    writeFileSync(join(dir, 'f.bin'), Buffer.concat([Buffer.from('x'), content]));
    expect(() => bytes.copy(0, 10)).toThrow(FileChangedError);
    expect(() => [...bytes.pieces(0, 10)]).toThrow(FileChangedError);
  });
});
