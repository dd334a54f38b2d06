/**
 * The page furniture (running head, confidentiality line, "Page x of y") drawn over a merged PDF:
 * page i of a separately printed furniture PDF becomes a form XObject drawn last on page i,
 * marked as an artifact, the page's own content wrapped in q/Q so it cannot move it.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { mapRefs, objectDict, type PdfFile, type PdfObject, pageTree } from './pdf-file.ts';
import {
  array,
  asDict,
  atom,
  dict,
  name,
  PdfFormatError,
  type PdfValue,
  parseValue,
  ref,
  refOf,
  rewrite,
  writeValue,
} from './pdf-syntax.ts';

/** The name of the furniture XObject in every page's resources. */
const FURNITURE = 'TrueupFurniture';

/** The bytes of a page's content streams, decompressed and joined. */
function pageContent(f: PdfFile, contents: PdfValue | undefined): Buffer {
  const ids = contents?.t === 'array' ? contents.v.map(refOf) : [refOf(contents)];
  return Buffer.concat(
    ids.map((id) => {
      const o = id === undefined ? undefined : f.objects.get(id);
      if (!o?.stream) throw new PdfFormatError('PDF merge: a page without a content stream');
      const filter = asDict(parseValue(o.text).value)?.get('Filter');
      if (filter === undefined) return o.stream;
      if (filter.t === 'name' && filter.v === 'FlateDecode') return inflateSync(o.stream);
      throw new PdfFormatError('PDF merge: a content stream in an unknown filter');
    }),
  );
}

/** Every object reachable from `v` in `f`. */
function reachable(f: PdfFile, v: PdfValue, seen = new Set<number>()): Set<number> {
  const visit = (x: PdfValue) => {
    if (x.t === 'ref') {
      if (seen.has(x.v)) return;
      seen.add(x.v);
      const o = f.objects.get(x.v);
      if (!o) throw new PdfFormatError(`PDF merge: furniture object ${x.v} is missing`);
      visit(parseValue(o.text).value);
    } else if (x.t === 'array') x.v.forEach(visit);
    else if (x.t === 'dict') for (const y of x.v.values()) visit(y);
  };
  visit(v);
  return seen;
}

/**
 * Draw page i of `furniture` over page `pages[i]` of `out` (objects numbered from 1), marked as an
 * artifact; `add` appends an object to `out` and gives its number.
 */
export function overlayFurniture(
  out: PdfObject[],
  pages: number[],
  furniture: PdfFile,
  add: (v: PdfValue | PdfObject) => number,
) {
  const fpages = pageTree(furniture, refOf(objectDict(furniture, furniture.root).get('Pages')) ?? -1).pages;
  if (fpages.length !== pages.length) {
    throw new PdfFormatError(`PDF merge: ${fpages.length} furniture pages for ${pages.length} pages`);
  }
  const fdicts = fpages.map((id) => objectDict(furniture, id));
  // Chromium gives every page its own resources; inherited ones are not looked for
  if (fdicts.some((d) => !d.get('Resources')))
    throw new PdfFormatError('PDF merge: a furniture page without resources');
  const used = new Set<number>();
  for (const d of fdicts) reachable(furniture, d.get('Resources')!, used);
  const mapped = new Map<number, number>();
  let next = out.length + 1;
  for (const id of used) mapped.set(id, next++);
  const m = (id: number) => {
    const n = mapped.get(id);
    if (n === undefined) throw new PdfFormatError(`PDF merge: furniture object ${id} is missing`);
    return n;
  };
  for (const id of used)
    add({ ...furniture.objects.get(id)!, text: rewrite(furniture.objects.get(id)!.text, { ref: m }) });
  const stream = (s: string) => add({ text: `<</Length ${s.length}>>`, stream: Buffer.from(s, 'latin1') });
  const [save, restore, draw] = [
    stream('q\n'),
    stream('\nQ\n'),
    stream(`/Artifact BMC\n/${FURNITURE} Do\nEMC\n`),
  ];
  pages.forEach((pageId, i) => {
    const fp = fdicts[i]!;
    const bytes = deflateSync(pageContent(furniture, fp.get('Contents')), { level: 6 });
    const form = add({
      text: writeValue(
        dict([
          ['Type', name('XObject')],
          ['Subtype', name('Form')],
          ['BBox', fp.get('MediaBox') ?? array([])],
          ['Resources', mapRefs(fp.get('Resources')!, m)],
          ['Filter', name('FlateDecode')],
          ['Length', atom(bytes.length)],
        ]),
      ),
      stream: bytes,
    });
    const page = asDict(parseValue(out[pageId - 1]!.text).value)!;
    const contents = page.get('Contents');
    page.set(
      'Contents',
      array([
        ref(save),
        ...(contents?.t === 'array' ? contents.v : contents ? [contents] : []),
        ref(restore),
        ref(draw),
      ]),
    );
    let resources = page.get('Resources');
    const resId = refOf(resources);
    if (resId !== undefined) resources = parseValue(out[resId - 1]!.text).value;
    const res = new Map(asDict(resources) ?? []);
    const xobjects = new Map(asDict(res.get('XObject')) ?? []);
    xobjects.set(FURNITURE, ref(form));
    res.set('XObject', { t: 'dict', v: xobjects });
    page.set('Resources', { t: 'dict', v: res });
    out[pageId - 1] = { ...out[pageId - 1]!, text: writeValue({ t: 'dict', v: page }) };
  });
}
