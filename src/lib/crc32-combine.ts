/**
 * The CRC-32 of `a` followed by `b`, from the CRC-32 of each and the length of `b`: zlib's
 * `crc32_combine` (its GF(2) matrix method), which node:zlib does not expose. A zip entry made of
 * separately compressed stretches (a sheet's blocks of rows, some copied from the last workbook)
 * needs its CRC without the text of the stretches it copied.
 */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  // an empty b has CRC 0
  if (lengthB <= 0) return crcA >>> 0;
  const even = new Uint32Array(32);
  const odd = new Uint32Array(32);
  // the operator for one zero bit: the CRC-32 polynomial, then the identity shifted
  odd[0] = 0xedb88320;
  for (let n = 1, row = 1; n < 32; n++, row <<= 1) odd[n] = row;
  square(even, odd); // two zero bits
  square(odd, even); // four
  let crc = crcA >>> 0;
  let length = lengthB;
  // apply len(b) zero bytes to crcA, one bit of the length at a time (the first square is a byte)
  for (;;) {
    square(even, odd);
    if (length % 2) crc = times(even, crc);
    length = Math.floor(length / 2);
    if (length === 0) break;
    square(odd, even);
    if (length % 2) crc = times(odd, crc);
    length = Math.floor(length / 2);
    if (length === 0) break;
  }
  return (crc ^ crcB) >>> 0;
}

function times(matrix: Uint32Array, vector: number): number {
  let sum = 0;
  for (let i = 0, v = vector >>> 0; v !== 0; i++, v >>>= 1) if (v & 1) sum ^= matrix[i]!;
  return sum >>> 0;
}

function square(into: Uint32Array, matrix: Uint32Array): void {
  for (let n = 0; n < 32; n++) into[n] = times(matrix, matrix[n]!);
}
