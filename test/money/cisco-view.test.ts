import { describe, expect, it } from 'vitest';
import type { Check } from '../../src/analysis/checks/check.ts';
import { type CiscoViewData, ciscoView } from '../../src/analysis/checks/cisco-view.ts';
import { vaImbalance } from '../../src/analysis/checks/va-imbalance.ts';
import { loadCatalog } from '../../src/analysis/load/catalog.ts';
import { emptyInputs } from '../../src/analysis/load/client-inputs.ts';
import { runChecks } from '../../src/analysis/report/build-report.ts';
import { familyData, fixtureReport } from './helpers.ts';
import { CONFIG, licence } from './remediation.ts';

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

describe('cisco-view on in-memory inputs', () => {
  it('reads CSSM status columns, unnamed alerts and expiries', async () => {
    const inputs = emptyInputs(CONFIG);
    inputs.present.push('client', 'licenses', 'alerts');
    inputs.licences.push(
      // status says short, and it is: agree
      licence('Campus', 'c9300-network-advantage', 'C9300 Network Advantage', 1, 3, 'PERPETUAL', {
        status: 'Insufficient Licenses',
      }),
      // in use past its end date, and Cisco says expired: agree
      licence('Lab', 'c9300-dna-advantage', 'C9300 DNA Advantage', 5, 2, 'TERM', { endDate: '2026-10-31' }),
      // in use past its end date, no alert: trueup-only
      licence('Lab', 'c9200-dna-advantage', 'C9200 DNA Advantage', 5, 1, 'TERM', { endDate: '2026-09-30' }),
    );
    const src = (line: number) => ({ file: 'cssm/alerts.csv', line });
    inputs.alerts.push(
      {
        source: src(2),
        message: 'Licenses Expired',
        virtualAccount: 'Lab',
        licenceName: 'C9300 DNA Advantage',
      },
      { source: src(3), message: 'Insufficient Licenses', virtualAccount: 'Branches' },
    );
    const { results } = runChecks(inputs, await loadCatalog(), [vaImbalance as Check, ciscoView as Check]);
    const data = results['cisco-view']!.section.data as CiscoViewData;
    expect(data.rows.map((r) => [r.topic, r.virtualAccount, r.licence ?? '', r.verdict, r.right])).toEqual([
      ['shortage', 'Campus', 'C9300 Network Advantage', 'agree', 'both'],
      ['shortage', 'Branches', '', 'cisco-only', 'unclear'],
      ['expired', 'Lab', 'C9200 DNA Advantage', 'trueup-only', 'trueup'],
      ['expired', 'Lab', 'C9300 DNA Advantage', 'agree', 'both'],
    ]);
  });

  it('makes one row of each repeated account alert per Virtual Account, counting them, with every line in order', async () => {
    const inputs = emptyInputs(CONFIG);
    inputs.present.push('client', 'licenses', 'alerts');
    inputs.licences.push(
      licence('Lab', 'c9300-network-advantage', 'C9300 Network Advantage', 5, 1, 'PERPETUAL'),
    );
    const alert = (line: number, message: string, virtualAccount?: string) => ({
      source: { file: 'cssm/alerts.csv', line },
      message,
      ...(virtualAccount ? { virtualAccount } : {}),
    });
    inputs.alerts.push(
      alert(2, 'Synchronization Overdue', 'Lab'),
      alert(3, 'Maintenance window notice', 'Lab'),
      alert(4, 'Synchronization Overdue', 'Campus'),
      alert(5, 'Synchronization Overdue', 'Lab'),
      alert(6, 'Maintenance window notice', 'Lab'),
      alert(7, 'Synchronization Overdue', 'Lab'),
    );
    const { results } = runChecks(inputs, await loadCatalog(), [vaImbalance as Check, ciscoView as Check]);
    const data = results['cisco-view']!.section.data as CiscoViewData;
    const account = data.rows.filter((r) => r.topic === 'sync' || r.topic === 'other');
    expect(account.map((r) => [r.topic, r.virtualAccount, r.cisco, r.evidence.map((e) => e.line)])).toEqual([
      ['other', 'Lab', 'Maintenance window notice (2 alerts)', [3, 6]],
      ['sync', 'Campus', 'Synchronization Overdue', [4]],
      ['sync', 'Lab', 'Synchronization Overdue (3 alerts)', [2, 5, 7]],
    ]);
  });
});
