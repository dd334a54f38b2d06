import type { DeviceCapture, LicensingEra } from '../model/capture.ts';
import type { InventoryRecord, InventoryStatus, ProductInstanceRecord } from '../model/records.ts';
import { compareText } from '../model/text-order.ts';
import { deviceHostnames } from './device-names.ts';
import type { DeviceView } from './estate.ts';

/** Retired and decommissioned devices no longer run: licences on them are orphaned. */
export function isGone(status: InventoryStatus | undefined): boolean {
  return status === 'retired' || status === 'decommissioned';
}

const STATUS_RANK: Record<InventoryStatus, number> = { decommissioned: 0, retired: 1, spare: 2, active: 3 };

/**
 * The inventory status of a device seen in several inventories: the one that says it is gone
 * wins (a CMDB that still lists a device retired elsewhere is the stale one), then spare, then
 * active. Undefined when no inventory lists the device.
 */
export function inventoryStatusOf(d: DeviceView): InventoryStatus | undefined {
  return statusRecord(d)?.status;
}

const byStatusRank = (a: InventoryRecord, b: InventoryRecord) =>
  STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
  compareText(a.source.file, b.source.file) ||
  a.source.line - b.source.line;

/** The record whose status `inventoryStatusOf` reports: the first in that order (most devices have one). */
export function statusRecord(d: DeviceView): InventoryRecord | undefined {
  const list = d.inventory;
  let best = list[0];
  // the earliest of equal records wins, as the first of a stable sort would
  for (let i = 1; i < list.length; i++) if (byStatusRank(list[i]!, best!) < 0) best = list[i];
  return best;
}

/**
 * The licensing era the device's captures show: traditional wins when any capture shows it
 * (a device still on .lic files is what the true-up will count), else the first known era.
 */
export function capturedEra(captures: readonly DeviceCapture[]): {
  era: LicensingEra;
  capture?: DeviceCapture;
} {
  // one pass, no filtered copy: most devices have no capture at all
  let firstKnown: DeviceCapture | undefined;
  for (const c of captures) {
    if (c.era === 'traditional') return { era: c.era, capture: c };
    if (!firstKnown && c.era !== 'unknown') firstKnown = c;
  }
  return firstKnown ? { era: firstKnown.era, capture: firstKnown } : { era: 'unknown' };
}

/**
 * Product instances with no serial, by lower-case name. Smart Licensing (before SLUP) names an
 * instance by hostname, so a hostname match is the only join for them (DOMAIN.md §4).
 */
export function unkeyedByName(
  unkeyed: readonly ProductInstanceRecord[],
): Map<string, ProductInstanceRecord[]> {
  const m = new Map<string, ProductInstanceRecord[]>();
  for (const p of unkeyed) {
    const k = p.name.trim().toLowerCase();
    const list = m.get(k);
    if (list) list.push(p);
    else m.set(k, [p]);
  }
  return m;
}

/** A device's product instances: by serial, else the unkeyed ones named like one of its hostnames. */
export function instancesOf(
  d: DeviceView,
  byName: ReadonlyMap<string, ProductInstanceRecord[]>,
): { instances: ProductInstanceRecord[]; byHostname: boolean } {
  if (d.instances.length) return { instances: d.instances, byHostname: false };
  if (byName.size === 0) return { instances: [], byHostname: false };
  const hits = deviceHostnames(d).flatMap((h) => byName.get(h.trim().toLowerCase()) ?? []);
  return { instances: [...new Set(hits)], byHostname: hits.length > 0 };
}
