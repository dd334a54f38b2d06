/**
 * PDF object syntax (ISO 32000-1 §7.3), just enough to move Chromium's objects from one file to
 * another: a value parser and writer for the few dictionaries that are rebuilt, and `rewrite`,
 * which copies an object's text while renumbering its references. Text is latin1 (one char per
 * byte), so strings pass through untouched.
 */

/** A PDF this code does not read (not as Chromium writes them): the caller can print another way. */
export class PdfFormatError extends Error {
  override name = 'PdfFormatError';
}

export type PdfValue =
  | { t: 'dict'; v: Map<string, PdfValue> }
  /** Keys and names are kept as written, without the slash (still `#xx`-escaped). */
  | { t: 'array'; v: PdfValue[] }
  | { t: 'name'; v: string }
  | { t: 'ref'; v: number }
  /** A literal `(…)` or hex `<…>` string, as written with its delimiters. */
  | { t: 'string'; v: string }
  /** A number, `true`, `false` or `null`, as written. */
  | { t: 'atom'; v: string };

const WHITE = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) WHITE[c] = 1;
const DELIM = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIM[c.charCodeAt(0)] = 1;

const isRegular = (c: number) => !Number.isNaN(c) && !WHITE[c] && !DELIM[c];
const isDigit = (c: number) => c >= 48 && c <= 57;

function skipWhite(s: string, i: number): number {
  for (;;) {
    const c = s.charCodeAt(i);
    if (WHITE[c]) i++;
    else if (c === 37 /* % */) {
      while (i < s.length && s.charCodeAt(i) !== 10 && s.charCodeAt(i) !== 13) i++;
    } else return i;
  }
}

function regularEnd(s: string, i: number): number {
  while (i < s.length && isRegular(s.charCodeAt(i))) i++;
  return i;
}

/** The index after a literal string starting at `i` (the `(`): nesting and `\` escapes. */
function literalEnd(s: string, i: number): number {
  let depth = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 92 /* \ */) i++;
    else if (c === 40) depth++;
    else if (c === 41 && --depth === 0) return i + 1;
  }
  throw new PdfFormatError('PDF syntax: unterminated string');
}

function hexEnd(s: string, i: number): number {
  const end = s.indexOf('>', i);
  if (end < 0) throw new PdfFormatError('PDF syntax: unterminated hex string');
  return end + 1;
}

/** The end of the run of digits at `i` (`i` itself when there is none). */
function digitsEnd(s: string, i: number): number {
  while (isDigit(s.charCodeAt(i))) i++;
  return i;
}

/** `n g R` at `i`: the object number and the index after the `R`, else undefined. */
function refAt(s: string, i: number): { id: number; end: number } | undefined {
  const a = digitsEnd(s, i);
  if (a === i || isRegular(s.charCodeAt(a))) return undefined;
  const j = skipWhite(s, a);
  const b = digitsEnd(s, j);
  if (b === j || isRegular(s.charCodeAt(b))) return undefined;
  const k = skipWhite(s, b);
  if (s.charCodeAt(k) !== 82 /* R */ || isRegular(s.charCodeAt(k + 1))) return undefined;
  let id = 0;
  for (let x = i; x < a; x++) id = id * 10 + s.charCodeAt(x) - 48;
  return { id, end: k + 1 };
}

/** Parse one value at `i`; returns it and the index after it. */
export function parseValue(s: string, i = 0): { value: PdfValue; end: number } {
  i = skipWhite(s, i);
  const c = s.charCodeAt(i);
  if (c === 60 /* < */ && s.charCodeAt(i + 1) === 60) {
    const v = new Map<string, PdfValue>();
    i += 2;
    for (;;) {
      i = skipWhite(s, i);
      if (s.startsWith('>>', i)) return { value: { t: 'dict', v }, end: i + 2 };
      if (s.charCodeAt(i) !== 47) throw new PdfFormatError(`PDF syntax: expected a key at ${i}`);
      const keyEnd = regularEnd(s, i + 1);
      const item = parseValue(s, keyEnd);
      v.set(s.slice(i + 1, keyEnd), item.value);
      i = item.end;
    }
  }
  if (c === 91 /* [ */) {
    const v: PdfValue[] = [];
    i++;
    for (;;) {
      i = skipWhite(s, i);
      if (s.charCodeAt(i) === 93) return { value: { t: 'array', v }, end: i + 1 };
      if (i >= s.length) throw new PdfFormatError('PDF syntax: unterminated array');
      const item = parseValue(s, i);
      v.push(item.value);
      i = item.end;
    }
  }
  if (c === 47 /* / */) {
    const end = regularEnd(s, i + 1);
    return { value: { t: 'name', v: s.slice(i + 1, end) }, end };
  }
  if (c === 40) {
    const end = literalEnd(s, i);
    return { value: { t: 'string', v: s.slice(i, end) }, end };
  }
  if (c === 60) {
    const end = hexEnd(s, i);
    return { value: { t: 'string', v: s.slice(i, end) }, end };
  }
  const ref = isDigit(c) ? refAt(s, i) : undefined;
  if (ref) return { value: { t: 'ref', v: ref.id }, end: ref.end };
  const end = regularEnd(s, i);
  if (end === i) throw new PdfFormatError(`PDF syntax: unexpected "${s[i] ?? 'end'}" at ${i}`);
  return { value: { t: 'atom', v: s.slice(i, end) }, end };
}

