import { type Finding, makeFinding, type Severity } from '../model/finding.ts';
import type { TransferLine } from '../model/report.ts';
import { positionKey, type VaPosition } from '../reconcile/positions.ts';
import type { Check, CheckContext, CheckResult } from './check.ts';
import { partitionInputs } from './check.ts';
import { applyMoves, groupIntoRequests, type PlannedMove, planLicence } from './transfer-plan.ts';

/** One (VA, licence, type) row of the VA page: before and after the transfer plan. */
export interface PositionRow {
  virtualAccount: string;
  licenceKey: string;
  licence: string;
  licenceType: string;
  purchased: number;
  inUse: number;
  reserved: number;
  balance: number;
  afterTransfers: number;
  /** Smart Account total balance of this licence and type. */
  accountBalance: number;
  hidden: boolean;
  findingId?: string;
  rows: { file: string; line: number }[];
}

export interface LicenceTotal {
  licenceKey: string;
  licence: string;
  licenceType: string;
  purchased: number;
  inUse: number;
  balance: number;
  shortVas: number;
  shortage: number;
  residual: number;
}

export interface VaImbalanceData {
  positions: PositionRow[];
  totals: LicenceTotal[];
  transfers: number;
  requests: number;
  shortageUnits: number;
  coveredByTransfers: number;
  residualUnits: number;
  hiddenImbalances: number;
}

function groupByLicence(positions: readonly VaPosition[]): Map<string, VaPosition[]> {
  return Map.groupBy(positions, (p) => `${p.licenceKey}\u0000${p.licenceType}`);
}

function severityOf(residual: number, shortage: number): Severity {
  if (residual === 0) return 'medium';
  return residual >= 10 || residual === shortage ? 'high' : 'medium';
}

