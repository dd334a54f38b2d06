import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { type MdxJsxFlowElement, type MdxJsxTextElement, mdxJsxFromMarkdown } from 'mdast-util-mdx-jsx';
import { type Handler, toHast } from 'mdast-util-to-hast';
import { gfm } from 'micromark-extension-gfm';
import { mdxJsx } from 'micromark-extension-mdx-jsx';
import { FAMILIES, type Family, SEVERITIES } from '../analysis/model/finding.ts';
import type { Report } from '../analysis/model/report.ts';
import { findingsOf } from '../lib/view.ts';
import { formatFigure, namedFigures } from './figures.ts';

/**
 * Narrative is written in a safe subset of MDX: Markdown (with tables) plus three components with
 * literal attributes — <Figure name/>, <FindingsTable family severity limit/>, <Chart name/>.
 * Nothing in it is executed: there is no JavaScript evaluation, raw HTML is dropped, JSX
 * expressions are shown as text, and links may only be http(s), mailto, relative or #anchors.
 * Anything unsupported becomes a visible note in the page and a problem for the build log.
 */
export interface NarrativeContext {
  report: Report;
  /** Prefix that reaches the site root from the page (e.g. "../"). */
  base: string;
  /**
   * SVG charts by name (built by the site from the Report), or a function that makes one on
   * demand: rendering them all costs 0.2 s at 200,000 devices, and most narratives cite none.
   */
  charts?: Record<string, string> | ((name: string) => string | undefined);
  /** Link to a finding from this page (the register is paginated); default `${base}findings/#id`. */
  findingHref?: (id: string) => string;
}

const SAFE_URL = /^(https?:|mailto:|#|\.{0,2}\/|[a-z0-9][\w./-]*$)/i;

type Jsx = MdxJsxFlowElement | MdxJsxTextElement;

function attrs(node: Jsx, problems: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of node.attributes) {
    if (a.type === 'mdxJsxAttribute' && (typeof a.value === 'string' || a.value === null))
      out[a.name] = a.value ?? 'true';
    else problems.push(`<${node.name}>: only literal attributes are allowed (found an expression)`);
  }
  return out;
}

const el = (
  tagName: string,
  properties: Element['properties'],
  children: ElementContent[] = [],
): Element => ({
  type: 'element',
  tagName,
  properties,
  children,
});
const text = (value: string): ElementContent => ({ type: 'text', value });
const note = (message: string): Element =>
  el('span', { className: ['narrative-problem'] }, [text(`[${message}]`)]);

function findingsTable(a: Record<string, string>, ctx: NarrativeContext): Element {
  const limit = Math.max(1, Math.min(200, Number(a.limit ?? 10) || 10));
  // a family's findings from the per-Report index, not a scan of every finding (48,000 at 200,000
  // devices) for each of the dozen narratives a build renders
  const from = a.family ? findingsOf(ctx.report, a.family as Family) : ctx.report.findings;
  const list = from.filter(
    (f) => (!a.severity || f.severity === a.severity) && (!a.status || f.status === a.status),
  );
  const rows = list
    .slice(0, limit)
    .map((f) =>
      el('tr', {}, [
        el('td', { className: ['finding-id'] }, [
          el('a', { href: ctx.findingHref?.(f.id) ?? `${ctx.base}findings/#${f.id}` }, [text(f.id)]),
        ]),
        el('td', {}, [text(f.severity)]),
        el('td', {}, [text(f.title)]),
        el('td', { className: ['num'] }, [text(f.quantity === undefined ? '' : String(f.quantity))]),
      ]),
    );
  const table = el('table', { className: ['narrative-findings'] }, [
    el('thead', {}, [
      el(
        'tr',
        {},
        ['Finding', 'Severity', 'Title', 'Qty'].map((h) => el('th', {}, [text(h)])),
      ),
    ]),
    el(
      'tbody',
      {},
      rows.length ? rows : [el('tr', {}, [el('td', { colSpan: 4 }, [text('No findings match.')])])],
    ),
  ]);
  const more =
    list.length > limit
      ? [
          el('p', { className: ['table-note'] }, [
            text(`${list.length - limit} more in the findings register.`),
          ]),
        ]
      : [];
  return el('div', { className: ['narrative-table'] }, [table, ...more]);
}

