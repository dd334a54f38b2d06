import type { LedgerBuilder } from '../model/ledger.ts';
import { RowError } from './columns.ts';
import { decodeText } from './decode.ts';
import { parseCount } from './values.ts';

/** One element of a JSON array with the line it starts on, and typed field access. */
export class JsonRow {
  readonly line: number;
  readonly value: Record<string, unknown>;
  constructor(line: number, value: Record<string, unknown>) {
    this.line = line;
    this.value = value;
  }
  text(field: string): string {
    const v = this.value[field];
    if (typeof v !== 'string' || v.trim() === '') throw new RowError(`expected "${field}" as text`, field);
    return v.trim();
  }
  optionalText(field: string): string | undefined {
    const v = this.value[field];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  }
  count(field: string): number {
    const v = this.value[field];
    const r = parseCount(typeof v === 'number' || typeof v === 'string' ? String(v) : '');
    if (!r.ok) throw new RowError(`"${field}": ${r.reason}`, field);
    return r.value;
  }
  optionalCount(field: string): number | undefined {
    return this.value[field] === undefined || this.value[field] === null ? undefined : this.count(field);
  }
  optionalSignedNumber(field: string): number | undefined {
    const v = this.value[field];
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  }
}

/**
 * Parse a JSON export and return the elements of its array `key` (or a top-level array), each with
 * the line where its object starts, so evidence can point into the JSON file like into a CSV.
 */
export function jsonRows(bytes: Uint8Array, key: string, ledger: LedgerBuilder): JsonRow[] {
  let text: string;
  let data: unknown;
  try {
    text = decodeText(bytes).text;
    data = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    ledger.fail(
      `not valid JSON${m ? ` (at character ${m[1]})` : ''}: ${(e as Error).message.split('\n')[0]}`,
    );
    return [];
  }
  const list = Array.isArray(data) ? data : (data as Record<string, unknown> | null)?.[key];
  if (!Array.isArray(list)) {
    ledger.fail(`expected a JSON object with a "${key}" array (the CSSM API shape)`);
    return [];
  }
  const starts = objectStartLines(text, Array.isArray(data) ? undefined : key);
  return list
    .map((v, i) => {
      const line = starts[i] ?? 1;
      if (v === null || typeof v !== 'object' || Array.isArray(v)) {
        ledger.reject(line, `expected an object in "${key}", found ${JSON.stringify(v)?.slice(0, 40)}`);
        return undefined;
      }
      return new JsonRow(line, v as Record<string, unknown>);
    })
    .filter((r): r is JsonRow => r !== undefined);
}

/** Lines on which the top-level elements of the target array begin (a light scanner, strings aware). */
function objectStartLines(text: string, key: string | undefined): number[] {
  let i = 0;
  if (key !== undefined) {
    const m = new RegExp(`"${key}"\\s*:\\s*\\[`).exec(text);
    if (!m) return [];
    i = m.index + m[0].length;
  } else {
    i = text.indexOf('[') + 1;
  }
  let line = text.slice(0, i).split('\n').length;
  const out: number[] = [];
  let depth = 0;
  let inString = false;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      if (depth === 0) out.push(line);
      inString = true;
    } else if (c === '{' || c === '[') {
      if (depth === 0) out.push(line);
      depth++;
    } else if (c === '}' || c === ']') {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && /[-\d tfn]/.test(c ?? '') && !/\s|,/.test(c ?? '')) {
      out.push(line);
      while (i + 1 < text.length && /[^,\]\s]/.test(text[i + 1] ?? '')) i++;
    }
  }
  return out;
}
