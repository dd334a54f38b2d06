import type { DataQualityData } from '../analysis/checks/data-quality.ts';
import type { OrphanedData } from '../analysis/checks/orphaned.ts';
import type { PositionAfterRemediation } from '../analysis/checks/reclaim.ts';
import type { PositionRow, VaImbalanceData } from '../analysis/checks/va-imbalance.ts';
import { FAMILIES, type Family, type Finding, SEVERITIES } from '../analysis/model/finding.ts';
import type { FamilySection, Report, TransferLine } from '../analysis/model/report.ts';
import { uniqueSlugs } from './links.ts';
import { perReport } from './per-report.ts';

/**
 * Slicing and sorting of the Report for pages: which families, which Virtual Accounts, which
 * findings belong where. No analysis: every number shown comes from the Report as is.
 */

export interface FamilyEntry {
  family: Family;
  title: string;
  section: FamilySection;
  path: string;
}

/** Families present in the Report, in the canonical order of DESIGN.md §5. */
export function familyEntries(report: Report): FamilyEntry[] {
  return FAMILIES.flatMap((family) => {
    const section = report.families[family];
    return section ? [{ family, title: section.title, section, path: `/families/${family}/` }] : [];
  });
}

export function vaImbalanceData(report: Report): VaImbalanceData | undefined {
  const s = report.families['va-imbalance'];
  return s && s.status !== 'unavailable' ? (s.data as VaImbalanceData) : undefined;
}

export function dataQualityData(report: Report): DataQualityData | undefined {
  const s = report.families['data-quality'];
  return s && s.status !== 'unavailable' ? (s.data as DataQualityData) : undefined;
}

/** Positions before / after transfers / after reclaim, when the orphaned check ran. */
export function remediationPositions(report: Report): PositionAfterRemediation[] | undefined {
  const s = report.families.orphaned;
  return s && s.status !== 'unavailable' && s.data ? (s.data as OrphanedData).positions : undefined;
}

export interface VaEntry {
  name: string;
  slug: string;
  path: string;
  positions: PositionRow[];
  incoming: TransferLine[];
  outgoing: TransferLine[];
  findings: Finding[];
}

/** Names a finding's `virtualAccount` refers to ("Branches; Campus" names two). */
function findingVas(f: Finding, known: ReadonlySet<string>): string[] {
  if (!f.virtualAccount) return [];
  if (known.has(f.virtualAccount)) return [f.virtualAccount];
  const parts = f.virtualAccount.split('; ');
  return parts.every((p) => known.has(p)) ? parts : [f.virtualAccount];
}

/** Every Virtual Account named by positions, transfers or findings, sorted by name (once per Report). */
export const virtualAccounts = perReport('virtual-accounts', (report: Report): VaEntry[] => {
  const positions = vaImbalanceData(report)?.positions ?? [];
  const names = new Set<string>(positions.map((p) => p.virtualAccount));
  for (const t of report.transferPlan) names.add(t.fromVirtualAccount).add(t.toVirtualAccount);
  const fromPositions = new Set(names);
  for (const f of report.findings) for (const v of findingVas(f, fromPositions)) names.add(v);
  const sorted = [...names].sort((a, b) => a.localeCompare(b, 'en'));
  const slugs = uniqueSlugs(sorted);
  // one pass over the findings, in Report order, instead of one per Virtual Account
  const findingsByVa = new Map<string, Finding[]>(sorted.map((n) => [n, []]));
  for (const f of report.findings)
    for (const v of new Set(findingVas(f, fromPositions))) findingsByVa.get(v)?.push(f);
  return sorted.map((name) => ({
    name,
    slug: slugs.get(name)!,
    path: `/va/${slugs.get(name)}/`,
    positions: positions
      .filter((p) => p.virtualAccount === name)
      .sort((a, b) => a.licence.localeCompare(b.licence, 'en') || a.licenceType.localeCompare(b.licenceType)),
    incoming: report.transferPlan.filter((t) => t.toVirtualAccount === name),
    outgoing: report.transferPlan.filter((t) => t.fromVirtualAccount === name),
    findings: findingsByVa.get(name)!,
  }));
});

/** VA name → page path, for links from tables. */
export const vaPaths = perReport(
  'va-paths',
  (report: Report): Map<string, string> => new Map(virtualAccounts(report).map((v) => [v.name, v.path])),
);

const findingsByFamily = perReport('findings-by-family', (report: Report): Map<Family, Finding[]> => {
  const m = new Map<Family, Finding[]>(FAMILIES.map((f) => [f, []]));
  for (const f of report.findings) m.get(f.family)?.push(f);
  return m;
});

export function findingsOf(report: Report, family: Family): Finding[] {
  return findingsByFamily(report).get(family) ?? [];
}

/** Requests of the transfer plan in order, each with its lines. */
export function transferRequests(
  plan: readonly TransferLine[],
): { request: number; lines: TransferLine[] }[] {
  return [...Map.groupBy(plan, (t) => t.request).entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([request, lines]) => ({ request, lines }));
}

/** Severity counts in display order, zeros included (a register with no critical says 0). */
export function severityCounts(report: Report): { severity: (typeof SEVERITIES)[number]; count: number }[] {
  return SEVERITIES.map((severity) => ({ severity, count: report.summary.bySeverity[severity] ?? 0 }));
}

/** Anchor id of a finding on the register and in the PDF. */
export function findingAnchor(id: string): string {
  return id;
}
