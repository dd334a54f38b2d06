/**
 * One tagged PDF from the tagged PDFs Chromium printed for each part of the print document, and
 * the page furniture (running head, "Page x of y") laid over every page from a separate print.
 *
 * Each part's objects are renumbered into one file. Its page tree, structure tree root, Document
 * element, parent tree, ID tree and named destinations are merged: pages in part order, one
 * Document element whose kids are every part's, parent-tree keys (`/StructParents`,
 * `/StructParent`) shifted past the parts before, ID-tree names (Chromium's per-document node ids,
 * which header cells carry as `/ID` and data cells name in `/Headers`) prefixed by the part, and each destination taken from the part that
 * holds its element (a part carries placeholder targets for the links it makes to other parts).
 */
import type { ByteSink } from './byte-sink.ts';
import {
  mapRefs,
  objectDict,
  type PdfFile,
  type PdfObject,
  pageTree,
  readPdf,
  writePdf,
} from './pdf-file.ts';
import { overlayFurniture } from './pdf-furniture.ts';
import {
  array,
  asDict,
  atom,
  dict,
  name,
  PdfFormatError,
  type PdfValue,
  parseValue,
  type Rewrite,
  ref,
  refOf,
  rewrite,
  rewriteInto,
  writeValue,
} from './pdf-syntax.ts';

/**
 * Where a Renumbered object's text goes as it is written: the spans `rewriteInto` keeps are copied
 * from the part's bytes. One object serves every write (they run one at a time), so writing an
 * object makes no closures.
 */
const fromFile = {
  sink: undefined as ByteSink | undefined,
  bytes: Buffer.alloc(0) as Buffer,
  at: 0,
  copy(from: number, to: number) {
    this.sink!.bytes(this.bytes, this.at + from, this.at + to);
  },
  ref(id: number) {
    this.sink!.int(id);
    this.sink!.latin1(' 0 R');
  },
  put(text: string) {
    this.sink!.latin1(text);
  },
};

/**
 * An object of a part, renumbered as it is written into the merged file: its text is copied from
 * the part's bytes span by span, never made a string. Reading `text` (as the page tree and the
 * furniture do for the pages) renumbers it as a string once. A merge of the 200,000-device
 * report's 21 parts had made a string of each of its 46,000 objects, then a Buffer of each.
 */
class Renumbered implements PdfObject {
  readonly stream?: Buffer;
  readonly #source: string;
  readonly #bytes: Buffer;
  readonly #at: number;
  readonly #hooks: Rewrite;
  #text: string | undefined;

  constructor(o: PdfObject, bytes: Buffer, hooks: Rewrite) {
    if (o.at === undefined) throw new Error('PDF merge: an object without its place in the file');
    this.#source = o.text;
    this.#bytes = bytes;
    this.#at = o.at;
    this.#hooks = hooks;
    if (o.stream) this.stream = o.stream;
  }

  get text(): string {
    this.#text ??= rewrite(this.#source, this.#hooks);
    return this.#text;
  }

  get textLength(): number {
    return this.#text?.length ?? this.#source.length;
  }

