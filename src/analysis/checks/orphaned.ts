import { licenceDisplayName } from '../load/catalog.ts';
import { addDays, daysBetween } from '../load/values.ts';
import { mergeRefs } from '../model/evidence.ts';
import { type Finding, makeFinding, type Severity } from '../model/finding.ts';
import type { ProductInstanceRecord } from '../model/records.ts';
import { compareText, orderByText } from '../model/text-order.ts';

import {
  instancesOf,
  inventoryStatusOf,
  isGone,
  statusRecord,
  unkeyedByName,
} from '../reconcile/device-status.ts';
import { devicesInOrder, instanceUdi } from '../reconcile/estate.ts';
import { udiKey } from '../reconcile/udi.ts';
import type { Check, CheckContext, CheckResult } from './check.ts';
import { partitionInputs } from './check.ts';
import {
  aggregateReclaims,
  applyReclaims,
  type PositionAfterRemediation,
  type PositionBefore,
  type Reclaimable,
} from './reclaim.ts';
import { SILENT_INSTANCE_DAYS, SILENT_INSTANCE_HIGH_DAYS } from './thresholds.ts';
import type { VaImbalanceData } from './va-imbalance.ts';

export type OrphanKind = 'consuming' | 'reservation' | 'pak-node-locked' | 'silent';

export interface OrphanedData {
  /** Freely reclaimable: removing the product instance returns them to the VA. */
  reclaimable: Reclaimable[];
  /** Reserved on a retired device: back only with a reservation return code (or a Cisco case). */
  reclaimableViaReturnCode: Reclaimable[];
  /** Per (VA, licence, type): before, after transfers, after reclaims, after return codes. */
  positions: PositionAfterRemediation[];
  counts: Record<OrphanKind, number>;
  reclaimableUnits: number;
  returnCodeUnits: number;
}

/** Balances now and after transfers: va-imbalance's rows when it ran, else the raw positions. */
function positionsBefore(ctx: CheckContext): PositionBefore[] {
  const va = ctx.earlier['va-imbalance']?.section.data as VaImbalanceData | null | undefined;
  if (va?.positions) return va.positions;
  return ctx.estate.positions.map((p) => ({
    virtualAccount: p.virtualAccount,
    licenceKey: p.licenceKey,
    licence: p.licenceName,
    licenceType: p.licenceType,
    inUse: p.inUse,
    reserved: p.reserved,
    balance: p.balance,
    afterTransfers: p.balance,
  }));
}

/**
 * A reservation on a retired device needs a return code the device may no longer be able to
 * give: critical when its VA is short of those licences, else high. A plain registration is
 * high when its VA is short, medium when it consumes licences, low when it consumes none.
 */
function instanceSeverity(reserved: boolean, short: boolean, units: number): Severity {
  if (reserved) return short ? 'critical' : 'high';
  if (short) return 'high';
  return units ? 'medium' : 'low';
}

const byVaAndName = (a: ProductInstanceRecord, b: ProductInstanceRecord) =>
  compareText(a.virtualAccount, b.virtualAccount) || compareText(a.name, b.name);

