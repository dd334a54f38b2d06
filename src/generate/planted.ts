import type { Capture } from './captures.ts';
import { daysBetween } from './dates.ts';
import type { Device, Estate } from './model.ts';
import type { DataQualityRefs } from './tables.ts';

/** What the generator planted, by finding family (DESIGN.md §5): the answer key for tests and demos. */
export interface Planted {
  generator: { seed: string; devices: number; version: 1 };
  client: { id: string; name: string; asOf: string };
  /** Data rows per written CSV (header excluded) and the number of capture files. */
  rows: Record<string, number>;
  vaImbalance: {
    shortages: { virtualAccount: string; licence: string; shortage: number }[];
    /** Licences short in some VA while the Smart Account total balance is ≥ 0. */
    hiddenImbalances: { licence: string; virtualAccounts: string[]; smartAccountBalance: number }[];
    /** Licences whose Smart Account total is negative: transfers cannot fix them. */
    residualShortages: { licence: string; smartAccountBalance: number }[];
    reserved: { virtualAccount: string; licence: string; reserved: number }[];
  };
  pakEstate: { activeDevicesAbsentFromCssm: number; sparesAbsentFromCssm: number };
  unactivatedPak: { openLinesNotMigrated: number; paksMigrated: number; linesBoundToRetiredDevices: number };
  orphaned: {
    instancesOnRetiredDevices: number;
    reservationsOnRetiredDevices: number;
    silentInstancesAbsentFromInventory: number;
  };
  ciscoOne: { lines: number; supportGapOver90: number; supportGapUnder90: number; continuous: number };
  deploymentModes: Record<'cloud' | 'onprem' | 'cslu' | 'slr' | 'plr' | 'offline', number>;
  captures: {
    files: number;
    byEra: Record<'slup' | 'smart' | 'traditional', number>;
    ackOlderThan90: number;
    ackOlderThan180: number;
    ackNever: number;
    ackDeadlinePassed: number;
    evalMode: number;
    outOfCompliance: number;
    authorizationExpired: number;
  };
  ciscoView: { shortageWithoutAlert: number; alertWithoutShortage: number };
  exposure: { unpricedLicences: string[] };
  dataQuality: DataQualityRefs;
}

const udi = (d: Device) => `${d.pid}:${d.serial}`;

/** Product-instance rows as written: every registered device plus the planted duplicates. */
function instanceRows(e: Estate): { d: Device; va: string }[] {
  return [
    ...e.devices.filter((d) => d.inCssm).map((d) => ({ d, va: d.va })),
    ...e.duplicates.map((x) => ({ d: x.device, va: x.va })),
  ];
}