function component(node: Jsx, ctx: NarrativeContext, problems: string[]): Element {
  const a = attrs(node, problems);
  switch (node.name) {
    case 'Figure': {
      const f = namedFigures(ctx.report).get(a.name ?? '');
      if (!f) {
        problems.push(`<Figure name="${a.name ?? ''}">: no such figure`);
        return note(`unknown figure ${a.name ?? ''}`);
      }
      return el('strong', { className: ['figure'], title: f.label }, [
        text(formatFigure(f, ctx.report.client.currency)),
      ]);
    }
    case 'FindingsTable':
      if (a.family && !(FAMILIES as readonly string[]).includes(a.family)) {
        problems.push(`<FindingsTable family="${a.family}">: no such family`);
        return note(`unknown family ${a.family}`);
      }
      if (a.severity && !(SEVERITIES as readonly string[]).includes(a.severity)) {
        problems.push(`<FindingsTable severity="${a.severity}">: no such severity`);
      }
      return findingsTable(a, ctx);
    case 'Chart': {
      const name = a.name ?? '';
      const svg = typeof ctx.charts === 'function' ? ctx.charts(name) : ctx.charts?.[name];
      if (!svg) {
        problems.push(`<Chart name="${a.name ?? ''}">: no such chart`);
        return note(`unknown chart ${a.name ?? ''}`);
      }
      // the SVG comes from the site's own Plot rendering, never from the narrative text
      return el('div', { className: ['chart'], dataChart: a.name ?? '' }, [
        { type: 'raw', value: svg } as unknown as ElementContent,
      ]);
    }
    default:
      problems.push(`<${node.name ?? 'fragment'}>: not an allowed component (Figure, FindingsTable, Chart)`);
      return note(`unsupported <${node.name ?? ''}>`);
  }
}

function sanitiseUrls(node: HastRoot | ElementContent, problems: string[]): void {
  if (node.type === 'element') {
    for (const key of ['href', 'src'] as const) {
      const v = node.properties?.[key];
      if (typeof v === 'string' && !SAFE_URL.test(v.trim())) {
        problems.push(`link "${v}" removed: only http(s), mailto, relative links and #anchors are allowed`);
        delete node.properties[key];
      }
    }
    if (node.tagName === 'img') {
      // the PDF loads nothing from the network; images in narrative become their alt text
      const alt = String(node.properties?.alt ?? '');
      Object.assign(node, { tagName: 'span', properties: {}, children: [text(alt)] });
    }
  }
  if ('children' in node) for (const c of node.children) sanitiseUrls(c as ElementContent, problems);
}

/** A line that opens with a self-closing component and goes on with text: `<Figure name="x" /> units…`. */
const LEADING_COMPONENT = /^[ \t]*<[A-Z][\w.]*(?:\s[^<>]*)?\/>[ \t]*[^\s<]/;

/**
 * MDX reads a component at the start of a line as a block, and the text after it on that line is
 * lost. Inside a paragraph the line break is only a space, so such a line is joined to the line
 * before; at the start of a paragraph it cannot be, and the writer is told to start with text.
 */
function inlineLeadingComponents(mdx: string, problems: string[]): string {
  const lines = mdx.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const prev = out.at(-1);
    if (LEADING_COMPONENT.test(line)) {
      if (prev !== undefined && prev.trim() !== '' && !/^\s*(#|>|[-*+] |\d+[.)] |\|)/.test(line)) {
        out[out.length - 1] = `${prev} ${line.trimStart()}`;
        continue;
      }
      problems.push(
        `"${line.trim().slice(0, 40)}…": a paragraph may not start with a component; start the line with text`,
      );
    }
    out.push(line);
  }
  return out.join('\n');
}

export function renderNarrative(mdx: string, ctx: NarrativeContext): { html: string; problems: string[] } {
  const problems: string[] = [];
  mdx = inlineLeadingComponents(mdx, problems);
  let tree: Root;
  try {
    tree = fromMarkdown(mdx, {
      extensions: [gfm(), mdxJsx()],
      mdastExtensions: [gfmFromMarkdown(), mdxJsxFromMarkdown()],
    });
  } catch (e) {
    // malformed JSX: read it as plain Markdown (raw HTML dropped) rather than fail the build
    problems.push(
      `components could not be parsed (${(e as Error).message.split('\n')[0]}); read as plain Markdown`,
    );
    tree = fromMarkdown(mdx, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  }
  const jsx: Handler = (_state, node) => component(node as Jsx, ctx, problems);
  const hast = toHast(tree, {
    allowDangerousHtml: false,
    handlers: { mdxJsxFlowElement: jsx, mdxJsxTextElement: jsx },
  }) as HastRoot;
  sanitiseUrls(hast, problems);
  return { html: toHtml(hast, { allowDangerousHtml: true }), problems };
}