export function runOrphaned(ctx: CheckContext): CheckResult<OrphanedData> {
  const { inputs, estate, catalog } = ctx;
  const asOf = inputs.config.asOf;
  const before = positionsBefore(ctx);
  const shortIn = (va: string, key: string) =>
    before.some((p) => p.virtualAccount === va && p.licenceKey === key && p.afterTransfers < 0);
  const findings: Finding[] = [];
  const lines: Reclaimable[] = [];
  const counts: Record<OrphanKind, number> = {
    consuming: 0,
    reservation: 0,
    'pak-node-locked': 0,
    silent: 0,
  };
  const licenceText = (pi: ProductInstanceRecord) =>
    pi.licences.map((l) => `${l.count} × ${licenceDisplayName(catalog, l.licenceKey)}`).join(', ') ||
    'no licences';
  const units = (pi: ProductInstanceRecord) => pi.licences.reduce((s, l) => s + l.count, 0);
  const reclaim = (pi: ProductInstanceRecord, findingId: string) => {
    for (const l of pi.licences)
      lines.push({
        virtualAccount: pi.virtualAccount,
        licenceKey: l.licenceKey,
        quantity: l.count,
        viaReturnCode: pi.reservation !== 'none',
        evidence: [pi.source],
        findingIds: [findingId],
      });
  };

  // 1. Product instances (and reservations) on retired or decommissioned devices.
  const devices = devicesInOrder(estate);
  const byName = unkeyedByName(estate.unkeyedInstances);
  // indexed: a for...of over 200,000 devices ran unoptimised at first (see deployment-mode.ts)
  for (let i = 0; i < devices.length; i++) {
    const d = devices[i]!;
    // the record `inventoryStatusOf` reads its status from, found once
    const inv = statusRecord(d);
    const status = inv?.status;
    if (!inv || !isGone(status)) continue;
    const when = inv.retiredDate ? ` on ${inv.retiredDate}` : '';
    for (const pi of [...instancesOf(d, byName).instances].sort(byVaAndName)) {
      const reserved = pi.reservation !== 'none';
      const short = pi.licences.some((l) => shortIn(pi.virtualAccount, l.licenceKey));
      const kind: OrphanKind = reserved ? 'reservation' : 'consuming';
      const severity = instanceSeverity(reserved, short, units(pi));
      counts[kind]++;
      const f = makeFinding({
        key: `orphaned|${kind}|${pi.virtualAccount}|${d.key}|${pi.name.toLowerCase()}`,
        family: 'orphaned',
        severity,
        title: reserved
          ? `${pi.reservation} reservation bound to ${status} device ${inv.hostname} (${d.serial})`
          : `${status === 'retired' ? 'Retired' : 'Decommissioned'} device ${inv.hostname} (${d.serial}) still registered in ${pi.virtualAccount}`,
        detail:
          `${inv.hostname} (${inv.pid}, serial ${d.serial}) is ${status}${when} in ${inv.source.file}, but CSSM still has product instance "${pi.name}" in ${pi.virtualAccount} consuming ${licenceText(pi)}. ` +
          (reserved
            ? `The licences are reserved (${pi.reservation}) to its UDI: they return to the pool only with a reservation return code generated on the device, or through a Cisco Licensing case if the device is gone.`
            : 'Removing the product instance returns its licences to the Virtual Account.') +
          (short ? ` ${pi.virtualAccount} is short of one of these licences even after transfers.` : ''),
        virtualAccount: pi.virtualAccount,
        licence: pi.licences.map((l) => l.name).join('; ') || undefined,
        pid: inv.pid,
        serial: d.serial,
        hostname: inv.hostname,
        quantity: 1,
        action: reserved
          ? 'Generate a reservation return code on the device (if it still exists) and enter it in CSSM; otherwise open a Cisco Licensing case to release the reservation.'
          : `Remove product instance "${pi.name}" from ${pi.virtualAccount} in CSSM to free its licences.`,
        evidence: mergeRefs(
          [pi.source],
          d.inventory.map((r) => r.source),
        ),
        facts: {
          kind,
          inventoryStatus: status ?? null,
          reservation: pi.reservation,
          licenceUnits: units(pi),
          retiredDate: inv.retiredDate ?? null,
        },
      });
      findings.push(f);
      reclaim(pi, f.id);
    }
  }

  // 2. PAK licences node-locked to a retired UDI.
  const paks = inputs.paks;
  const pakOrder = orderByText(
    paks.map((p) => p.pak),
    (a, b) => compareText(paks[a]!.sku, paks[b]!.sku),
  );
  for (const p of pakOrder.map((i) => paks[i]!)) {
    for (const u of p.boundUdis) {
      const d = estate.devices.get(udiKey(u.serial));
      const status = d ? inventoryStatusOf(d) : undefined;
      if (!d || !isGone(status)) continue;
      const inv = statusRecord(d)!;
      counts['pak-node-locked']++;
      findings.push(
        makeFinding({
          key: `orphaned|pak|${p.pak}|${p.sku}|${d.key}`,
          family: 'orphaned',
          severity: 'medium',
          title: `PAK ${p.pak} (${p.sku}) is node-locked to ${status} device ${inv.hostname}`,
          detail: `PAK ${p.pak} line ${p.sku} is bound to UDI ${u.pid || inv.pid}:${d.serial}, which is ${status} in ${inv.source.file}. Traditional licences are node-locked: they do not follow the hardware unless rehosted through the License Registration Portal.`,
          pid: u.pid || inv.pid,
          serial: d.serial,
          hostname: inv.hostname,
          pak: p.pak,
          quantity: 1,
          action:
            'Rehost the licence to replacement hardware through the License Registration Portal (or convert it to Smart Licensing) before support on it lapses.',
          evidence: mergeRefs(
            [p.source],
            d.inventory.map((r) => r.source),
          ),
          facts: { kind: 'pak-node-locked', sku: p.sku, inventoryStatus: status ?? null },
        }),
      );
    }
  }

  // 3. Product instances silent past the threshold and absent from the inventory.
  const silentBefore = addDays(asOf, -SILENT_INSTANCE_DAYS);
  // inventory hostnames, made only if a silent instance without a serial needs them
  let hostnames: Set<string> | undefined;
  const inInventory = (pi: ProductInstanceRecord) => {
    const udi = instanceUdi(pi);
    if (udi) return (estate.devices.get(udiKey(udi.serial))?.inventory.length ?? 0) > 0;
    hostnames ??= new Set(inputs.inventory.map((r) => r.hostname.toLowerCase()));
    return hostnames.has(pi.name.toLowerCase());
  };
  const silent = inputs.productInstances
    .filter((pi) => pi.lastContact !== undefined && pi.lastContact < silentBefore && !inInventory(pi))
    .sort(byVaAndName);
  for (const pi of silent) {
    const days = daysBetween(pi.lastContact!, asOf);
    const serial = instanceUdi(pi)?.serial;
    counts.silent++;
    const f = makeFinding({
      key: `orphaned|silent|${pi.virtualAccount}|${serial ?? pi.name.toLowerCase()}`,
      family: 'orphaned',
      severity: days > SILENT_INSTANCE_HIGH_DAYS ? 'high' : 'medium',
      title: `${pi.name} silent for ${days} days and absent from the inventory`,
      detail: `Product instance "${pi.name}" in ${pi.virtualAccount} last contacted CSSM on ${pi.lastContact} (${days} days before ${asOf}) and no inventory lists it. It still consumes ${licenceText(pi)} that CSSM counts until the instance is removed.`,
      virtualAccount: pi.virtualAccount,
      ...(serial ? { serial } : {}),
      hostname: pi.name,
      quantity: 1,
      action:
        pi.reservation !== 'none'
          ? 'Confirm the device is gone, then return its reservation (return code or Cisco case).'
          : 'Confirm the device is gone and remove the product instance in CSSM; if it still runs, add it to the inventory and restore its connection.',
      evidence: [pi.source],
      facts: {
        kind: 'silent',
        lastContact: pi.lastContact ?? null,
        silentDays: days,
        reservation: pi.reservation,
        licenceUnits: units(pi),
      },
    });
    findings.push(f);
    reclaim(pi, f.id);
  }

  const all = aggregateReclaims(lines);
  const reclaimable = all.filter((r) => !r.viaReturnCode);
  const reclaimableViaReturnCode = all.filter((r) => r.viaReturnCode);
  const positions = applyReclaims(before, all);
  const data: OrphanedData = {
    reclaimable,
    reclaimableViaReturnCode,
    positions,
    counts,
    reclaimableUnits: reclaimable.reduce((s, r) => s + r.quantity, 0),
    returnCodeUnits: reclaimableViaReturnCode.reduce((s, r) => s + r.quantity, 0),
  };
  const { used, missing } = partitionInputs(inputs, [...orphaned.needs, ...orphaned.uses]);
  return {
    findings,
    section: {
      family: 'orphaned',
      title: orphaned.title,
      status: missing.length ? 'partial' : 'complete',
      usedInputs: used,
      missingInputs: missing,
      figures: [
        { label: 'Orphaned entitlements found', value: findings.length, unit: 'count' },
        {
          label: 'Licences reclaimable by removing product instances',
          value: data.reclaimableUnits,
          unit: 'licences',
        },
        { label: 'Reserved licences needing a return code', value: data.returnCodeUnits, unit: 'licences' },
      ],
      data,
    },
    assumptions: [
      {
        id: 'orphaned-silent',
        text: `A product instance is silent when its last contact is more than ${SILENT_INSTANCE_DAYS} days before asOf (Smart Licensing authorization expires after 90 days without contact); it is orphaned only if no inventory lists it.`,
      },
      {
        id: 'orphaned-after-remediation',
        text: 'The "after remediation" position adds freely reclaimable licences to the balance after transfers; reserved licences count only once a return code is entered. Transfers are planned on the balances before reclaims.',
      },
    ],
  };
}

export const orphaned: Check<OrphanedData> = {
  family: 'orphaned',
  title: 'Orphaned entitlements on retired or silent devices',
  needs: ['inventory'],
  uses: ['product-instances', 'paks', 'licenses'],
  run: runOrphaned,
};
