import { describe, expect, it } from 'vitest';
import type { CiscoViewData } from '../../src/analysis/checks/cisco-view.ts';
import { familyData, fixtureReport } from './helpers.ts';

/*
 * test/fixtures/money-non-ea alerts: Insufficient Licenses for C9300 Network Advantage (Campus:
 * short 10, 7 after transfers → agree) and C9300 Network Essentials (Campus: short 2, covered by
 * Branches' surplus → cisco-only, both right), and Synchronization Overdue (cisco-only, account).
 * No alert for C9300 DNA Advantage (Campus −6), C9200 DNA Essentials (Branches −4), ISE Plus
 * (Lab −2) and Mystery Feature Pack (Lab −2) → trueup-only.
 */
describe('cisco-view: what Cisco sees against trueup', () => {
  it('builds the side-by-side table with a verdict per point', async () => {
    const { report } = await fixtureReport('money-non-ea');
    const data = familyData<CiscoViewData>(report, 'cisco-view');
    expect(
      data.rows.map((r) => [r.topic, r.virtualAccount ?? '', r.licence ?? r.cisco, r.verdict, r.right]),
    ).toEqual([
      ['shortage', 'Branches', 'C9200 DNA Essentials', 'trueup-only', 'trueup'],
      ['shortage', 'Campus', 'C9300 DNA Advantage', 'trueup-only', 'trueup'],
      ['shortage', 'Campus', 'C9300 Network Advantage', 'agree', 'both'],
      ['shortage', 'Campus', 'C9300 Network Essentials', 'cisco-only', 'both'],
      ['shortage', 'Lab', 'ISE Plus', 'trueup-only', 'trueup'],
      ['shortage', 'Lab', 'Mystery Feature Pack', 'trueup-only', 'trueup'],
      ['sync', '', 'Synchronization Overdue', 'cisco-only', 'cisco'],
    ]);
    expect(data).toMatchObject({ ciscoViewSupplied: true, agree: 1, ciscoOnly: 2, trueupOnly: 4 });
  });

  it('makes a finding of each disagreement, none of agreements', async () => {
    const { report } = await fixtureReport('money-non-ea');
    const fs = report.findings.filter((f) => f.family === 'cisco-view');
    expect(fs).toHaveLength(6);
    const transfer = fs.find((f) => f.licence === 'C9300 Network Essentials')!;
    expect(transfer.severity).toBe('low');
    expect(transfer.detail).toMatch(/transfers .* close the gap/);
    expect(transfer.evidence.map((e) => `${e.file}:${e.line}`)).toEqual([
      'cssm/alerts.csv:3',
      'cssm/licenses.csv:4',
    ]);
  });

  it('shows only what Cisco cannot see when no Cisco view is supplied', async () => {
    const { report } = await fixtureReport('money-ea');
    const data = familyData<CiscoViewData>(report, 'cisco-view');
    expect(data.ciscoViewSupplied).toBe(false);
    expect(data.rows).toEqual([]);
    expect(report.families['cisco-view']?.status).toBe('partial');
  });
});
