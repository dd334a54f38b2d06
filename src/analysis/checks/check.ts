import type { ClientInputs } from '../load/client-inputs.ts';
import type { Catalog } from '../model/catalog.ts';
import type { Family, Finding } from '../model/finding.ts';
import type { InputKind } from '../model/ledger.ts';
import type { Assumption, FamilySection, TransferLine } from '../model/report.ts';
import type { Estate } from '../reconcile/estate.ts';

/** What every check receives. No I/O, no clock: "today" is `inputs.config.asOf`. */
export interface CheckContext {
  inputs: ClientInputs;
  estate: Estate;
  catalog: Catalog;
  /** Results of checks that ran earlier (exposure reads va-imbalance's plan, orphaned's reclaims, …). */
  earlier: Partial<Record<Family, CheckResult>>;
}

export interface CheckResult<T = unknown> {
  findings: Finding[];
  section: FamilySection<T>;
  transferPlan?: TransferLine[];
  assumptions?: Assumption[];
}

/**
 * One finding family (DESIGN.md §5). `needs`: inputs without which the check cannot run (its
 * section is then `unavailable`); `uses`: inputs that deepen it when present.
 */
export interface Check<T = unknown> {
  family: Family;
  title: string;
  needs: InputKind[];
  uses: InputKind[];
  run: (ctx: CheckContext) => CheckResult<T>;
}

/** The section of a check that could not run: says what was missing instead of printing zeros. */
export function unavailableSection(check: Check, missing: InputKind[]): FamilySection<null> {
  return {
    family: check.family,
    title: check.title,
    status: 'unavailable',
    usedInputs: [],
    missingInputs: missing,
    note: `This check needs ${missing.map((k) => INPUT_LABEL[k]).join(' and ')}, which ${missing.length > 1 ? 'were' : 'was'} not supplied.`,
    figures: [],
    data: null,
  };
}

export const INPUT_LABEL: Record<InputKind, string> = {
  client: 'client.yaml',
  licenses: 'the CSSM licences export (cssm/licenses*)',
  'product-instances': 'the CSSM product instances export (cssm/product-instances*)',
  alerts: 'the CSSM alerts export (cssm/alerts*)',
  transactions: 'the CSSM licence transactions (cssm/transactions*)',
  paks: 'the PAK listing (legacy/paks*)',
  inventory: 'a device inventory (inventory/*)',
  captures: 'device captures (captures/**/*.txt)',
  'cisco-one': 'the Cisco ONE holdings (contracts/cisco-one*)',
  support: 'the service contracts (contracts/support*)',
  prices: 'a price list (contracts/prices*)',
  workbook: 'the workbook (workbook/findings.yaml)',
  sections: 'narrative overrides (workbook/sections/*.mdx)',
};

/** Inputs among `kinds` that the client supplied / did not supply. */
export function partitionInputs(
  inputs: ClientInputs,
  kinds: InputKind[],
): { used: InputKind[]; missing: InputKind[] } {
  return {
    used: kinds.filter((k) => inputs.present.includes(k)),
    missing: kinds.filter((k) => !inputs.present.includes(k)),
  };
}
