/**
 * The print page cut into its parts (the cover, the contents, each chapter and appendix: the
 * top-level `<section data-print-part="…">` elements, each of which starts a new page), and each
 * part as an HTML document of its own for Chromium to print. A part printed alone lays out as it
 * does in the whole document, so the PDF can be put together from parts, and a rebuild prints
 * again only the parts whose HTML changed.
 *
 * A link to another part's element would be dropped by Chromium (its target is not in the
 * document), so each part carries empty placeholder targets for them, out of the flow; the merge
 * keeps each destination from the part that holds the element. A part's own elements that other
 * parts link to get hidden links, so that Chromium writes their destinations.
 */

import { escapeMarkup, unescapeMarkup } from '../lib/markup-escape.ts';

export interface PrintPart {
  /** The part's `data-print-part`: "cover", "contents" or a chapter's element id. */
  id: string;
  html: string;
  /** Element ids inside the part (as the browser reads them, unescaped). */
  ids: Set<string>;
  /** `#fragment` targets linked from inside the part (unescaped). */
  links: Set<string>;
}

export interface PrintDocument {
  /** Everything before `<body`. */
  head: string;
  /** The `<body …>` tag. */
  body: string;
  parts: PrintPart[];
}

/** The parts' opening tags; Astro writes attributes in source order, and `data-print-part` first. */
const PART = /<section data-print-part="([^"]+)"/g;

const idsIn = (html: string) =>
  new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => unescapeMarkup(m[1]!)));
const linksIn = (html: string) =>
  new Set([...html.matchAll(/\shref="#([^"]*)"/g)].map((m) => unescapeMarkup(m[1]!)));

/**
 * The print page's parts, or undefined when it has none, or has content outside them (the whole
 * page is then printed in one piece).
 */
export function splitPrintPage(html: string): PrintDocument | undefined {
  const bodyAt = html.indexOf('<body');
  const bodyEnd = html.indexOf('>', bodyAt) + 1;
  const close = html.lastIndexOf('</body>');
  if (bodyAt < 0 || bodyEnd <= 0 || close < bodyEnd) return undefined;
  const starts = [...html.slice(0, close).matchAll(PART)].map((m) => ({ id: m[1]!, at: m.index }));
  if (starts.length === 0 || html.slice(bodyEnd, starts[0]!.at).trim() !== '') return undefined;
  const parts = starts.map((s, i) => {
    const part = html.slice(s.at, i + 1 < starts.length ? starts[i + 1]!.at : close);
    return { id: s.id, html: part, ids: idsIn(part), links: linksIn(part) };
  });
  if (new Set(parts.map((p) => p.id)).size !== parts.length) return undefined;
  return { head: html.slice(0, bodyAt), body: html.slice(bodyAt, bodyEnd), parts };
}

/** The part that holds each element id. */
export function owners(doc: PrintDocument): Map<string, PrintPart> {
  const map = new Map<string, PrintPart>();
  for (const p of doc.parts) for (const id of p.ids) if (!map.has(id)) map.set(id, p);
  return map;
}

/** Names of the page rules in the print CSS (`@page cover { … }`), whose margin boxes parts drop. */
function pageNames(head: string): string[] {
  return [...new Set([...head.matchAll(/@page\s+([A-Za-z_][\w-]*)/g)].map((m) => m[1]!))];
}

const NO_MARGIN_BOXES = [
  'top-left',
  'top-center',
  'top-right',
  'bottom-left',
  'bottom-center',
  'bottom-right',
]
  .map((b) => `@${b}{content:none}`)
  .join('');

function withStyle(head: string, css: string): string {
  const at = head.lastIndexOf('</head>');
  if (at < 0) throw new Error('print page: no </head>');
  return `${head.slice(0, at)}<style>${css}</style>${head.slice(at)}`;
}

/**
 * One part as a document: the print page's head (its styles) with the margin boxes turned off
 * (the page furniture is printed separately, numbered for the whole PDF), the part, placeholder
 * targets for its links into other parts, hidden links to its elements that other parts link to,
 * and the contents' page numbers filled in from `numbers` (element id → page).
 */
export function partDocument(
  doc: PrintDocument,
  part: PrintPart,
  owner: Map<string, PrintPart>,
  numbers?: Map<string, number>,
): string {
  const css = ['', ...pageNames(doc.head)].map((n) => `@page ${n}{${NO_MARGIN_BOXES}}`).join('');
  const targets = [...part.links].filter((l) => !part.ids.has(l) && owner.has(l));
  const wanted = new Set<string>();
  for (const other of doc.parts) {
    if (other === part) continue;
    for (const l of other.links) if (part.ids.has(l) && owner.get(l) === part) wanted.add(l);
  }
  let html = part.html;
  if (numbers) {
    html = html.replace(
      /(<[^>]*\sdata-toc-page="([^"]*)"[^>]*>)[^<]*(<\/)/g,
      (_, open: string, id: string, end: string) => `${open}${numbers.get(unescapeMarkup(id)) ?? ''}${end}`,
    );
  }
  const placeholders = targets.map((t) => `<span id="${escapeMarkup(t)}"></span>`).join('');
  const selfLinks = [...wanted].map((t) => `<a href="#${escapeMarkup(t)}"></a>`).join('');
  return [
    withStyle(doc.head, css),
    doc.body,
    html,
    `<div aria-hidden="true" style="position:absolute;top:0;left:0;width:0;height:0;overflow:hidden">${placeholders}</div>`,
    `<div hidden>${selfLinks}</div>`,
    '</body></html>',
  ].join('');
}

export interface FurniturePage {
  /** Landscape (wider than high). */
  landscape: boolean;
  /** No running head or page number (the cover). */
  blank: boolean;
}

/**
 * A document of empty pages, one per page of the PDF, that prints only the page furniture the
 * print CSS puts in the margin boxes ("Page x of y" counts these pages), on the same page sizes.
 */
export function furnitureDocument(doc: PrintDocument, pages: readonly FurniturePage[]): string {
  const css = [
    `@page trueup-blank{margin:0;${NO_MARGIN_BOXES}}`,
    '@page trueup-landscape{size:A4 landscape}',
    '.trueup-page{height:1px;break-after:page}',
    '.trueup-page:last-child{break-after:auto}',
  ].join('');
  const body = pages
    .map((p) => {
      const name = p.blank ? 'trueup-blank' : p.landscape ? 'trueup-landscape' : undefined;
      return name
        ? `<div class="trueup-page" style="page:${name}"></div>`
        : '<div class="trueup-page"></div>';
    })
    .join('');
  return `${withStyle(doc.head, css)}${doc.body}${body}</body></html>`;
}
