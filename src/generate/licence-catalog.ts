import Papa from 'papaparse';

/**
 * The licences the generator may use, read from data/catalog/licences.csv so generated names,
 * tags and SKUs are always the ones the loaders resolve.
 */
export interface GenLicence {
  key: string;
  /** CSSM display name, e.g. `C9300 Network Advantage`. */
  displayName: string;
  family: string;
  tier: string;
  /** CSSM licence type column: PERPETUAL or TERM (subscriptions are TERM in CSSM). */
  cssmType: 'PERPETUAL' | 'TERM';
  /** `regid.…` entitlement tag when the catalog knows one. */
  entitlementTag?: string;
  /** SKUs the catalog lists (upper case, dashes, no spaces). */
  skus: string[];
  /** Device short forms, `network-advantage (C9300-48 Network Advantage)`. */
  deviceNames: string[];
  /** Bare feature names a classic `show license` prints (`appxk9`). */
  features: string[];
}

export function parseLicenceCatalog(csvText: string): GenLicence[] {
  const rows = Papa.parse<Record<string, string>>(csvText, { header: true, skipEmptyLines: 'greedy' }).data;
  return rows.map((r) => {
    const names = (r.names ?? '').split('|').filter(Boolean);
    const tag = names.find((n) => n.startsWith('regid.'));
    return {
      key: r.key ?? '',
      displayName: r.display_name ?? '',
      family: r.product_family ?? '',
      tier: r.tier ?? '',
      cssmType: r.licence_type === 'PERPETUAL' ? 'PERPETUAL' : 'TERM',
      ...(tag ? { entitlementTag: tag } : {}),
      skus: names.filter((n) => /^[A-Z0-9][A-Z0-9-]+$/.test(n) && n.includes('-')),
      deviceNames: names.filter((n) => /^[\w-]+ \(.+\)$/.test(n)),
      features: names.filter((n) => /^[a-z][a-z0-9-]*$/.test(n)),
    };
  });
}

/** Catalog lookup by key that fails loudly: a generator using a missing licence is a bug. */
const indexes = new WeakMap<readonly GenLicence[], Map<string, GenLicence>>();

export function licenceByKey(catalog: readonly GenLicence[], key: string): GenLicence {
  let index = indexes.get(catalog);
  if (!index) {
    index = new Map(catalog.map((c) => [c.key, c]));
    indexes.set(catalog, index);
  }
  const l = index.get(key);
  if (!l) throw new Error(`licence ${key} is not in data/catalog/licences.csv`);
  return l;
}

/** The device form for a PID: prefers the entry naming the PID's port count (`C9300-24 …`). */
export function deviceNameFor(licence: GenLicence, pid: string): string {
  const ports = /-(\d{2})/.exec(pid)?.[1];
  const hit = ports ? licence.deviceNames.find((n) => n.includes(`-${ports} `)) : undefined;
  return hit ?? licence.deviceNames[0] ?? licence.features[0] ?? licence.key;
}
