import type { Report } from '../analysis/model/report.ts';

/**
 * `JSON.stringify(value)` (compact) in pieces of about `size` characters, for writing a Report of
 * 100+ MB without ever holding it as one string (and a second copy as the UTF-8 buffer that
 * writeFile makes of it). Joined, the pieces are exactly `JSON.stringify(value)`.
 *
 * Objects are walked key by key down to `DEPTH` (cache → report → families → family → data →
 * table);
 * each element of an array is stringified whole, so a findings or device list costs one
 * `JSON.stringify` per row.
 */
const DEPTH = 5;

export function* jsonChunks(value: unknown, size = 1 << 20): Generator<string> {
  let buffered = '';
  for (const piece of pieces(value, 0)) {
    buffered += piece;
    if (buffered.length >= size) {
      yield buffered;
      buffered = '';
    }
  }
  if (buffered) yield buffered;
}

function isWalkable(v: unknown): v is object {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { toJSON?: unknown }).toJSON !== 'function' &&
    (Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null)
  );
}

function* pieces(value: unknown, depth: number): Generator<string> {
  if (depth > DEPTH || !isWalkable(value)) {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      // as JSON.stringify: undefined, functions and symbols in an array become null
      yield (i ? ',' : '') + (JSON.stringify(value[i]) ?? 'null');
    }
    yield ']';
    return;
  }
  yield '{';
  let first = true;
  for (const [k, v] of Object.entries(value)) {
    // as JSON.stringify: a property whose value has no JSON form is left out
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    yield `${first ? '' : ','}${JSON.stringify(k)}:`;
    first = false;
    yield* pieces(v, depth + 1);
  }
  yield '}';
}

/**
 * report.json: the Report as built (stable key order), compact (at 200k devices the two-space
 * indent alone added 50 MB) with a trailing newline, in pieces.
 */
export function* reportJson(report: Report): Generator<string> {
  yield* jsonChunks(report);
  yield '\n';
}