export function runVaImbalance(ctx: CheckContext): CheckResult<VaImbalanceData> {
  const positions = ctx.estate.positions;
  const moves: PlannedMove[] = [];
  const totals: LicenceTotal[] = [];
  const accountBalance = new Map<string, number>();
  for (const [k, group] of groupByLicence(positions)) {
    moves.push(...planLicence(group));
    const balance = group.reduce((s, p) => s + p.balance, 0);
    accountBalance.set(k, balance);
    const shortage = group.reduce((s, p) => s + Math.max(0, -p.balance), 0);
    const surplus = group.reduce((s, p) => s + Math.max(0, p.balance), 0);
    totals.push({
      licenceKey: group[0]!.licenceKey,
      licence: group[0]!.licenceName,
      licenceType: group[0]!.licenceType,
      purchased: group.reduce((s, p) => s + p.purchased, 0),
      inUse: group.reduce((s, p) => s + p.inUse, 0),
      balance,
      shortVas: group.filter((p) => p.balance < 0).length,
      shortage,
      residual: Math.max(0, shortage - surplus),
    });
  }
  const plan: TransferLine[] = groupIntoRequests(moves);
  const after = applyMoves(positions, moves);
  const findings: Finding[] = [];
  const rows: PositionRow[] = positions.map((p) => {
    const afterTransfers = after.get(positionKey(p.virtualAccount, p.licenceKey, p.licenceType)) ?? p.balance;
    const total = accountBalance.get(`${p.licenceKey}\u0000${p.licenceType}`) ?? p.balance;
    const hidden = p.balance < 0 && total >= 0;
    const row: PositionRow = {
      virtualAccount: p.virtualAccount,
      licenceKey: p.licenceKey,
      licence: p.licenceName,
      licenceType: p.licenceType,
      purchased: p.purchased,
      inUse: p.inUse,
      reserved: p.reserved,
      balance: p.balance,
      afterTransfers,
      accountBalance: total,
      hidden,
      rows: p.rows,
    };
    if (p.balance < 0) {
      const shortage = -p.balance;
      const residual = Math.max(0, -afterTransfers);
      const incoming = plan.filter(
        (t) =>
          t.toVirtualAccount === p.virtualAccount &&
          t.licenceKey === p.licenceKey &&
          t.licenceType === p.licenceType,
      );
      const donors = [...new Set(incoming.map((t) => t.fromVirtualAccount))];
      const f = makeFinding({
        key: positionKey(p.virtualAccount, p.licenceKey, p.licenceType),
        family: 'va-imbalance',
        severity: severityOf(residual, shortage),
        title: `${p.licenceName}: ${p.virtualAccount} is short by ${shortage}`,
        detail:
          `${p.virtualAccount} uses ${p.inUse} of ${p.purchased} ${p.licenceName} (${p.licenceType.toLowerCase()})` +
          (p.reserved ? `, ${p.reserved} of them reserved` : '') +
          `. ` +
          (hidden
            ? `The Smart Account as a whole has a balance of ${total}, so a total-only review shows no shortage: a hidden imbalance. `
            : `The Smart Account as a whole is short by ${-total}. `) +
          (residual === 0
            ? `Transfers from ${donors.join(', ')} cover it.`
            : shortage > residual
              ? `Transfers cover ${shortage - residual}; ${residual} remain short after the plan.`
              : `No other Virtual Account has surplus to transfer; all ${residual} remain short.`),
        virtualAccount: p.virtualAccount,
        licence: p.licenceName,
        quantity: shortage,
        action:
          residual === 0
            ? `Transfer ${shortage} ${p.licenceName} from ${donors.join(', ')} (transfer plan request ${[...new Set(incoming.map((t) => t.request))].join(', ')}).`
            : shortage > residual
              ? `Transfer ${shortage - residual} as planned; reclaim or buy the remaining ${residual}.`
              : `Reclaim licences from retired devices or budget for ${residual} at true-up.`,
        evidence: p.rows,
        facts: {
          purchased: p.purchased,
          inUse: p.inUse,
          reserved: p.reserved,
          balance: p.balance,
          accountBalance: total,
          hidden,
          coveredByTransfers: shortage - residual,
          residual,
          licenceType: p.licenceType,
          licenceKey: p.licenceKey,
        },
      });
      row.findingId = f.id;
      findings.push(f);
    }
    return row;
  });
  const shortageUnits = rows.reduce((s, r) => s + Math.max(0, -r.balance), 0);
  const residualUnits = rows.reduce((s, r) => s + Math.max(0, -r.afterTransfers), 0);
  const hiddenImbalances = rows.filter((r) => r.hidden).length;
  const { used, missing } = partitionInputs(ctx.inputs, ['licenses']);
  return {
    findings,
    transferPlan: plan,
    section: {
      family: 'va-imbalance',
      title: vaImbalance.title,
      status: 'complete',
      usedInputs: used,
      missingInputs: missing,
      figures: [
        { label: 'Licences short across Virtual Accounts', value: shortageUnits, unit: 'licences' },
        { label: 'Hidden imbalances (account total fine, VA short)', value: hiddenImbalances, unit: 'count' },
        { label: 'Covered by transfers', value: shortageUnits - residualUnits, unit: 'licences' },
        { label: 'Still short after transfers', value: residualUnits, unit: 'licences' },
      ],
      data: {
        positions: rows,
        totals: totals.sort(
          (a, b) => a.licence.localeCompare(b.licence) || a.licenceType.localeCompare(b.licenceType),
        ),
        transfers: plan.length,
        requests: new Set(plan.map((t) => t.request)).size,
        shortageUnits,
        coveredByTransfers: shortageUnits - residualUnits,
        residualUnits,
        hiddenImbalances,
      },
    },
    assumptions: [
      {
        id: 'va-balance',
        text: 'Balance = purchased − in use per Virtual Account and licence; reserved units are part of in use and never counted as surplus.',
      },
      {
        id: 'va-transfers',
        text: 'Transfers move surplus only between Virtual Accounts of the same Smart Account, for the same licence and licence type, at most 10 licence types per request. No licence hierarchy is applied unless the catalog or CSSM substitution data says so.',
      },
    ],
  };
}

export const vaImbalance: Check<VaImbalanceData> = {
  family: 'va-imbalance',
  title: 'Virtual Account imbalances',
  needs: ['licenses'],
  uses: [],
  run: runVaImbalance,
};
