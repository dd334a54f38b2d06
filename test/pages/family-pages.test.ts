import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CiscoOneData } from '../../src/analysis/checks/cisco-one.ts';
import type { CiscoViewData } from '../../src/analysis/checks/cisco-view.ts';
import type { DeploymentModeData } from '../../src/analysis/checks/deployment-mode.ts';
import type { ExposureData } from '../../src/analysis/checks/exposure.ts';
import type { OrphanedData } from '../../src/analysis/checks/orphaned.ts';
import type { UnactivatedPakData } from '../../src/analysis/checks/unactivated-pak.ts';
import { FAMILIES } from '../../src/analysis/model/finding.ts';
import { PAGE_ROWS } from '../../src/lib/family-data.ts';
import { MODE_LABEL } from '../../src/lib/family-labels.ts';
import { money } from '../../src/lib/format.ts';
import type { BuiltFixture } from '../render/helpers.ts';
import { buildWithNarrative, page } from './helpers.ts';

let site: BuiltFixture;
beforeAll(async () => {
  site = await buildWithNarrative('data/clients/demo');
});
afterAll(() => site?.cleanup());

const data = <T>(family: (typeof FAMILIES)[number]) => site.report.families[family]!.data as T;

describe('family pages of the demo', () => {
  it('open with the family narrative, rendered without a problem', async () => {
    for (const family of FAMILIES) {
      const $ = await page(site.siteDir, `families/${family}`);
      expect($(`.narrative[data-section="${family}"]`).length, family).toBe(1);
      expect($('.narrative-problem').length, family).toBe(0);
    }
  });

  it('deployment: a chart of devices by mode, risks by severity, every mode in the device table', async () => {
    const $ = await page(site.siteDir, 'families/deployment-mode');
    const d = data<DeploymentModeData>('deployment-mode');
    expect($('[data-chart="deployment-mode.modes"] svg').length).toBe(1);
    expect($('[data-chart="deployment-mode.risks"] svg').length).toBe(1);
    const rows = $('table[data-devices] tbody tr');
    expect(rows.length).toBe(Math.min(PAGE_ROWS, d.devices.length));
    const modes = new Set(rows.map((_, r) => $(r).attr('data-mode')).get());
    for (const m of d.byMode.filter((x) => x.devices > 0)) {
      expect(modes.has(m.mode), m.mode).toBe(true);
      expect($('[data-chart="deployment-mode.modes"]').text()).toContain(MODE_LABEL[m.mode]);
    }
    // evidence shown as file:line
    const withEvidence = d.devices.find((x) => x.evidence)!;
    const { file, line } = withEvidence.evidence!;
    expect($('table[data-devices]').text()).toContain(`${file}:${line}`);
  });

  it('PAK estate: the CSSM-vs-inventory chart per PID family', async () => {
    const $ = await page(site.siteDir, 'families/pak-estate');
    const svg = $('[data-chart="pak-estate.estate"] svg');
    expect(svg.length).toBe(1);
    expect(svg.text()).toContain('C3850');
  });

  it('unactivated PAK: a chart by age band and every PAK line', async () => {
    const $ = await page(site.siteDir, 'families/unactivated-pak');
    expect($('[data-chart="unactivated-pak.age"] svg').length).toBe(1);
    for (const l of data<UnactivatedPakData>('unactivated-pak').lines)
      expect($('main').text()).toContain(l.pak);
  });

  it('orphaned: counts by kind and the before / after transfers / after reclaim table', async () => {
    const $ = await page(site.siteDir, 'families/orphaned');
    expect($('[data-chart="orphaned.kinds"] svg').length).toBe(1);
    expect($('table[data-remediation] thead').text()).toMatch(/Before.*After transfers.*After reclaim/s);
    const d = data<OrphanedData>('orphaned');
    expect($('table[data-remediation] tbody tr').length).toBe(
      d.positions.filter((p) => p.before < 0 || p.before !== p.afterReturnCodes).length,
    );
  });

  it('Cisco ONE: each line exploded into components with its SWSS status', async () => {
    const $ = await page(site.siteDir, 'families/cisco-one');
    const d = data<CiscoOneData>('cisco-one');
    expect($('section.holding').length).toBe(d.lines.length);
    expect($('section.holding').first().text()).toContain(d.lines[0]!.components[0]!.licence);
    expect($('main').text()).toContain('SWSS continuity');
  });

  it('Cisco view: one side-by-side row per point', async () => {
    const $ = await page(site.siteDir, 'families/cisco-view');
    const rows = $('table[data-side-by-side] tbody tr');
    expect(rows.length).toBe(data<CiscoViewData>('cisco-view').rows.length);
    expect($('table[data-side-by-side] thead').text()).toMatch(
      /Cisco sees.*trueup computes.*Verdict.*Who is right.*Why/s,
    );
  });

  it('exposure: the three figures, the waterfall SVG, the scenario table and the unpriced list', async () => {
    const $ = await page(site.siteDir, 'families/exposure');
    const d = data<ExposureData>('exposure');
    const s = d.summary!;
    const values = $('[data-exposure-range] .figure .value')
      .map((_, e) => $(e).text())
      .get();
    expect(values).toEqual([
      money(s.low, s.currency),
      money(s.expected, s.currency),
      money(s.high, s.currency),
    ]);
    const waterfall = $('[data-chart="exposure.waterfall"] svg');
    expect(waterfall.length).toBe(1);
    expect(waterfall.find('rect').length).toBeGreaterThanOrEqual(d.scenarios.length + 1);
    expect($('table[data-scenarios] tbody tr').length).toBe(d.scenarios.length);
    expect($('table[data-unpriced] tbody tr').length).toBe(d.unpriced.length);
    expect($('table[data-unpriced]').text()).not.toMatch(/€0\b/);
  });

  it('overview: the exposure range low – expected – high', async () => {
    const $ = await page(site.siteDir, '');
    const s = site.report.summary.exposure!;
    const text = $('main').text();
    for (const v of [s.low, s.expected, s.high]) expect(text).toContain(money(v, s.currency));
  });

  it('VA imbalance page and VA pages: before / after transfers / after reclaim', async () => {
    const $ = await page(site.siteDir, 'families/va-imbalance');
    expect($('table[data-remediation]').length).toBe(1);
    const va = data<OrphanedData>('orphaned').positions.find((p) => p.reclaimed > 0)!;
    const slug = va.virtualAccount.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const $va = await page(site.siteDir, `va/${slug}`);
    expect($va('table[data-remediation] tbody tr').length).toBe(
      data<OrphanedData>('orphaned').positions.filter((p) => p.virtualAccount === va.virtualAccount).length,
    );
  });
});
