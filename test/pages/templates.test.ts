import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSections, TEMPLATES_DIR } from '../../src/build/sections.ts';
import { narrativeCharts } from '../../src/lib/narrative-charts.ts';
import { renderNarrative } from '../../src/narrative/render-narrative.ts';
import { REPO, reportFor } from '../helpers/fixtures.ts';

describe('narrative templates', async () => {
  const report = await reportFor(join(REPO, 'data/clients/demo'));
  report.sections = await resolveSections({});
  const names = (await readdir(TEMPLATES_DIR))
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => f.replace(/\.mdx$/, ''));

  it('exist for every family with a page of its own, the overview and the methodology', () => {
    for (const name of [
      'overview',
      'methodology',
      'va-imbalance',
      'deployment-mode',
      'pak-estate',
      'unactivated-pak',
      'orphaned',
      'cisco-one',
      'cisco-view',
      'exposure',
      'data-quality',
    ])
      expect(names).toContain(name);
  });

  it.each(names)('%s renders against the demo Report with zero problems and keeps all its text', (name) => {
    const { html, problems } = renderNarrative(report.sections[name]!.mdx, {
      report,
      base: '../',
      charts: narrativeCharts(report),
    });
    expect(problems).toEqual([]);
    expect(html).not.toContain('narrative-problem');
    // every sentence's last words survive (nothing after a component is dropped)
    const lastWords = report.sections[name]!.mdx.trim().split('\n').at(-1)!;
    if (!lastWords.startsWith('<'))
      expect(html).toContain(lastWords.split(' ').at(-1)!.replace(/[*_`]/g, ''));
  });

  it('keeps the text after a component that starts a line', () => {
    const { html, problems } = renderNarrative('Of\n<Figure name="findings" /> findings, all count.', {
      report,
      base: '../',
    });
    expect(problems).toEqual([]);
    expect(html).toContain('findings, all count.');
  });
});