  writeText(sink: ByteSink): void {
    if (this.#text !== undefined) {
      sink.latin1(this.#text);
      return;
    }
    fromFile.sink = sink;
    fromFile.bytes = this.#bytes;
    fromFile.at = this.#at;
    rewriteInto(this.#source, this.#hooks, fromFile);
    fromFile.sink = undefined;
  }
}

export interface MergePart {
  pdf: Uint8Array;
  /** Whether this part holds the element `id` (its named destination is the one kept). */
  owns(id: string): boolean;
}

/** Entries per node of a rebuilt number or name tree. */
const TREE_LEAF = 512;

/** Key/value pairs of a number tree (`Nums`) or name tree (`Names`), and its node objects. */
function treeEntries(f: PdfFile, root: number | undefined, leaf: 'Nums' | 'Names') {
  const entries: [PdfValue, PdfValue][] = [];
  const nodes: number[] = [];
  const walk = (id: number, depth: number) => {
    nodes.push(id);
    const d = objectDict(f, id);
    const items = d.get(leaf);
    if (items?.t === 'array')
      for (let i = 0; i + 1 < items.v.length; i += 2) entries.push([items.v[i]!, items.v[i + 1]!]);
    const kids = d.get('Kids');
    if (kids?.t === 'array' && depth < 32) for (const k of kids.v) walk(refOf(k) ?? -1, depth + 1);
  };
  if (root !== undefined) walk(root, 0);
  return { entries, nodes };
}

/** A number or name tree of sorted `entries` as objects: its root's number. */
function writeTree(
  entries: [PdfValue, PdfValue][],
  leaf: 'Nums' | 'Names',
  add: (v: PdfValue) => number,
  extra: [string, PdfValue][] = [],
): number {
  if (entries.length <= TREE_LEAF) return add(dict([...extra, [leaf, array(entries.flat())]]));
  const kids: PdfValue[] = [];
  for (let i = 0; i < entries.length; i += TREE_LEAF) {
    const chunk = entries.slice(i, i + TREE_LEAF);
    const limits = array([chunk[0]![0], chunk[chunk.length - 1]![0]]);
    kids.push(
      ref(
        add(
          dict([
            ['Limits', limits],
            [leaf, array(chunk.flat())],
          ]),
        ),
      ),
    );
  }
  return add(dict([...extra, ['Kids', array(kids)]]));
}

/** The bytes a PDF string stands for (literal escapes or hex), for sorting name-tree keys. */
function stringBytes(raw: string): string {
  if (raw.startsWith('<')) {
    const hex = raw.slice(1, -1).replace(/\s+/g, '');
    return Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex').toString('latin1');
  }
  return raw.slice(1, -1).replace(/\\([0-7]{1,3}|.)/gs, (_, e: string) => {
    if (/^[0-7]/.test(e)) return String.fromCharCode(Number.parseInt(e, 8) & 255);
    return ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e;
  });
}

/** `raw` with `prefix` before its text: the ID-tree names of different parts never collide. */
function prefixString(raw: string, prefix: string): string {
  if (raw.startsWith('<')) return `<${Buffer.from(prefix, 'latin1').toString('hex')}${raw.slice(1)}`;
  return `(${prefix}${raw.slice(1)}`;
}

const stringText = (v: PdfValue) => {
  if (v.t !== 'string') throw new PdfFormatError('PDF merge: a name-tree key that is not a string');
  return v.v;
};

const decodeName = (n: string) =>
  n.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));

const pdfDate = (d: Date) => `(D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}+00'00')`;

/**
 * Merge `parts` (in reading order) into one PDF; with `furniture`, a PDF of as many pages, each
 * page of which is drawn over the same page of the result as an artifact.
 */