/** The index after the value at `i`, found without building it (for reading whole files fast). */
export function valueEnd(s: string, i: number): number {
  let depth = 0;
  do {
    i = skipWhite(s, i);
    const c = s.charCodeAt(i);
    if (c === 60 && s.charCodeAt(i + 1) === 60) {
      depth++;
      i += 2;
    } else if (c === 62 && s.charCodeAt(i + 1) === 62) {
      depth--;
      i += 2;
    } else if (c === 91) {
      depth++;
      i++;
    } else if (c === 93) {
      depth--;
      i++;
    } else if (c === 40) i = literalEnd(s, i);
    else if (c === 60) i = hexEnd(s, i);
    else if (c === 47) i = regularEnd(s, i + 1);
    else if (depth === 0 && isDigit(c) && refAt(s, i)) i = refAt(s, i)!.end;
    else if (i >= s.length) throw new PdfFormatError('PDF syntax: value runs past the end');
    else i = Math.max(regularEnd(s, i), i + 1);
    if (depth < 0) throw new PdfFormatError(`PDF syntax: unbalanced value at ${i}`);
  } while (depth > 0);
  return i;
}

export function writeValue(v: PdfValue): string {
  switch (v.t) {
    case 'dict':
      return `<<${[...v.v].map(([k, x]) => `/${k} ${writeValue(x)}`).join('\n')}>>`;
    case 'array':
      return `[${v.v.map(writeValue).join(' ')}]`;
    case 'name':
      return `/${v.v}`;
    case 'ref':
      return `${v.v} 0 R`;
    default:
      return v.v;
  }
}

export const ref = (id: number): PdfValue => ({ t: 'ref', v: id });
export const atom = (x: number | string): PdfValue => ({ t: 'atom', v: String(x) });
export const name = (n: string): PdfValue => ({ t: 'name', v: n });
export const dict = (entries: [string, PdfValue][]): PdfValue => ({ t: 'dict', v: new Map(entries) });
export const array = (items: PdfValue[]): PdfValue => ({ t: 'array', v: items });

export function asDict(v: PdfValue | undefined): Map<string, PdfValue> | undefined {
  return v?.t === 'dict' ? v.v : undefined;
}

export function refOf(v: PdfValue | undefined): number | undefined {
  return v?.t === 'ref' ? v.v : undefined;
}

export interface Rewrite {
  /** The new number of every referenced object (`n g R` becomes `ref(n) 0 R`). */
  ref(id: number): number;
  /** An integer written right after the key `/key` (not a reference): its replacement. */
  int?(key: string, n: number): number;
  /** A string in the value of `/key`, directly or in its array: its replacement (delimiters included). */
  str?(key: string, raw: string): string;
}

/** Where a rewrite goes: the spans it copies as written, and what it writes instead of the rest. */
export interface RewriteSink {
  /** The text's own characters [from, to). */
  copy(from: number, to: number): void;
  /** A reference to object `id` (`id 0 R`). */
  ref(id: number): void;
  put(text: string): void;
}

/**
 * Copy an object's text with its references renumbered (and the integers and strings the hooks
 * change); everything else is copied as written. Strings are skipped whole, so a string that
 * reads "5 0 R" stays text.
 */
export function rewrite(s: string, r: Rewrite): string {
  let out = '';
  rewriteInto(s, r, {
    copy: (from, to) => {
      out += s.slice(from, to);
    },
    ref: (id) => {
      out += `${id} 0 R`;
    },
    put: (text) => {
      out += text;
    },
  });
  return out;
}

/**
 * `rewrite` into a sink (the merge writes straight into the file's bytes). Keys are sliced out of
 * the text only when a hook asks for one: most of a tagged PDF is small dictionaries of keys.
 */
export function rewriteInto(s: string, r: Rewrite, sink: RewriteSink): void {
  let from = 0;
  // the key just read (start and end of its name, -1 when none), and the key owning each open
  // array (-1: none, or a dictionary)
  let keyAt = -1;
  let keyEnd = -1;
  const owners: number[] = [];
  let i = 0;
  while (i < s.length) {
    i = skipWhite(s, i);
    if (i >= s.length) break;
    const c = s.charCodeAt(i);
    if (c === 47) {
      keyAt = i + 1;
      keyEnd = regularEnd(s, keyAt);
      i = keyEnd;
      continue;
    }
    const direct = keyAt;
    const owner = direct >= 0 ? direct : (owners[owners.length - 1] ?? -1);
    keyAt = -1;
    if (c === 40 || (c === 60 && s.charCodeAt(i + 1) !== 60)) {
      const end = c === 40 ? literalEnd(s, i) : hexEnd(s, i);
      if (r.str && owner >= 0) {
        const raw = s.slice(i, end);
        const next = r.str(s.slice(owner, regularEnd(s, owner)), raw);
        if (next !== raw) {
          sink.copy(from, i);
          sink.put(next);
          from = end;
        }
      }
      i = end;
    } else if (c === 60 || c === 91) {
      owners.push(c === 91 ? owner : -1);
      i += c === 60 ? 2 : 1;
    } else if (c === 62 || c === 93) {
      owners.pop();
      i += c === 62 ? 2 : 1;
    } else if (isDigit(c)) {
      const reference = refAt(s, i);
      if (reference) {
        sink.copy(from, i);
        sink.ref(r.ref(reference.id));
        from = i = reference.end;
        continue;
      }
      const end = regularEnd(s, i);
      if (r.int && direct >= 0) {
        const n = Number(s.slice(i, end));
        const next = Number.isInteger(n) ? r.int(s.slice(direct, keyEnd), n) : n;
        if (next !== n) {
          sink.copy(from, i);
          sink.put(String(next));
          from = end;
        }
      }
      i = end;
    } else {
      i = Math.max(regularEnd(s, i), i + 1);
    }
  }
  sink.copy(from, s.length);
}
