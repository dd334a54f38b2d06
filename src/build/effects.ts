import { closeSync, openSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { FileBytes } from '../lib/file-bytes.ts';

/**
 * A file's content: whole, or in pieces (a large JSON file is written without one giant string).
 * A piece need only stay as it is until the next is taken: a writer that keeps pieces copies them.
 */
export type FileData = string | Uint8Array | Iterable<string | Uint8Array>;

/**
 * File and console access for a build, passed in so tests can run a whole build in memory
 * (observablehq/framework's effects pattern). Writes are atomic: a temp file renamed into place,
 * so an output is whole or absent, never half written.
 */
export interface BuildEffects {
  write(path: string, data: FileData): Promise<void>;
  /**
   * Bytes [start, end) of a file this build wrote: read from the file when asked for (a written
   * file is not held in memory), or the bytes kept in memory.
   */
  written(path: string, start: number, end: number): FileBytes | Uint8Array;
  log(line: string): void;
}

export class FileEffects implements BuildEffects {
  readonly quiet: boolean;
  /** The lines logged, when asked to keep them (tests and the benchmark read a build's log). */
  readonly lines: string[] | undefined;
  constructor(quiet = false, keepLines = false) {
    this.quiet = quiet;
    this.lines = keepLines ? [] : undefined;
  }
  async write(path: string, data: FileData): Promise<void> {
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.tmp-${process.pid}`;
    try {
      await writeFile(tmp, data);
      await rename(tmp, path);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }
  written(path: string, start: number, end: number): FileBytes {
    const fd = openSync(path, 'r');
    try {
      return new FileBytes(path, fd, start, end - start);
    } finally {
      closeSync(fd);
    }
  }
  log(line: string): void {
    this.lines?.push(line);
    if (!this.quiet) process.stdout.write(`${line}\n`);
  }
}

/** Records writes and log lines instead of touching the disk. */
export class MemoryEffects implements BuildEffects {
  readonly files = new Map<string, string | Uint8Array>();
  readonly lines: string[] = [];
  async write(path: string, data: FileData): Promise<void> {
    if (typeof data === 'string' || data instanceof Uint8Array) this.files.set(path, data);
    else {
      // each piece copied as it comes: the next may reuse its buffer
      const pieces: Buffer[] = [];
      for (const p of data) pieces.push(typeof p === 'string' ? Buffer.from(p) : Buffer.copyBytesFrom(p));
      this.files.set(path, Buffer.concat(pieces).toString());
    }
  }
  written(path: string, start: number, end: number): Uint8Array {
    const data = this.files.get(path);
    if (data === undefined) throw new Error(`${path} was not written`);
    // kept as text: its UTF-8 bytes are the bytes written (a text file's, as this build writes them)
    return (typeof data === 'string' ? Buffer.from(data) : data).subarray(start, end);
  }
  log(line: string): void {
    this.lines.push(line);
  }
}
