import type { WorkbookEntry } from '../load/client-inputs.ts';
import type { Finding } from '../model/finding.ts';

/**
 * The only fields of a finding a decision sets. The site's page reuse (src/render/page-reuse.ts)
 * keys a page by the analysis and these fields of its findings, so a decision that set any other
 * field would leave a kept page stale: add it here, never only below.
 */
export const DECISION_FIELDS = ['status', 'owner', 'comment'] as const;

/** A finding's id and decision fields: what a key of the decisions on a set of findings holds. */
export const decisionsOf = (f: Finding) => [f.id, ...DECISION_FIELDS.map((k) => f[k] ?? null)];

/** Whether `decided` is `f` with nothing but decision fields changed (as `applyWorkbook` copies it). */
export function onlyDecisionsDiffer(decided: Finding, f: Finding): boolean {
  for (const k of new Set([...Object.keys(decided), ...Object.keys(f)])) {
    const field = k as keyof Finding;
    if (!(DECISION_FIELDS as readonly string[]).includes(k) && decided[field] !== f[field]) return false;
  }
  return true;
}

/** Apply the advisor's decisions (status, owner, comment) by finding id; unknown ids become warnings. */
export function applyWorkbook(
  findings: Finding[],
  entries: readonly WorkbookEntry[],
  warnings: string[],
): Finding[] {
  // no decisions (a first build): the same findings, without a set of 50,000 ids to check none
  if (entries.length === 0) return findings.slice();
  const byId = new Map(entries.map((e) => [e.id, e]));
  const ids = new Set(findings.map((f) => f.id));
  for (const e of entries) {
    if (!ids.has(e.id))
      warnings.push(`workbook/findings.yaml line ${e.line}: no finding has the id "${e.id}"`);
  }
  return findings.map((f) => {
    const e = byId.get(f.id);
    if (!e) return f;
    const decided: Finding = { ...f };
    for (const k of DECISION_FIELDS) if (e[k]) Object.assign(decided, { [k]: e[k] });
    return decided;
  });
}
