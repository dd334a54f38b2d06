import type { Finding } from '../../src/analysis/model/finding.ts';

export const MONEY_FAMILIES = ['cisco-one', 'cisco-view', 'exposure'] as const;

/** The golden shape of a finding: what expected-findings.json lists (amounts at full precision). */
export function goldenOf(findings: readonly Finding[]) {
  return findings
    .filter((f) => (MONEY_FAMILIES as readonly string[]).includes(f.family))
    .map((f) => ({
      id: f.id,
      family: f.family,
      severity: f.severity,
      title: f.title,
      quantity: f.quantity ?? null,
      amount: f.amount ?? null,
    }))
    .sort((a, b) => a.family.localeCompare(b.family) || a.id.localeCompare(b.id));
}
