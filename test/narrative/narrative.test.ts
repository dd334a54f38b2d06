import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { renderNarrative } from '../../src/narrative/render-narrative.ts';
import { FIXTURES, reportFor } from '../helpers/fixtures.ts';

describe('narrative (safe MDX subset)', async () => {
  const report = await reportFor(join(FIXTURES, 'va-basic'));
  const render = (mdx: string) =>
    renderNarrative(mdx, { report, base: '../', charts: { demo: '<svg id="c"></svg>' } });

  it('renders Markdown and pulls figures from the Report', () => {
    const { html, problems } = render(
      '# Position\n\nWe found <Figure name="findings" /> findings, **<Figure name="va-imbalance.still-short-after-transfers" />** licences still short.',
    );
    expect(problems).toEqual([]);
    expect(html).toContain('<h1>Position</h1>');
    expect(html).toContain(`<strong class="figure" title="Findings">${report.summary.findings}</strong>`);
    expect(html).toContain('title="Still short after transfers">9</strong>');
  });

  it('lists findings of a family, linked to the register', () => {
    const { html } = render('<FindingsTable family="va-imbalance" limit="2" />');
    const ids = report.findings.filter((f) => f.family === 'va-imbalance').map((f) => f.id);
    expect(html).toContain(`href="../findings/#${ids[0]}"`);
    expect(html).toContain('1 more in the findings register.');
  });

  it('never executes or emits script, event handlers, javascript: URLs, imports or expressions', () => {
    const hostile = [
      '<script>alert(1)</script>',
      '<img src=x onerror="alert(1)">',
      '[click](javascript:alert(1))',
      'import fs from "node:fs"',
      'export const x = process.exit(1)',
      '{process.exit(1)}',
      '<Figure name={process.env.HOME} />',
      '<div dangerouslySetInnerHTML="x" onclick="alert(1)">hi</div>',
    ].join('\n\n');
    for (const mdx of [hostile, hostile.replace('src=x', 'src="x"')]) {
      const { html, problems } = render(mdx);
      const $ = cheerio.load(html);
      expect($('script, img, iframe, object, embed').length).toBe(0);
      $('*').each((_, e) => {
        for (const name of Object.keys((e as { attribs?: Record<string, string> }).attribs ?? {})) {
          expect(name).not.toMatch(/^on|dangerously/i);
        }
      });
      expect($('[href^="javascript"]').length).toBe(0);
      expect(problems.length).toBeGreaterThanOrEqual(1);
      expect($.text()).toContain('{process.exit(1)}'); // shown as text, never evaluated
    }
  });

  it('embeds only the site’s own charts, and says when a name is unknown', () => {
    expect(render('<Chart name="demo" />').html).toContain('<svg id="c"></svg>');
    const missing = render('<Chart name="nope" />');
    expect(missing.html).toContain('[unknown chart nope]');
    expect(missing.problems[0]).toMatch(/no such chart/);
  });
});
