import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

/** The sha256 of text (as UTF-8) or bytes, in hex: the digest every cache and kept file is keyed by. */
export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

// files read at once: 2,000 small device captures are read in a third of the time this way
const READS_AT_ONCE = 16;
const READ_BLOCK = 1 << 20;

/** sha256 of a file, read a block at a time into `block`. */
async function fileSha256(path: string, block: Buffer): Promise<string> {
  const file = await open(path);
  try {
    const h = createHash('sha256');
    for (;;) {
      const { bytesRead } = await file.read(block, 0, block.length, null);
      if (bytesRead === 0) return h.digest('hex');
      h.update(block.subarray(0, bytesRead));
    }
  } finally {
    await file.close();
  }
}

/**
 * The sha256 of each file (undefined where it cannot be read), several read at once. Each reader
 * hashes through one block of its own, reused from file to file: `readFile` allocated a buffer per
 * file, and on these virtual machines touching new memory costs more than hashing it (the 78 MB
 * of inputs of 200,000 devices: 0.27-0.36 s against 0.62-0.80 s, half of it system time).
 */
export async function fileDigests(paths: readonly string[]): Promise<(string | undefined)[]> {
  const digests: (string | undefined)[] = new Array(paths.length);
  let next = 0;
  const reader = async () => {
    const block = Buffer.allocUnsafeSlow(READ_BLOCK);
    while (next < paths.length) {
      const i = next++;
      digests[i] = await fileSha256(paths[i]!, block).catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READS_AT_ONCE, paths.length) }, reader));
  return digests;
}
