import type { LicensingEra } from '../model/capture.ts';
import type { Catalog } from '../model/catalog.ts';
import { normalisePid } from './udi.ts';

/** A licence a device of a family needs: catalog licence key and units per device. */
export interface NeededLicence {
  licenceKey: string;
  quantity: number;
}

/** One row of data/catalog/pid-families.csv, compiled. */
export interface PidFamily {
  pattern: string;
  family: string;
  /** Era a device of the family is expected to be licensed in when no capture says otherwise. */
  era: LicensingEra;
  licences: NeededLicence[];
  source: string;
}

const ERAS: readonly LicensingEra[] = ['traditional', 'smart', 'slup', 'unknown'];

/** `c9300-network-essentials:1;c9300-dna-essentials:1` → needed licences (a bare key counts 1). */
export function parseNeededLicences(raw: string): NeededLicence[] {
  return raw
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const [key, qty] = p.split(':');
      return { licenceKey: key!.trim(), quantity: qty ? Number(qty) : 1 };
    });
}

export function pidFamilies(catalog: Catalog): PidFamily[] {
  return (catalog.tables['pid-families'] ?? []).map((r) => ({
    pattern: r.pattern ?? '',
    family: r.family ?? '',
    era: ERAS.includes(r.era as LicensingEra) ? (r.era as LicensingEra) : 'unknown',
    licences: parseNeededLicences(r.licences ?? ''),
    source: r.source ?? '',
  }));
}

function isRegex(pattern: string): boolean {
  return pattern.length > 2 && pattern.startsWith('/') && pattern.endsWith('/');
}

/**
 * The family of a PID. Patterns are a prefix (`C9300-`) or a regex between slashes
 * (`/^ISR4[0-9]{3}/`); regex rows are tried first in file order, then the longest matching
 * prefix wins, so `C9300L-` beats `C9300-` wherever it is listed.
 */
export function pidFamilyOf(families: readonly PidFamily[], pid: string): PidFamily | undefined {
  // a few hundred PIDs in an estate of any size: each is resolved once per family table
  let memo = familyMemo.get(families);
  if (!memo) {
    memo = new Map();
    familyMemo.set(families, memo);
  }
  // null remembers "no family": one lookup per PID instead of `has` then `get`
  let f = memo.get(pid);
  if (f === undefined) {
    f = resolveFamily(families, pid) ?? null;
    memo.set(pid, f);
  }
  return f ?? undefined;
}

const familyMemo = new WeakMap<readonly PidFamily[], Map<string, PidFamily | null>>();

function resolveFamily(families: readonly PidFamily[], pid: string): PidFamily | undefined {
  const p = normalisePid(pid);
  if (!p) return undefined;
  for (const f of families)
    if (isRegex(f.pattern) && new RegExp(f.pattern.slice(1, -1), 'i').test(p)) return f;
  let best: PidFamily | undefined;
  for (const f of families) {
    if (isRegex(f.pattern) || !p.startsWith(f.pattern.toUpperCase())) continue;
    if (!best || f.pattern.length > best.pattern.length) best = f;
  }
  return best;
}
