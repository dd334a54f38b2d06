import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/analysis/report/build-report.ts';
import { goldenOf } from './golden.ts';
import { FIXTURES, fixtureReport } from './helpers.ts';

const expected = (name: string) =>
  JSON.parse(readFileSync(`${FIXTURES}../golden/${name}/expected-findings.json`, 'utf8')) as unknown;

describe.each(['money-non-ea', 'money-ea', 'money-cisco-one'])('fixture %s', (name) => {
  it('produces exactly the expected Cisco ONE, cisco-view and exposure findings', async () => {
    const { report } = await fixtureReport(name);
    expect(goldenOf(report.findings)).toEqual(expected(name));
  });

  it('balances every ledger entry and rejects nothing', async () => {
    const { inputs } = await fixtureReport(name);
    for (const e of inputs.ledger) {
      expect(e.rowsRead, e.file).toBe(e.rowsAccepted + e.rowsRejected);
      expect(e.rowsRejected, e.file).toBe(0);
      expect(e.fatal, e.file).toBeUndefined();
    }
  });

  it('gives the same findings and figures whatever the row order', async () => {
    const { report, inputs, catalog } = await fixtureReport(name);
    const reversed = {
      ...inputs,
      licences: [...inputs.licences].reverse(),
      productInstances: [...inputs.productInstances].reverse(),
      alerts: [...inputs.alerts].reverse(),
      ciscoOne: [...inputs.ciscoOne].reverse(),
      support: [...inputs.support].reverse(),
      prices: [...inputs.prices].reverse(),
    };
    const { results } = runChecks(reversed, catalog);
    const again = Object.values(results).flatMap((r) => r?.findings ?? []);
    expect(goldenOf(again)).toEqual(goldenOf(report.findings));
    const data = results.exposure!.section.data as { summary: unknown } | null;
    expect(data?.summary ?? null).toEqual(report.summary.exposure);
  });

  it('is JSON-serialisable as is', async () => {
    const { report } = await fixtureReport(name);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});
