/**
 * Read and write whole PDF files of the kind Chromium (Skia) prints: a classic cross-reference
 * table, every object at the offset it gives, no object streams, no encryption. Objects are kept
 * as text (latin1) and raw stream bytes; nothing is decoded.
 */
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
}

export interface PdfFile {
  objects: Map<number, PdfObject>;
  /** The catalog's object number. */
  root: number;
  info?: number;
}

/** Byte offset of each object, from the table `startxref` points to (ISO 32000-1 §7.5.4). */
function xrefOffsets(text: string): { offsets: Map<number, number>; trailer: string } {
  const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text.slice(-1024));
  if (!start) throw new PdfFormatError('PDF: no startxref');
  let pos = Number(start[1]);
  if (!text.startsWith('xref', pos)) throw new PdfFormatError('PDF: no classic cross-reference table');
  pos += 4;
  const offsets = new Map<number, number>();
  const sub = /\s*(\d+) (\d+)[ \t]*\r?\n/y;
  for (;;) {
    sub.lastIndex = pos;
    const head = sub.exec(text);
    if (!head) break;
    pos = sub.lastIndex;
    const first = Number(head[1]);
    for (let i = 0; i < Number(head[2]); i++, pos += 20) {
      const kind = text[pos + 17];
      if (text[pos + 10] !== ' ' || (kind !== 'n' && kind !== 'f'))
        throw new PdfFormatError('PDF: bad xref entry');
      if (kind === 'n') offsets.set(first + i, Number(text.slice(pos, pos + 10)));
    }
  }
  const trailer = /^\s*trailer\s*/.exec(text.slice(pos, pos + 64));
  if (!trailer) throw new PdfFormatError('PDF: no trailer');
  const end = parseValue(text, pos + trailer[0].length).end;
  return { offsets, trailer: text.slice(pos + trailer[0].length, end) };
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
  const text = buf.toString('latin1');
  const { offsets, trailer } = xrefOffsets(text);
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
    const obj: PdfObject = { text: text.slice(from, end) };
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
  return { objects, root, info: refOf(t?.get('Info')) };
}

/**
 * A PDF of `objects` numbered 1…n in order (a stream's `/Length` must already say its bytes).
 * The header's binary comment marks the file as binary, as Chromium's does.
 */
export function writePdf(objects: readonly PdfObject[], root: number, info?: number): Buffer {
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xd3\xeb\xe9\xe1\n', 'latin1')];
  let at = chunks[0]!.length;
  const offsets: number[] = [];
  const push = (b: Buffer) => {
    chunks.push(b);
    at += b.length;
  };
  objects.forEach((o, i) => {
    offsets.push(at);
    push(Buffer.from(`${i + 1} 0 obj\n${o.text}`, 'latin1'));
    if (o.stream) {
      push(Buffer.from('\nstream\n', 'latin1'));
      push(o.stream);
      push(Buffer.from('\nendstream', 'latin1'));
    }
    push(Buffer.from('\nendobj\n', 'latin1'));
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`];
  for (const off of offsets) xref.push(`${String(off).padStart(10, '0')} 00000 n \n`);
  const trailer = `trailer\n<</Size ${objects.length + 1}\n/Root ${root} 0 R${info ? `\n/Info ${info} 0 R` : ''}>>\nstartxref\n${at}\n%%EOF\n`;
  push(Buffer.from(xref.join('') + trailer, 'latin1'));
  return Buffer.concat(chunks);
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
