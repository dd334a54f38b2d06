import type { Report } from '../analysis/model/report.ts';
import { bytesIn, type FileBytes } from '../lib/file-bytes.ts';
import { packedBytes } from '../lib/packed-bytes.ts';

/**
 * `JSON.stringify(value)` (compact), with every character above U+007F written as a `\uXXXX`
 * escape, in pieces of about `size` bytes (0: each piece as it is made, for `jsonBytes`): a Report
 * of 100+ MB is written without ever being held as one string. Joined, the pieces
 * are `asciiOnly(JSON.stringify(value))`: the same JSON value, in ASCII, so a byte offset is a
 * character offset and a stretch of one file can be copied into another as it is.
 *
 * Objects are walked key by key down to `DEPTH` (cache → report → families → family → data →
 * table); each element of an array is stringified whole, so a findings or device list costs one
 * `JSON.stringify` per row.
 *
 * `spans`, when given, is filled with where each walked object and array, and each block of
 * `BLOCK` array elements, lies in the output (`JsonSpans`). `reuse` copies those stretches from an
 * earlier output instead of stringifying them again, wherever the value holds the very same
 * object (===) at the same place as the value that output was made of: the analysis cache gives
 * report.json every family and finding a decision did not touch (src/build/build-client.ts).
 */
const DEPTH = 5;

/** Array elements per span: findings and table rows (and findings.csv's rows) are reused a block at a time. */
export const BLOCK = 256;

/**
 * Whether block [lo, hi) of `list` holds the very elements (===) of the same block of `earlier`,
 * and that block ends where this one does: its text, written from `earlier`, can be copied.
 */
export function sameBlock(
  list: readonly unknown[],
  earlier: readonly unknown[],
  lo: number,
  hi: number,
): boolean {
  if (Math.min(earlier.length, lo + BLOCK) !== hi) return false;
  for (let i = lo; i < hi; i++) if (list[i] !== earlier[i]) return false;
  return true;
}

/** Where each walked value lies in a JSON text: path (`child`, `block`) → [start, end) in bytes. */
export type JsonSpans = Record<string, [number, number]>;

export interface JsonReuse {
  /** The value `body` was written from. */
  from: unknown;
  /**
   * Its JSON text (ASCII), as jsonChunks wrote it: whole, or in a file (whose pieces are each valid
   * until the next is taken: see FileBytes).
   */
  body: Uint8Array | FileBytes;
  spans: JsonSpans;
}

export type JsonPiece = string | Uint8Array;

export function* jsonChunks(
  value: unknown,
  o: { size?: number; spans?: JsonSpans; reuse?: JsonReuse } = {},
): Generator<JsonPiece> {
  const size = o.size ?? 1 << 20;
  let buffered = '';
  let pos = 0;
  const starts: number[] = [];
  for (const piece of walk(value, o.reuse?.from, '', 0, o.reuse)) {
    if (typeof piece === 'string') {
      buffered += piece;
      pos += piece.length;
      if (buffered.length >= size) {
        yield buffered;
        buffered = '';
      }
    } else if (piece === START) {
      starts.push(pos);
    } else if ('end' in piece) {
      const start = starts.pop()!;
      if (o.spans) o.spans[piece.end] = [start, pos];
    } else if ('bytes' in piece) {
      if (buffered) yield buffered;
      buffered = '';
      pos += piece.bytes.length;
      yield piece.bytes;
    }
  }
  if (buffered) yield buffered;
}

/** Text, copied bytes, or the start or end (with its path) of a walked value or block. */
type Step = string | { bytes: Uint8Array } | typeof START | { end: string };
const START = { start: true } as const;

/** A property's path: its parent's and its JSON-quoted name (no quoted name holds a bare `"`). */
const child = (path: string, quotedKey: string) => `${path}${quotedKey}`;

/** The `JsonSpans` path of the value under these keys, from the top (`["families", f, "data"]`). */
export const jsonPath = (keys: readonly string[]): string =>
  keys.reduce((path, k) => child(path, asciiOnly(JSON.stringify(k))), '');
/** An array's `b`th block of elements. */
const block = (path: string, b: number) => `${path}#${b}`;

