import type { HeaderAliases } from '../load/columns.ts';

/**
 * Reference data from data/catalog/, loaded once and passed to loaders and checks.
 * Every table row keeps its `source` (where the fact comes from) for the methodology page.
 */
export interface LicenceCatalogEntry {
  /** Stable licence key, e.g. `c9300-network-advantage`. */
  key: string;
  /** CSSM display name, e.g. `C9300 Network Advantage`. */
  displayName: string;
  /** Other names that mean this licence: device short names, entitlement tags, SKUs. */
  names: string[];
  productFamily: string;
  tier: string;
  licenceType: 'PERPETUAL' | 'TERM' | 'SUBSCRIPTION';
  source: string;
}

export interface Catalog {
  aliases: HeaderAliases;
  licences: LicenceCatalogEntry[];
  /** Normalised name/tag/SKU → licence key. */
  licenceIndex: Map<string, string>;
  /** Extra tables added by later families (Cisco ONE suites, hierarchy, PID families, ...). */
  tables: Record<string, Record<string, string>[]>;
}
