/**
 * Just enough PDF reading to number pages: the page order (page tree) and the named
 * destinations Chromium writes for every `#id` link target. Chromium (Skia) writes these
 * dictionaries uncompressed; content streams are never parsed.
 */

interface PdfObjects {
  bodies: Map<number, string>;
}

function objects(pdf: Uint8Array): PdfObjects {
  const text = Buffer.from(pdf).toString('latin1');
  const bodies = new Map<number, string>();
  const re = /(?:^|[\r\n])(\d+) 0 obj\s*([\s\S]*?)\bendobj/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const body = m[2]!;
    const stream = body.indexOf('stream');
    bodies.set(Number(m[1]), stream >= 0 ? body.slice(0, stream) : body);
  }
  return { bodies };
}

function refAfter(body: string, key: string): number | undefined {
  const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(body);
  return m ? Number(m[1]) : undefined;
}

/** Page object numbers in reading order, from the catalog's page tree. */
function pageOrder(o: PdfObjects, catalog: string): number[] {
  const out: number[] = [];
  const walk = (id: number, depth: number) => {
    const body = o.bodies.get(id);
    if (!body || depth > 64) return;
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(body);
    if (/\/Type\s*\/Pages\b/.test(body) && kids) {
      for (const k of kids[1]!.matchAll(/(\d+) 0 R/g)) walk(Number(k[1]), depth + 1);
    } else if (/\/Type\s*\/Page\b/.test(body)) out.push(id);
  };
  const root = refAfter(catalog, 'Pages');
  if (root !== undefined) walk(root, 0);
  return out;
}

function decodeName(name: string): string {
  return name.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
}

export interface PdfOutline {
  pages: number;
  /** Element id → 1-based page number, for every element that an internal link points to. */
  destinations: Map<string, number>;
}

/** Page count and named destinations of a Chromium-printed PDF. */
export function readPdfOutline(pdf: Uint8Array): PdfOutline {
  const o = objects(pdf);
  const catalog = [...o.bodies.values()].find((b) => /\/Type\s*\/Catalog\b/.test(b)) ?? '';
  const order = pageOrder(o, catalog);
  const index = new Map(order.map((id, i) => [id, i + 1]));
  const destinations = new Map<string, number>();
  const destsId = refAfter(catalog, 'Dests');
  const dests = destsId === undefined ? undefined : o.bodies.get(destsId);
  if (dests) {
    for (const m of dests.matchAll(/\/([^\s/[\]<>()]+)\s*\[\s*(\d+) 0 R/g)) {
      const page = index.get(Number(m[2]));
      if (page !== undefined) destinations.set(decodeName(m[1]!), page);
    }
  }
  return { pages: order.length, destinations };
}
