import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

/**
 * Server-side Plot: render to an SVG (or <figure>) string with linkedom's document, at build
 * time, so charts need no JavaScript in the site or the PDF. Discrete scales only: continuous
 * colour legends need a canvas (TOOLCHAIN.md §2). Text reaches the SVG through DOM text nodes,
 * which linkedom escapes on serialisation, so the string is safe for `set:html`.
 */
export function plotToSvg(options: Plot.PlotOptions): string {
  const { document } = parseHTML('<!DOCTYPE html><html><head></head><body></body></html>');
  const el = Plot.plot({ ...options, document: document as unknown as Document });
  return el.outerHTML;
}