export function countPlanted(
  e: Estate,
  id: string,
  seed: string,
  captures: readonly Capture[],
  rows: Record<string, number>,
  dq: DataQualityRefs,
): Planted {
  const asOf = e.profile.asOf;
  const named = e.positions.filter((p) => p.key !== 'unknown');
  const shortages = named
    .filter((p) => p.inUse > p.purchased)
    .map((p) => ({ virtualAccount: p.va, licence: p.name, shortage: p.inUse - p.purchased }));
  const totals = new Map<string, number>();
  for (const p of named) totals.set(p.name, (totals.get(p.name) ?? 0) + p.purchased - p.inUse);
  const shortLicences = [...new Set(shortages.map((s) => s.licence))].sort();
  const hiddenImbalances = shortLicences
    .filter((l) => totals.get(l)! >= 0)
    .map((l) => ({
      licence: l,
      virtualAccounts: shortages.filter((s) => s.licence === l).map((s) => s.virtualAccount),
      smartAccountBalance: totals.get(l)!,
    }));
  const residualShortages = shortLicences
    .filter((l) => totals.get(l)! < 0)
    .map((l) => ({ licence: l, smartAccountBalance: totals.get(l)! }));

  const pis = instanceRows(e);
  const registered = new Set(pis.map((r) => udi(r.d)));
  const inventory = [...e.devices.filter((d) => d.inInventory), ...e.spares];
  const inventoryByUdi = new Map(inventory.map((d) => [udi(d), d]));
  const retired = (d: Device | undefined) => d?.status === 'retired' || d?.status === 'decommissioned';
  const onRetired = pis.filter((r) => retired(inventoryByUdi.get(udi(r.d))));
  const modes: Planted['deploymentModes'] = { cloud: 0, onprem: 0, cslu: 0, slr: 0, plr: 0, offline: 0 };
  for (const r of pis) {
    const m = r.d.mode;
    if (m !== 'traditional') modes[m]++;
  }
  const migrated = new Set(e.transactions.filter((t) => t.source === 'PAK Migration').map((t) => t.pak));
  const age = (c: Capture) => c.flags.ackAgeDays ?? -1;
  return {
    generator: { seed, devices: e.devices.length, version: 1 },
    client: { id, name: e.profile.name, asOf },
    rows,
    vaImbalance: {
      shortages,
      hiddenImbalances,
      residualShortages,
      reserved: named
        .filter((p) => p.reserved > 0)
        .map((p) => ({ virtualAccount: p.va, licence: p.name, reserved: p.reserved })),
    },
    pakEstate: {
      activeDevicesAbsentFromCssm: inventory.filter((d) => d.status === 'active' && !registered.has(udi(d)))
        .length,
      sparesAbsentFromCssm: inventory.filter((d) => d.status === 'spare' && !registered.has(udi(d))).length,
    },
    unactivatedPak: {
      openLinesNotMigrated: e.paks.filter((p) => p.status !== 'Fulfilled' && !migrated.has(p.pak)).length,
      paksMigrated: migrated.size,
      linesBoundToRetiredDevices: e.paks.filter((p) => p.bound.some((d) => retired(d))).length,
    },
    orphaned: {
      instancesOnRetiredDevices: onRetired.length,
      reservationsOnRetiredDevices: onRetired.filter((r) => r.d.reservation !== 'none').length,
      silentInstancesAbsentFromInventory: pis.filter(
        (r) =>
          !inventoryByUdi.has(udi(r.d)) &&
          r.d.lastContact !== undefined &&
          daysBetween(r.d.lastContact, asOf) > 90,
      ).length,
    },
    ciscoOne: {
      lines: e.ciscoOne.length,
      supportGapOver90: e.ciscoOne.filter((l) => l.gapDays > 90).length,
      supportGapUnder90: e.ciscoOne.filter((l) => l.gapDays > 0 && l.gapDays <= 90).length,
      continuous: e.ciscoOne.filter((l) => l.gapDays === 0).length,
    },
    deploymentModes: modes,
    captures: {
      files: captures.length,
      byEra: {
        slup: captures.filter((c) => c.flags.era === 'slup').length,
        smart: captures.filter((c) => c.flags.era === 'smart').length,
        traditional: captures.filter((c) => c.flags.era === 'traditional').length,
      },
      ackOlderThan90: captures.filter((c) => age(c) > 90).length,
      ackOlderThan180: captures.filter((c) => age(c) > 180).length,
      ackNever: captures.filter((c) => c.flags.ackNever).length,
      ackDeadlinePassed: captures.filter((c) => c.flags.ackDeadlinePassed).length,
      evalMode: captures.filter((c) => c.flags.evalMode).length,
      outOfCompliance: captures.filter((c) => c.flags.outOfCompliance).length,
      authorizationExpired: captures.filter((c) => c.flags.authorizationExpired).length,
    },
    ciscoView: {
      shortageWithoutAlert: named.filter((p) => p.inUse > p.purchased && p.alert !== 'Insufficient Licenses')
        .length,
      alertWithoutShortage: named.filter((p) => p.inUse <= p.purchased && p.alert === 'Insufficient Licenses')
        .length,
    },
    exposure: {
      unpricedLicences: e.unpriced.map((k) => e.catalog.find((c) => c.key === k)?.displayName ?? k),
    },
    dataQuality: dq,
  };
}