function isWalkable(v: unknown): v is object {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { toJSON?: unknown }).toJSON !== 'function' &&
    (Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null)
  );
}

/** The bytes `reuse` holds for `path`, when `value` is the very object it was written from. */
function reused(value: unknown, from: unknown, path: string, reuse: JsonReuse | undefined) {
  if (!reuse || value !== from || !isWalkable(value)) return undefined;
  const s = reuse.spans[path];
  return s ? bytesIn(reuse.body, s[0], s[1]) : undefined;
}

function* walk(
  value: unknown,
  from: unknown,
  path: string,
  depth: number,
  reuse?: JsonReuse,
): Generator<Step> {
  const copy = reused(value, from, path, reuse);
  if (copy) {
    yield START;
    for (const bytes of copy) yield { bytes };
    yield { end: path };
    return;
  }
  if (depth > DEPTH || !isWalkable(value)) {
    yield asciiOnly(JSON.stringify(value) ?? 'null');
    return;
  }
  yield START;
  if (Array.isArray(value)) yield* arraySteps(value, from, path, reuse);
  else yield* objectSteps(value, from, path, depth, reuse);
  yield { end: path };
}

function* arraySteps(value: unknown[], from: unknown, path: string, reuse?: JsonReuse): Generator<Step> {
  const earlier = reuse && Array.isArray(from) ? from : undefined;
  yield '[';
  for (let b = 0; b * BLOCK < value.length; b++) {
    const lo = b * BLOCK;
    const hi = Math.min(value.length, lo + BLOCK);
    if (lo) yield ',';
    yield START;
    const span = earlier && sameBlock(value, earlier, lo, hi) ? reuse!.spans[block(path, b)] : undefined;
    if (span) {
      for (const bytes of bytesIn(reuse!.body, span[0], span[1])) yield { bytes };
    } else {
      for (let i = lo; i < hi; i++) {
        // as JSON.stringify: undefined, functions and symbols in an array become null
        if (i > lo) yield ',';
        yield asciiOnly(JSON.stringify(value[i]) ?? 'null');
      }
    }
    yield { end: block(path, b) };
  }
  yield ']';
}

function* objectSteps(value: object, from: unknown, path: string, depth: number, reuse?: JsonReuse) {
  const earlier =
    reuse && isWalkable(from) && !Array.isArray(from) ? (from as Record<string, unknown>) : undefined;
  yield '{';
  let first = true;
  for (const [k, v] of Object.entries(value)) {
    // as JSON.stringify: a property whose value has no JSON form is left out
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    const quoted = asciiOnly(JSON.stringify(k));
    yield `${first ? '' : ','}${quoted}:`;
    first = false;
    yield* walk(v, earlier?.[k], child(path, quoted), depth + 1, reuse);
  }
  yield '}';
}

const NON_ASCII = /[\u0080-\uffff]/;

/** JSON text with each UTF-16 unit above 0x7f as a `\uXXXX` escape (only strings hold them). */
export function asciiOnly(json: string): string {
  if (!NON_ASCII.test(json)) return json;
  return json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * report.json: the Report as built (stable key order), compact (at 200k devices the two-space
 * indent alone added 50 MB), in ASCII, with a trailing newline, as packed bytes (`jsonBytes`).
 * `reuse`: the analysis cache's text, whose stretches the Report shares with the analysis are
 * copied (see jsonChunks).
 */
export function* reportJson(report: Report, reuse?: JsonReuse): Generator<Uint8Array, number> {
  const bytes = yield* jsonBytes(report, reuse ? { reuse } : {});
  yield Buffer.from('\n');
  return bytes + 1;
}

/**
 * jsonChunks's text as bytes, packed into one reused buffer (`packedBytes`: each piece valid until
 * the next is taken); returns the number of bytes. For writing, not for keeping.
 */
export function jsonBytes(
  value: unknown,
  o: { spans?: JsonSpans; reuse?: JsonReuse } = {},
): Generator<Uint8Array, number> {
  // each piece as it comes (size 0): packing joins them without making a string of each megabyte
  return packedBytes(jsonChunks(value, { ...o, size: 0 }), 'latin1');
}
