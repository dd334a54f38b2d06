import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INPUT_LABEL } from '../../src/analysis/checks/check.ts';
import type { BuiltFixture } from '../render/helpers.ts';
import { buildWithNarrative, page } from './helpers.ts';

// va-basic has only licences and product instances: most checks cannot run.
let site: BuiltFixture;
beforeAll(async () => {
  site = await buildWithNarrative('test/fixtures/va-basic');
});
afterAll(() => site?.cleanup());

describe('checks without their inputs (va-basic)', () => {
  it('say what is missing instead of showing figures, and show no template narrative', async () => {
    const unavailable = Object.values(site.report.families).filter((s) => s?.status === 'unavailable');
    expect(unavailable.length).toBeGreaterThan(0);
    for (const s of unavailable) {
      const $ = await page(site.siteDir, `families/${s!.family}`);
      const text = $('main').text();
      expect(text, s!.family).toContain('Not computed');
      for (const k of s!.missingInputs) expect(text, s!.family).toContain(INPUT_LABEL[k]);
      expect($('main svg').length, s!.family).toBe(0);
      expect($('.figures').length, s!.family).toBe(0);
      expect($('.narrative').length, s!.family).toBe(0);
    }
  });

  it('the overview says the exposure is not computed, never zero', async () => {
    const $ = await page(site.siteDir, '');
    expect(site.report.summary.exposure).toBeNull();
    expect($('main').text()).toContain('Not computed');
    expect($('main').text()).not.toMatch(/€0\b|£0\b|\$0\b/);
  });
});
