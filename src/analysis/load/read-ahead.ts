import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The bytes of files[i], with the next read's start (the next j with `reads[j]` truthy) before
 * they are awaited: its I/O overlaps the parsing of this one. At most two files are held, so
 * memory stays bounded by the largest pair.
 */
export function readAhead(root: string, files: string[], reads: readonly unknown[]) {
  const pending = new Map<number, Promise<Buffer>>();
  // the next file read after each file
  const nextInput: number[] = new Array(files.length).fill(-1);
  for (let j = files.length - 2; j >= 0; j--) nextInput[j] = reads[j + 1] ? j + 1 : nextInput[j + 1]!;
  const start = (i: number) => {
    const p = readFile(join(root, files[i]!));
    // a read that fails is reported when its file's turn comes; never as an unhandled rejection
    p.catch(() => {});
    pending.set(i, p);
  };
  return (i: number): Promise<Buffer> => {
    if (!pending.has(i)) start(i);
    const current = pending.get(i)!;
    pending.delete(i);
    const next = nextInput[i]!;
    if (next !== -1 && !pending.has(next)) start(next);
    return current;
  };
}
