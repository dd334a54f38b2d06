/**
 * Read and write whole PDF files of the kind Chromium (Skia) prints: a classic cross-reference
 * table, every object at the offset it gives, no object streams, no encryption. Objects are kept
 * as text (latin1) and raw stream bytes; nothing is decoded.
 */
import { ByteSink } from './byte-sink.ts';
import {
  array,
  asDict,
  PdfFormatError,
  type PdfValue,
  parseValue,
  ref,
  refOf,
  valueEnd,
} from './pdf-syntax.ts';

export interface PdfObject {
  /** The object's value as written (a stream's dictionary, for a stream). */
  text: string;
  /** A stream's bytes, as stored (still compressed). */
  stream?: Buffer;
  /** Where `text` starts in the file it was read from (`PdfFile.bytes`). */
  at?: number;
  /**
   * Write `text` into the sink without making it a string first (an object renumbered as it is
   * written); `textLength` is about its length.
   */
  writeText?(sink: ByteSink): void;
  textLength?: number;
}

export interface PdfFile {
  /** The file read: each object's text is its latin1 from `at` on. */
  bytes: Buffer;
  objects: Map<number, PdfObject>;
  /** The catalog's object number. */
  root: number;
  info?: number;
}

/**
 * The classic cross-reference table `startxref` points to (ISO 32000-1 §7.5.4): each object's
 * byte offset, and the trailer's text (its dictionary and what follows). Only the file's tail
 * and the table are decoded. Undefined for a file without one (an xref stream, a damaged file).
 */
export function readXref(pdf: Buffer): { offsets: Map<number, number>; trailer: string } | undefined {
  const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(pdf.toString('latin1', Math.max(0, pdf.length - 1024)));
  if (!start) return undefined;
  const at = Number(start[1]);
  const end = pdf.indexOf('startxref', at, 'latin1');
  if (end < 0) return undefined;
  const table = pdf.toString('latin1', at, end);
  if (!table.startsWith('xref')) return undefined;
  // subsections "first count", then 20-byte entries "oooooooooo ggggg n\r\n"
  const offsets = new Map<number, number>();
  const sub = /\s*(\d+) (\d+)[ \t]*\r?\n/y;
  let pos = 4;
  for (;;) {
    sub.lastIndex = pos;
    const head = sub.exec(table);
    if (!head) break;
    pos = sub.lastIndex;
    const first = Number(head[1]);
    const count = Number(head[2]);
    if (pos + count * 20 > table.length) return undefined;
    for (let i = 0; i < count; i++, pos += 20) {
      const kind = table[pos + 17];
      if (table[pos + 10] !== ' ' || (kind !== 'n' && kind !== 'f')) return undefined;
      if (kind === 'n') offsets.set(first + i, Number(table.slice(pos, pos + 10)));
    }
  }
  const trailer = /^\s*trailer\s*/.exec(table.slice(pos, pos + 64));
  return trailer ? { offsets, trailer: table.slice(pos + trailer[0].length) } : undefined;
}

function streamLength(dict: Map<string, PdfValue> | undefined, lengthOf: (id: number) => number): number {
  const length = dict?.get('Length');
  if (length?.t === 'atom') return Number(length.v);
  const id = refOf(length);
  if (id !== undefined) return lengthOf(id);
  throw new PdfFormatError('PDF: stream without a length');
}

