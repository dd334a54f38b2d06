import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VaImbalanceData } from '../../src/analysis/checks/va-imbalance.ts';
import { FIXTURES, reportFor } from '../helpers/fixtures.ts';

const data = (r: Awaited<ReturnType<typeof reportFor>>) =>
  r.families['va-imbalance']!.data as VaImbalanceData;

describe('va-imbalance on va-basic', async () => {
  const report = await reportFor(join(FIXTURES, 'va-basic'));
  const rows = data(report).positions;
  const row = (va: string, licence: string) =>
    rows.find((r) => r.virtualAccount === va && r.licence === licence)!;

  it('flags a hidden imbalance: the Smart Account total is positive while one VA is short', () => {
    const branches = row('Branches', 'C9300 DNA Advantage');
    expect(branches.balance).toBe(-6);
    expect(branches.accountBalance).toBe(6); // 10 − 6 + 2
    expect(branches.hidden).toBe(true);
    const f = report.findings.find((x) => x.id === branches.findingId)!;
    expect(f.quantity).toBe(6);
    expect(f.facts?.residual).toBe(0);
  });

  it('never moves reserved units: Lab holds 4 reserved Network Advantage and gives none', () => {
    const moves = report.transferPlan.filter((t) => t.licence === 'C9300 Network Advantage');
    expect(moves.every((t) => t.fromVirtualAccount !== 'Lab')).toBe(true);
    expect(moves.reduce((s, t) => s + t.quantity, 0)).toBe(3);
  });

  it('leaves a residual shortage that transfers cannot fix', () => {
    const campus = row('Campus', 'C9300 Network Advantage');
    expect(campus.balance).toBe(-10);
    expect(campus.afterTransfers).toBe(-7);
    expect(data(report).residualUnits).toBe(7 + 2); // Network Advantage 7, C9200 Network Essentials 2
  });

  it('covers a shortage from one donor when one surplus is large enough', () => {
    const moves = report.transferPlan.filter((t) => t.licence === 'C9300 DNA Advantage');
    expect(moves).toHaveLength(1);
    expect(moves[0]).toMatchObject({
      fromVirtualAccount: 'Campus',
      toVirtualAccount: 'Branches',
      quantity: 6,
    });
  });
});

describe('va-imbalance on va-many-types', async () => {
  const report = await reportFor(join(FIXTURES, 'va-many-types'));

  it('splits twelve licence types between one pair of VAs into two requests of at most ten', () => {
    const pair = report.transferPlan.filter(
      (t) => t.fromVirtualAccount === 'Headquarters' && t.toVirtualAccount === 'Plants',
    );
    const types = new Set(pair.map((t) => `${t.licence}|${t.licenceType}`));
    expect(types.size).toBe(12);
    const requests = [...new Set(pair.map((t) => t.request))];
    expect(requests).toEqual([1, 2]);
    for (const r of requests) {
      expect(new Set(pair.filter((t) => t.request === r).map((t) => t.licence)).size).toBeLessThanOrEqual(10);
    }
  });

  it('moves exactly the shortage of each licence and leaves no residual', () => {
    expect(data(report).residualUnits).toBe(0);
    for (const t of report.transferPlan) expect(t.quantity).toBeGreaterThan(0);
    const total = report.transferPlan.reduce((s, t) => s + t.quantity, 0);
    expect(total).toBe(data(report).shortageUnits);
  });
});
