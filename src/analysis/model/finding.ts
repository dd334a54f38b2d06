import { hash } from 'node:crypto';
import type { SourceRef } from './evidence.ts';
import { compareText, orderByText } from './text-order.ts';

export const FAMILIES = [
  'va-imbalance',
  'deployment-mode',
  'pak-estate',
  'unactivated-pak',
  'orphaned',
  'cisco-one',
  'cisco-view',
  'exposure',
  'data-quality',
] as const;
export type Family = (typeof FAMILIES)[number];

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const STATUSES = ['open', 'accepted', 'disputed', 'resolved'] as const;
export type FindingStatus = (typeof STATUSES)[number];

/**
 * One finding = one row of findings.csv: a shortage of one licence in one VA, one device, one
 * PAK line, one Cisco ONE line. Quantities are licence units (devices for device findings);
 * `amount` is net money in the client's currency, null when unpriced (never 0 for "unknown").
 */
export interface Finding {
  id: string;
  family: Family;
  severity: Severity;
  title: string;
  detail: string;
  virtualAccount?: string;
  licence?: string;
  pid?: string;
  serial?: string;
  hostname?: string;
  pak?: string;
  quantity?: number;
  amount?: number | null;
  action: string;
  evidence: SourceRef[];
  status: FindingStatus;
  owner?: string;
  comment?: string;
  /** Family-specific facts for tables (all JSON-serialisable scalars). */
  facts?: Record<string, string | number | boolean | null>;
}

/** Stable id: `<family>-<8 hex of sha1(key)>`. The key must be made of input facts only (no row order). */
export function findingId(family: Family, key: string): string {
  return `${family}-${hash('sha1', key).slice(0, 8)}`;
}

const FAMILY_RANK = Object.fromEntries(FAMILIES.map((f, i) => [f, i])) as Record<Family, number>;
const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

/** Register order: family order, then severity, then title, then id: independent of input order. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    FAMILY_RANK[a.family] - FAMILY_RANK[b.family] ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    compareText(a.title, b.title) ||
    compareText(a.id, b.id)
  );
}

/**
 * `findings.sort(compareFindings)`, in place: findings are dealt into (family, severity) buckets
 * in input order, and only each bucket is sorted by title and id, so 50,000 findings are not
 * ranked again on every comparison; the titles mostly by numbers (`orderByText`, text-order.ts). Same
 * order, ties included (both sorts are stable).
 */
export function sortFindings(findings: Finding[]): Finding[] {
  const buckets: Finding[][] = Array.from({ length: FAMILIES.length * SEVERITIES.length }, () => []);
  for (const f of findings) {
    const bucket = buckets[FAMILY_RANK[f.family] * SEVERITIES.length + SEVERITY_RANK[f.severity]];
    // a family or severity outside the lists (never made by a check): the plain sort orders it
    if (!bucket) return findings.sort(compareFindings);
    bucket.push(f);
  }
  let i = 0;
  for (const bucket of buckets) {
    if (bucket.length < 2) {
      for (const f of bucket) findings[i++] = f;
      continue;
    }
    const order = orderByText(
      bucket.map((f) => f.title),
      (a, b) => compareText(bucket[a]!.id, bucket[b]!.id),
    );
    for (const k of order) findings[i++] = bucket[k]!;
  }
  return findings;
}

export type NewFinding = Omit<Finding, 'id' | 'status'> & { key: string };

/** Build a finding with its id from a key; status starts open (the workbook may change it). */
export function makeFinding(f: NewFinding): Finding {
  const { key, ...rest } = f;
  return { id: findingId(f.family, key), status: 'open', ...rest };
}
