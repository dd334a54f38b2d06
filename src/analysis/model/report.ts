import type { ClientConfig } from './client.ts';
import type { Family, Finding, Severity } from './finding.ts';
import type { InputKind, LedgerEntry } from './ledger.ts';

/**
 * One family's page data. `status` says whether the check ran on its inputs: a check without its
 * inputs is `unavailable` and the page says which inputs were missing, never shows zeros.
 */
export interface FamilySection<T = unknown> {
  family: Family;
  title: string;
  status: 'complete' | 'partial' | 'unavailable';
  usedInputs: InputKind[];
  missingInputs: InputKind[];
  /** Why the section is partial or unavailable, in a sentence for the page. */
  note?: string;
  /** Headline figures for the overview: label → value (numbers in their unit). */
  figures: {
    label: string;
    value: number | null;
    unit: 'licences' | 'devices' | 'money' | 'lines' | 'count';
  }[];
  data: T;
}

export interface Assumption {
  id: string;
  text: string;
}

/** A transfer of surplus licences from one VA to another; grouped into CSSM requests of ≤ 10 licence types. */
export interface TransferLine {
  request: number;
  fromVirtualAccount: string;
  toVirtualAccount: string;
  licence: string;
  licenceKey: string;
  licenceType: string;
  quantity: number;
  evidence: { file: string; line: number }[];
}

export interface ExposureSummary {
  low: number;
  expected: number;
  high: number;
  currency: string;
  unpricedLicences: number;
}

/**
 * The one object that the site, the PDF and the exports read (DESIGN.md §3.4). JSON-serialisable;
 * nothing downstream recomputes analysis.
 */
export interface Report {
  schemaVersion: 1;
  generator: { name: 'trueup'; version: string };
  client: Omit<ClientConfig, 'dateOrder'>;
  /** Input kinds present, and per kind the files read. */
  inputs: { kind: InputKind; files: string[] }[];
  ledger: LedgerEntry[];
  summary: {
    currency: string;
    findings: number;
    bySeverity: Record<Severity, number>;
    byFamily: Record<Family, number>;
    exposure: ExposureSummary | null;
    topActions: { findingId: string; title: string; action: string; severity: Severity }[];
    virtualAccounts: number;
    licences: number;
    devices: number;
  };
  findings: Finding[];
  families: Partial<Record<Family, FamilySection>>;
  transferPlan: TransferLine[];
  assumptions: Assumption[];
  /** Narrative MDX by section name: the client's override or the template (filled by the CLI). */
  sections: Record<string, { source: 'client' | 'template'; mdx: string }>;
  warnings: string[];
}