export function readPdf(pdf: Uint8Array): PdfFile {
  const buf = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const xref = readXref(buf);
  if (!xref) throw new PdfFormatError('PDF: no classic cross-reference table where startxref points');
  const { offsets, trailer } = xref;
  const text = buf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const start = (id: number): number => {
    const off = offsets.get(id);
    const head = off === undefined ? null : /^(\d+) (\d+) obj\s*/.exec(text.slice(off, off + 40));
    if (off === undefined || !head || Number(head[1]) !== id)
      throw new PdfFormatError(`PDF: object ${id} not where the xref says`);
    return off + head[0].length;
  };
  const lengthOf = (id: number) => {
    const v = parseValue(text, start(id)).value;
    if (v.t !== 'atom') throw new PdfFormatError('PDF: bad stream length');
    return Number(v.v);
  };
  for (const id of offsets.keys()) {
    const from = start(id);
    const end = valueEnd(text, from);
    const obj: PdfObject = { text: text.slice(from, end), at: from };
    const after = /^\s*stream\r?\n/.exec(text.slice(end, end + 16));
    if (after) {
      const data = end + after[0].length;
      obj.stream = buf.subarray(data, data + streamLength(asDict(parseValue(obj.text).value), lengthOf));
    }
    objects.set(id, obj);
  }
  const t = asDict(parseValue(trailer).value);
  const root = refOf(t?.get('Root'));
  if (root === undefined || !objects.has(root)) throw new PdfFormatError('PDF: no catalog');
  return { bytes: buf, objects, root, info: refOf(t?.get('Info')) };
}

/**
 * A PDF of `objects` numbered 1…n in order (a stream's `/Length` must already say its bytes).
 * The header's binary comment marks the file as binary, as Chromium's does.
 */
export function writePdf(objects: readonly PdfObject[], root: number, info?: number): Buffer {
  let expected = 256 + 20 * objects.length;
  for (const o of objects) expected += 40 + (o.textLength ?? o.text.length) + (o.stream?.length ?? 0);
  const out = new ByteSink(expected + (expected >> 4));
  out.latin1('%PDF-1.4\n%\xd3\xeb\xe9\xe1\n');
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out.int(i + 1);
    out.latin1(' 0 obj\n');
    if (o.writeText) o.writeText(out);
    else out.latin1(o.text);
    if (o.stream) {
      out.latin1('\nstream\n');
      out.bytes(o.stream);
      out.latin1('\nendstream');
    }
    out.latin1('\nendobj\n');
  });
  const xrefAt = out.length;
  out.latin1(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`);
  for (const off of offsets) out.latin1(`${String(off).padStart(10, '0')} 00000 n \n`);
  out.latin1(
    `trailer\n<</Size ${objects.length + 1}\n/Root ${root} 0 R${info ? `\n/Info ${info} 0 R` : ''}>>\nstartxref\n${xrefAt}\n%%EOF\n`,
  );
  return out.done();
}

/** The dictionary of object `id` (refused when it is not one). */
export const objectDict = (f: PdfFile, id: number | undefined): Map<string, PdfValue> => {
  const o = id === undefined ? undefined : f.objects.get(id);
  const d = o ? asDict(parseValue(o.text).value) : undefined;
  if (!d) throw new PdfFormatError(`PDF: object ${id} is not a dictionary`);
  return d;
};

/** `v` with every reference renumbered by `m`. */
export function mapRefs(v: PdfValue, m: (id: number) => number): PdfValue {
  if (v.t === 'ref') return ref(m(v.v));
  if (v.t === 'array') return array(v.v.map((x) => mapRefs(x, m)));
  if (v.t === 'dict') return { t: 'dict', v: new Map([...v.v].map(([k, x]) => [k, mapRefs(x, m)])) };
  return v;
}

/** Leaf pages in order, and every page-tree node on the way. */
export function pageTree(f: PdfFile, root: number): { pages: number[]; nodes: number[] } {
  const pages: number[] = [];
  const nodes: number[] = [];
  const walk = (id: number, depth: number) => {
    const d = objectDict(f, id);
    const kids = d.get('Kids');
    if (d.get('Type')?.v === 'Pages' && kids?.t === 'array' && depth < 64) {
      nodes.push(id);
      for (const k of kids.v) walk(refOf(k) ?? -1, depth + 1);
    } else pages.push(id);
  };
  walk(root, 0);
  return { pages, nodes };
}
