import { closeSync, fstatSync, openSync, read } from 'node:fs';
import { join } from 'node:path';

/**
 * The bytes of files[i], with the reads of the next `depth` input files (the next j with
 * `reads[j]` truthy) started before they are awaited: their I/O overlaps the parsing of this one.
 * Three, so that a large file behind two small ones (the product instances behind the alerts
 * and licences) is read while the one before them is parsed. At most `depth` + 1 files are held.
 */
export function readAhead(root: string, files: string[], reads: readonly unknown[], depth = 3) {
  const pending = new Map<number, Promise<Buffer>>();
  const inputs = files.flatMap((_, j) => (reads[j] ? [j] : []));
  // each file's place among the inputs
  const rank = new Map(inputs.map((j, k) => [j, k]));
  const start = (i: number) => {
    const p = readWhole(join(root, files[i]!));
    // a read that fails is reported when its file's turn comes; never as an unhandled rejection
    p.catch(() => {});
    pending.set(i, p);
  };
  return (i: number): Promise<Buffer> => {
    if (!pending.has(i)) start(i);
    const current = pending.get(i)!;
    pending.delete(i);
    const k = rank.get(i);
    if (k !== undefined) {
      for (const j of inputs.slice(k + 1, k + 1 + depth)) if (!pending.has(j)) start(j);
    }
    return current;
  };
}

/**
 * A file's bytes in one read on libuv's threads, up to the size it has when opened (as
 * `readFile` reads a regular file). `readFile` reads 512 KB at a time, each next piece asked for
 * by this thread: while a large export is parsed (nothing else runs here for most of a second),
 * the next file's read stood still, and the load waited 0.07-0.14 s for each of the three large
 * files at 200,000 devices.
 */
export async function readWhole(path: string): Promise<Buffer> {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = Buffer.allocUnsafeSlow(size);
    let at = 0;
    while (at < size) {
      const n = await new Promise<number>((done, fail) =>
        // one request unless the file is over 1 GB (a read's length must fit in 31 bits)
        read(fd, bytes, at, Math.min(size - at, 1 << 30), at, (e, got) => (e ? fail(e) : done(got))),
      );
      if (n === 0) break; // the file shrank since it was opened
      at += n;
    }
    return at < size ? bytes.subarray(0, at) : bytes;
  } finally {
    closeSync(fd);
  }
}
