import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** A file's content: whole, or in pieces (a large JSON file is written without one giant string). */
export type FileData = string | Uint8Array | Iterable<string | Uint8Array>;

/**
 * File and console access for a build, passed in so tests can run a whole build in memory
 * (observablehq/framework's effects pattern). Writes are atomic: a temp file renamed into place,
 * so an output is whole or absent, never half written.
 */
export interface BuildEffects {
  write(path: string, data: FileData): Promise<void>;
  log(line: string): void;
}

export class FileEffects implements BuildEffects {
  readonly quiet: boolean;
  constructor(quiet = false) {
    this.quiet = quiet;
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
  log(line: string): void {
    if (!this.quiet) process.stdout.write(`${line}\n`);
  }
}

/** Records writes and log lines instead of touching the disk. */
export class MemoryEffects implements BuildEffects {
  readonly files = new Map<string, string | Uint8Array>();
  readonly lines: string[] = [];
  async write(path: string, data: FileData): Promise<void> {
    if (typeof data === 'string' || data instanceof Uint8Array) this.files.set(path, data);
    else
      this.files.set(
        path,
        Buffer.concat([...data].map((p) => (typeof p === 'string' ? Buffer.from(p) : p))).toString(),
      );
  }
  log(line: string): void {
    this.lines.push(line);
  }
}
