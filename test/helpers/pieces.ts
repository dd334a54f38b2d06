/**
 * The bytes of `pieces`, each copied as it is taken: a writer's piece is only valid until the next
 * is taken (FileData), so collecting them first and copying after would read a reused buffer.
 */
export function bytesOf(pieces: Iterable<string | Uint8Array>, encoding: 'latin1' | 'utf8' = 'utf8'): Buffer {
  return Buffer.concat(
    Array.from(pieces, (p) => (typeof p === 'string' ? Buffer.from(p, encoding) : Buffer.copyBytesFrom(p))),
  );
}
