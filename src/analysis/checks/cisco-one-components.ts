import { licenceDisplayName } from '../load/catalog.ts';
import type { Catalog } from '../model/catalog.ts';
import type { SourceRef } from '../model/evidence.ts';
import type { VaPosition } from '../reconcile/positions.ts';
import type { SuiteDefinition } from '../reconcile/suites.ts';

/** One component licence of one Cisco ONE line, against what CSSM holds. */
export interface ComponentRow {
  sku: string;
  licenceKey: string;
  licence: string;
  /** Suite quantity × quantity per suite. */
  needed: number;
  /** Units found in the Virtual Accounts of the suite's devices (or any VA when those are unknown). */
  inSuiteVas: number;
  /** Units found only in other Virtual Accounts. */
  inOtherVas: { virtualAccount: string; quantity: number }[];
  missing: number;
  evidence: SourceRef[];
}

/**
 * CSSM purchased units per (VA, licence key), drawn down as Cisco ONE lines claim them, so that
 * two lines never count the same units. Licence types are pooled: a suite's component may show
 * as TERM or SUBSCRIPTION depending on the export.
 */
export class ComponentPool {
  private readonly left = new Map<string, Map<string, number>>();
  private readonly rows = new Map<string, SourceRef[]>();
  constructor(positions: readonly VaPosition[]) {
    for (const p of positions) {
      const byVa = this.left.get(p.licenceKey) ?? new Map<string, number>();
      byVa.set(p.virtualAccount, (byVa.get(p.virtualAccount) ?? 0) + p.purchased);
      this.left.set(p.licenceKey, byVa);
      const k = `${p.virtualAccount}\u0000${p.licenceKey}`;
      const rows = this.rows.get(k);
      if (rows) rows.push(...p.rows);
      else this.rows.set(k, [...p.rows]);
    }
  }

  /** Claim `needed` units: first in the suite's VAs, then anywhere else (those are in the wrong VA). */
  claim(
    licenceKey: string,
    needed: number,
    suiteVas: readonly string[],
  ): Omit<ComponentRow, 'sku' | 'licence'> {
    const byVa = this.left.get(licenceKey) ?? new Map<string, number>();
    const evidence: SourceRef[] = [];
    let want = needed;
    const take = (va: string) => {
      const have = byVa.get(va) ?? 0;
      const q = Math.min(have, want);
      if (q > 0) {
        byVa.set(va, have - q);
        want -= q;
        evidence.push(...(this.rows.get(`${va}\u0000${licenceKey}`) ?? []));
      }
      return q;
    };
    const anyVa = suiteVas.length === 0;
    let inSuiteVas = 0;
    const order = [...byVa.keys()].sort();
    for (const va of anyVa ? order : [...suiteVas].sort()) inSuiteVas += take(va);
    const inOtherVas: ComponentRow['inOtherVas'] = [];
    if (!anyVa) {
      for (const va of order.filter((v) => !suiteVas.includes(v))) {
        const q = take(va);
        if (q > 0) inOtherVas.push({ virtualAccount: va, quantity: q });
      }
    }
    return { licenceKey, needed, inSuiteVas, inOtherVas, missing: want, evidence };
  }
}

/** Explode one line through its suite definition; tracker SKUs (no licence key) deliver nothing. */
export function explodeLine(
  def: SuiteDefinition,
  quantity: number,
  suiteVas: readonly string[],
  pool: ComponentPool,
  catalog: Catalog,
): ComponentRow[] {
  return def.components
    .filter((c) => c.licenceKey !== '')
    .map((c) => ({
      sku: c.sku,
      licence: licenceDisplayName(catalog, c.licenceKey),
      ...pool.claim(c.licenceKey, quantity * c.perSuite, suiteVas),
    }));
}
