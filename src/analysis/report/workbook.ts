import type { WorkbookEntry } from '../load/client-inputs.ts';
import type { Finding } from '../model/finding.ts';

/** Apply the advisor's decisions (status, owner, comment) by finding id; unknown ids become warnings. */
export function applyWorkbook(
  findings: Finding[],
  entries: readonly WorkbookEntry[],
  warnings: string[],
): Finding[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const ids = new Set(findings.map((f) => f.id));
  for (const e of entries) {
    if (!ids.has(e.id))
      warnings.push(`workbook/findings.yaml line ${e.line}: no finding has the id "${e.id}"`);
  }
  return findings.map((f) => {
    const e = byId.get(f.id);
    if (!e) return f;
    return {
      ...f,
      ...(e.status ? { status: e.status } : {}),
      ...(e.owner ? { owner: e.owner } : {}),
      ...(e.comment ? { comment: e.comment } : {}),
    };
  });
}