export function mergePdfs(parts: readonly MergePart[], opts: { furniture?: Uint8Array; now: Date }): Buffer {
  const out: PdfObject[] = [];
  const add = (v: PdfValue | PdfObject): number => out.push('t' in v ? { text: writeValue(v) } : v);
  const reserve = () => add({ text: 'null' });
  const set = (id: number, v: PdfValue) => {
    out[id - 1] = { text: writeValue(v) };
  };
  const [catalogId, pagesId, rootId, docId] = [reserve(), reserve(), reserve(), reserve()];
  const pages: number[] = [];
  const docKids: PdfValue[] = [];
  const nums: [PdfValue, PdfValue][] = [];
  const ids: [PdfValue, PdfValue][] = [];
  const dests: [string, PdfValue][] = [];
  let catalog: Map<string, PdfValue> | undefined;
  let info: number | undefined;
  let keyBase = 0;

  parts.forEach((part, k) => {
    const f = readPdf(part.pdf);
    const cat = objectDict(f, f.root);
    const tree = pageTree(f, refOf(cat.get('Pages')) ?? -1);
    const structId = refOf(cat.get('StructTreeRoot'));
    if (structId === undefined) throw new PdfFormatError(`PDF merge: part ${k + 1} is not tagged`);
    const sr = objectDict(f, structId);
    const docOld = refOf(sr.get('K'));
    const doc = objectDict(f, docOld);
    if (doc.get('S')?.v !== 'Document')
      throw new PdfFormatError('PDF merge: a structure tree without a Document element');
    const parentTree = treeEntries(f, refOf(sr.get('ParentTree')), 'Nums');
    const idTree = treeEntries(f, refOf(sr.get('IDTree')), 'Names');
    const destsId = refOf(cat.get('Dests'));
    const mapped = new Map<number, number>([
      [structId!, rootId],
      [docOld!, docId],
    ]);
    for (const n of tree.nodes) mapped.set(n, pagesId);
    const dropped = new Set([f.root, destsId, ...parentTree.nodes, ...idTree.nodes]);
    if (k > 0 && f.info !== undefined) dropped.add(f.info);
    let next = out.length + 1;
    for (const id of f.objects.keys()) if (!mapped.has(id) && !dropped.has(id)) mapped.set(id, next++);
    const m = (id: number) => {
      const n = mapped.get(id);
      if (n === undefined)
        throw new PdfFormatError(
          `PDF merge: part ${k + 1} refers to object ${id}, which is not carried over`,
        );
      return n;
    };
    // new numbers were handed out in key order after the reserved objects: push in the same order
    const base = out.length;
    const prefix = `p${k}.`;
    // this part's own: objects are renumbered when written, after keyBase has moved on
    const partKeyBase = keyBase;
    const shift = (key: string, n: number) =>
      key === 'StructParents' || key === 'StructParent' ? n + partKeyBase : n;
    const headers = (key: string, raw: string) =>
      key === 'Headers' || key === 'ID' ? prefixString(raw, prefix) : raw;
    const hooks: Rewrite = { ref: m, int: shift, str: headers };
    for (const [id, o] of f.objects) {
      const to = mapped.get(id);
      if (to === undefined || to <= base) continue;
      if (to !== out.length + 1) throw new PdfFormatError('PDF merge: object numbering out of step');
      out.push(new Renumbered(o, f.bytes, hooks));
    }
    for (const p of tree.pages) pages.push(m(p));
    const kids = doc.get('K');
    if (kids) docKids.push(...(kids.t === 'array' ? kids.v : [kids]).map((x) => mapRefs(x, m)));
    for (const [key, v] of parentTree.entries) nums.push([atom(Number(key.v) + keyBase), mapRefs(v, m)]);
    for (const [key, v] of idTree.entries)
      ids.push([{ t: 'string', v: prefixString(stringText(key), prefix) }, mapRefs(v, m)]);
    const d = destsId === undefined ? undefined : objectDict(f, destsId);
    for (const [n, v] of d ?? []) if (part.owns(decodeName(n))) dests.push([n, mapRefs(v, m)]);
    const nextKey = sr.get('ParentTreeNextKey');
    keyBase +=
      nextKey?.t === 'atom'
        ? Number(nextKey.v)
        : Math.max(0, ...parentTree.entries.map(([key]) => Number(key.v) + 1));
    if (k === 0) {
      const rebuilt = new Set(['Pages', 'Dests', 'StructTreeRoot']);
      catalog = new Map(
        [...cat].filter(([key]) => !rebuilt.has(key)).map(([key, v]) => [key, mapRefs(v, m)]),
      );
      if (f.info !== undefined) info = m(f.info);
      set(docId, { t: 'dict', v: new Map([...doc].map(([key, v]) => [key, mapRefs(v, m)])) });
    }
  });

  if (opts.furniture) overlayFurniture(out, pages, readPdf(opts.furniture), add);
  nums.sort((a, b) => Number(a[0].v) - Number(b[0].v));
  ids.sort(([a], [b]) => (stringBytes(stringText(a)) < stringBytes(stringText(b)) ? -1 : 1));
  const docDict = asDict(parseValue(out[docId - 1]!.text).value)!;
  docDict.set('P', ref(rootId));
  docDict.set('K', array(docKids));
  set(docId, { t: 'dict', v: docDict });
  const root: [string, PdfValue][] = [
    ['Type', name('StructTreeRoot')],
    ['K', ref(docId)],
    ['ParentTreeNextKey', atom(keyBase)],
    ['ParentTree', ref(writeTree(nums, 'Nums', add, [['Type', name('ParentTree')]]))],
  ];
  if (ids.length > 0) root.push(['IDTree', ref(writeTree(ids, 'Names', add))]);
  set(rootId, dict(root));
  set(
    pagesId,
    dict([
      ['Type', name('Pages')],
      ['Count', atom(pages.length)],
      ['Kids', array(pages.map(ref))],
    ]),
  );
  for (const p of pages) {
    const page = asDict(parseValue(out[p - 1]!.text).value)!;
    page.set('Parent', ref(pagesId));
    out[p - 1] = { ...out[p - 1]!, text: writeValue({ t: 'dict', v: page }) };
  }
  const cat = catalog ?? new Map<string, PdfValue>([['Type', name('Catalog')]]);
  cat.set('Pages', ref(pagesId));
  cat.set('StructTreeRoot', ref(rootId));
  if (dests.length > 0) cat.set('Dests', ref(add(dict(dests))));
  else cat.delete('Dests');
  set(catalogId, { t: 'dict', v: cat });
  if (info !== undefined) {
    const d = asDict(parseValue(out[info - 1]!.text).value)!;
    d.set('CreationDate', { t: 'string', v: pdfDate(opts.now) });
    d.set('ModDate', { t: 'string', v: pdfDate(opts.now) });
    set(info, { t: 'dict', v: d });
  }
  return writePdf(out, catalogId, info);
}
