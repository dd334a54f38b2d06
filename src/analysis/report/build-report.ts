import type { Check, CheckContext, CheckResult } from '../checks/check.ts';
import { partitionInputs, unavailableSection } from '../checks/check.ts';
import { CHECKS } from '../checks/index.ts';
import type { ClientInputs } from '../load/client-inputs.ts';
import type { Catalog } from '../model/catalog.ts';
import {
  FAMILIES,
  type Family,
  type Finding,
  SEVERITIES,
  type Severity,
  sortFindings,
} from '../model/finding.ts';
import type { Report } from '../model/report.ts';
import { compareText } from '../model/text-order.ts';
import { assertNoneEmpty, reconcile } from '../reconcile/estate.ts';
import { addDecisionEntries, isDecisionEntry, withoutDecisions } from './decision-ledger.ts';
import { applyWorkbook } from './workbook.ts';

export const VERSION = '0.1.0';

/** Run every check whose inputs are present; the others get an `unavailable` section. */
export function runChecks(inputs: ClientInputs, catalog: Catalog, checks: readonly Check[] = CHECKS) {
  const estate = reconcile(inputs);
  const ctx: CheckContext = { inputs, estate, catalog, earlier: {} };
  for (const check of checks) {
    const { missing } = partitionInputs(inputs, check.needs);
    const result: CheckResult = missing.length
      ? { findings: [], section: unavailableSection(check, missing) }
      : check.run(ctx);
    ctx.earlier[check.family] = result;
  }
  return { estate, results: ctx.earlier };
}

/** Records + catalog → the Report. Pure: the same inputs give the same Report, byte for byte. */
export function buildReport(
  inputs: ClientInputs,
  catalog: Catalog,
  checks: readonly Check[] = CHECKS,
): Report {
  return applyDecisions(
    analyseInputs(withoutDecisions(inputs), catalog, checks),
    inputs.workbook,
    inputs.ledger.filter(isDecisionEntry),
  );
}

/**
 * The Report before the advisor's decisions: every finding open, no workbook warnings. This is
 * what the build caches by a hash of the inputs; `applyDecisions` finishes it.
 */
export function analyseInputs(
  inputs: ClientInputs,
  catalog: Catalog,
  checks: readonly Check[] = CHECKS,
): Report {
  const { estate, results } = runChecks(inputs, catalog, checks);
  assertNoneEmpty();
  const findings: Finding[] = [];
  for (const r of Object.values(results)) for (const f of r?.findings ?? []) findings.push(f);
  sortFindings(findings);
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byFamily = Object.fromEntries(FAMILIES.map((f) => [f, 0])) as Record<Family, number>;
  for (const f of findings) {
    bySeverity[f.severity]++;
    byFamily[f.family]++;
  }
  const families: Report['families'] = {};
  for (const [family, r] of Object.entries(results)) if (r) families[family as Family] = r.section;
  const exposureData = results.exposure?.section.data as
    | { summary?: Report['summary']['exposure'] }
    | undefined;
  const { dateOrder: _omit, ...client } = inputs.config;
  return {
    schemaVersion: 1,
    generator: { name: 'trueup', version: VERSION },
    client,
    inputs: inputsOf(inputs.ledger),
    ledger: inputs.ledger,
    summary: {
      currency: inputs.config.currency,
      findings: findings.length,
      bySeverity,
      byFamily,
      exposure: exposureData?.summary ?? null,
      topActions: topActions(findings),
      virtualAccounts: estate.virtualAccounts.length,
      licences: new Set(estate.positions.map((p) => p.licenceKey)).size,
      devices: estate.devices.size + estate.unkeyedInstances.length,
    },
    findings,
    families,
    transferPlan: results['va-imbalance']?.transferPlan ?? [],
    assumptions: Object.values(results).flatMap((r) => r?.assumptions ?? []),
    sections: {},
    warnings: [],
  };
}

/**
 * Apply the decision files to an analysed Report: their ledger entries (`decisionEntries`, see
 * decision-ledger.ts), then workbook/findings.yaml's statuses, owners and comments by finding id,
 * the top actions (resolved findings leave them) and a warning per unknown id.
 */
export function applyDecisions(
  analysed: Report,
  workbook: ClientInputs['workbook'],
  decisionEntries: Report['ledger'] = [],
): Report {
  const base = addDecisionEntries(analysed, decisionEntries);
  const warnings: string[] = [];
  const findings = applyWorkbook(base.findings, workbook, warnings);
  // the top actions are made from the findings alone: when no decision changed one, they stand
  const same =
    findings.length === analysed.findings.length && findings.every((f, i) => f === analysed.findings[i]);
  return {
    ...base,
    inputs: inputsOf(base.ledger),
    summary: { ...base.summary, topActions: same ? analysed.summary.topActions : topActions(findings) },
    findings,
    warnings: [...base.warnings, ...warnings],
  };
}

function inputsOf(ledger: Report['ledger']): Report['inputs'] {
  // one pass: a list copied per entry was quadratic in the 2,000 capture files of a large estate
  return [...Map.groupBy(ledger, (e) => e.kind)].map(([kind, entries]) => ({
    kind,
    files: entries.map((e) => e.file),
  }));
}

/** The findings to act on first: open ones, data quality aside, by severity and money at stake. */
export function topActions(findings: readonly Finding[]): Report['summary']['topActions'] {
  const open = findings.filter((f) => f.status !== 'resolved' && f.family !== 'data-quality');
  return pickTopActions(open).map((f) => ({
    findingId: f.id,
    title: f.title,
    action: f.action,
    severity: f.severity,
  }));
}

const SEVERITY_RANK = new Map(SEVERITIES.map((s, i) => [s, i]));

const byImportance = (a: Finding, b: Finding) =>
  SEVERITY_RANK.get(a.severity)! - SEVERITY_RANK.get(b.severity)! ||
  (b.amount ?? 0) - (a.amount ?? 0) ||
  (b.quantity ?? 0) - (a.quantity ?? 0) ||
  compareText(a.id, b.id);

/**
 * Five actions for the executive summary: the most important finding of each family first (so
 * ten stale devices do not hide a shortage), then the next most important overall.
 */
export function pickTopActions(open: readonly Finding[], n = 5): Finding[] {
  // Only each family's first and the first 2n overall can be picked, so they are found in one
  // pass instead of sorting every finding; equal findings keep input order, as a stable sort would.
  const before = (i: number, j: number) => byImportance(open[i]!, open[j]!) < 0;
  const firstOf = new Map<Family, number>();
  const top: number[] = [];
  for (let i = 0; i < open.length; i++) {
    const family = open[i]!.family;
    const first = firstOf.get(family);
    if (first === undefined || before(i, first)) firstOf.set(family, i);
    if (top.length === 2 * n && !before(i, top[top.length - 1]!)) continue;
    let at = top.length;
    while (at > 0 && before(i, top[at - 1]!)) at--;
    top.splice(at, 0, i);
    if (top.length > 2 * n) top.pop();
  }
  const firstOfFamily = FAMILIES.flatMap((f) => (firstOf.has(f) ? [open[firstOf.get(f)!]!] : []));
  const picked = firstOfFamily.sort(byImportance).slice(0, n);
  for (const i of top) if (picked.length < n && !picked.includes(open[i]!)) picked.push(open[i]!);
  return picked;
}
