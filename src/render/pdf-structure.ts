/**
 * Just enough PDF reading to number pages: the page order (page tree) and the named
 * destinations Chromium writes for every `#id` link target. Chromium (Skia) writes these
 * dictionaries uncompressed; content streams are never parsed.
 */

import { readXref } from './pdf-file.ts';

/** An object's dictionary (the text before its stream, if any) by object number. */
interface PdfObjects {
  get(id: number): string | undefined;
  /** The catalog's dictionary. */
  catalog: string;
}

function dictionary(body: string): string {
  const stream = body.indexOf('stream');
  return stream >= 0 ? body.slice(0, stream) : body;
}

/**
 * Objects found through the cross-reference table at the end of the file, read where it says
 * they are: a tagged PDF of a large report holds tens of thousands of structure objects in
 * megabytes, and only the catalog, the page tree and the destinations are read. Undefined when
 * the file has no classic xref table (the caller then scans the whole file).
 */
function viaXref(pdf: Buffer): PdfObjects | undefined {
  const xref = readXref(pdf);
  if (!xref) return undefined;
  const { offsets, trailer } = xref;
  const get = (id: number): string | undefined => {
    const off = offsets.get(id);
    if (off === undefined) return undefined;
    const stop = pdf.indexOf('endobj', off, 'latin1');
    if (stop < 0) return undefined;
    const head = /^(\d+) 0 obj\s*/.exec(pdf.toString('latin1', off, Math.min(stop, off + 32)));
    if (!head || Number(head[1]) !== id) return undefined;
    // only the dictionary: a stream (a page's contents, a font) is never read
    return dictionary(pdf.toString('latin1', off + head[0].length, stop));
  };
  const root = refAfter(trailer, 'Root');
  const catalog = root === undefined ? undefined : get(root);
  return catalog && /\/Type\s*\/Catalog\b/.test(catalog) ? { get, catalog } : undefined;
}

/** Every object, by scanning the whole file (when there is no usable xref table). */
function viaScan(pdf: Buffer): PdfObjects {
  const text = pdf.toString('latin1');
  const bodies = new Map<number, string>();
  const re = /(?:^|[\r\n])(\d+) 0 obj\s*([\s\S]*?)\bendobj/g;
  for (let m = re.exec(text); m; m = re.exec(text)) bodies.set(Number(m[1]), dictionary(m[2]!));
  const catalog = [...bodies.values()].find((b) => /\/Type\s*\/Catalog\b/.test(b)) ?? '';
  return { get: (id) => bodies.get(id), catalog };
}

function objects(pdf: Uint8Array): PdfObjects {
  const buf = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  return viaXref(buf) ?? viaScan(buf);
}

function refAfter(body: string, key: string): number | undefined {
  const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(body);
  return m ? Number(m[1]) : undefined;
}

/** Page object numbers in reading order, from the catalog's page tree. */
function pageOrder(o: PdfObjects): number[] {
  const out: number[] = [];
  const walk = (id: number, depth: number) => {
    const body = o.get(id);
    if (!body || depth > 64) return;
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(body);
    if (/\/Type\s*\/Pages\b/.test(body) && kids) {
      for (const k of kids[1]!.matchAll(/(\d+) 0 R/g)) walk(Number(k[1]), depth + 1);
    } else if (/\/Type\s*\/Page\b/.test(body)) out.push(id);
  };
  const root = refAfter(o.catalog, 'Pages');
  if (root !== undefined) walk(root, 0);
  return out;
}

/** A page's MediaBox, or its nearest ancestor's (the box is inheritable). */
function pageSize(o: PdfObjects, id: number): { width: number; height: number } {
  for (let at: number | undefined = id, depth = 0; at !== undefined && depth < 64; depth++) {
    const body = o.get(at) ?? '';
    const box = /\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/.exec(body);
    if (box) {
      const [x0, y0, x1, y1] = box.slice(1).map(Number) as [number, number, number, number];
      return { width: Math.abs(x1 - x0), height: Math.abs(y1 - y0) };
    }
    at = refAfter(body, 'Parent');
  }
  return { width: 0, height: 0 };
}

function decodeName(name: string): string {
  return name.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
}

export interface PdfOutline {
  pages: number;
  /** Each page's width and height (its MediaBox, in points), in page order. */
  sizes: { width: number; height: number }[];
  /** Element id → 1-based page number, for every element that an internal link points to. */
  destinations: Map<string, number>;
}

/** Page count and named destinations of a Chromium-printed PDF. */
export function readPdfOutline(pdf: Uint8Array): PdfOutline {
  const o = objects(pdf);
  const order = pageOrder(o);
  const index = new Map(order.map((id, i) => [id, i + 1]));
  const destinations = new Map<string, number>();
  const destsId = refAfter(o.catalog, 'Dests');
  const dests = destsId === undefined ? undefined : o.get(destsId);
  if (dests) {
    for (const m of dests.matchAll(/\/([^\s/[\]<>()]+)\s*\[\s*(\d+) 0 R/g)) {
      const page = index.get(Number(m[2]));
      if (page !== undefined) destinations.set(decodeName(m[1]!), page);
    }
  }
  return { pages: order.length, sizes: order.map((id) => pageSize(o, id)), destinations };
}
