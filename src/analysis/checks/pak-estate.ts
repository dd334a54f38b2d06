import { licenceDisplayName } from '../load/catalog.ts';
import type { LicensingEra } from '../model/capture.ts';
import { mergeRefs } from '../model/evidence.ts';
import { type Finding, makeFinding, type Severity } from '../model/finding.ts';
import { compareText } from '../model/text-order.ts';
import { capturedEra, instancesOf, statusRecord, unkeyedByName } from '../reconcile/device-status.ts';
import type { DeviceView } from '../reconcile/estate.ts';
import { devicesInOrder, instanceUdi } from '../reconcile/estate.ts';
import { type NeededLicence, pidFamilies, pidFamilyOf } from '../reconcile/pid-family.ts';
import type { Check, CheckContext, CheckResult } from './check.ts';
import { partitionInputs } from './check.ts';
import { netUnitPrice } from './unit-price.ts';

export interface LicenceCount {
  licenceKey: string;
  licence: string;
  quantity: number;
}

/** Devices missing from CSSM, per (PID family, licensing era). */
export interface PakEstateGroup {
  family: string;
  era: LicensingEra;
  devices: number;
  /** Devices whose era came from a capture (the rest from the family's expected era). */
  eraFromCaptures: number;
  licences: LicenceCount[];
  /** Devices for which no licence could be counted (family unmapped, no capture licences). */
  uncounted: number;
  findingIds: string[];
}

/** For the chart: per PID family, devices as CSSM sees them vs as the inventory has them. */
export interface PakEstateFamilyCount {
  family: string;
  cssm: number;
  inventory: number;
  missingFromCssm: number;
}

export interface PakEstateData {
  groups: PakEstateGroup[];
  byFamily: PakEstateFamilyCount[];
  activeDevices: number;
  devicesMissing: number;
  /** Active devices found in CSSM only by hostname (instance without a serial). */
  matchedByHostname: number;
  /** Net value of the licences of priced devices; devices without a full price are counted apart. */
  value: number;
  unpricedDevices: number;
  licencesNeeded: LicenceCount[];
  excluded: { spare: number; retired: number; decommissioned: number };
}

const UNKNOWN_FAMILY = 'unknown';

/**
 * A Smart-era device missing from CSSM is unreported usage (high); a traditional one is expected
 * off CSSM but still counted at true-up (medium); with no era known we cannot say (low).
 */
const SEVERITY_BY_ERA: Record<LicensingEra, Severity> = {
  smart: 'high',
  slup: 'high',
  traditional: 'medium',
  unknown: 'low',
};

/** Licences the device needs: what its captures say it uses, else what the family needs. */
function neededLicences(
  ctx: CheckContext,
  d: DeviceView,
  family: NeededLicence[],
): { licences: NeededLicence[]; basis: 'capture' | 'catalog' | 'none' } {
  const captured = new Map<string, number>();
  for (const c of d.captures)
    for (const l of c.licences)
      if (l.licenceKey && ctx.catalog.licences.some((k) => k.key === l.licenceKey))
        captured.set(l.licenceKey, Math.max(captured.get(l.licenceKey) ?? 0, l.count || 1));
  if (captured.size)
    return {
      licences: [...captured].map(([licenceKey, quantity]) => ({ licenceKey, quantity })),
      basis: 'capture',
    };
  return family.length ? { licences: family, basis: 'catalog' } : { licences: [], basis: 'none' };
}

function addCounts(into: Map<string, number>, list: readonly NeededLicence[]): void {
  for (const l of list) into.set(l.licenceKey, (into.get(l.licenceKey) ?? 0) + l.quantity);
}

export function runPakEstate(ctx: CheckContext): CheckResult<PakEstateData> {
  const families = pidFamilies(ctx.catalog);
  // a few dozen licences across thousands of devices: name and price each once
  const names = new Map<string, string>();
  const nameOf = (key: string) => {
    let n = names.get(key);
    if (n === undefined) {
      n = licenceDisplayName(ctx.catalog, key);
      names.set(key, n);
    }
    return n;
  };
  const prices = new Map<string, ReturnType<typeof netUnitPrice>>();
  const priceOf = (licenceKey: string) => {
    if (!prices.has(licenceKey)) prices.set(licenceKey, netUnitPrice(ctx, { licenceKey }));
    return prices.get(licenceKey);
  };
  const toCounts = (m: Map<string, number>): LicenceCount[] =>
    [...m]
      .map(([licenceKey, quantity]) => ({ licenceKey, licence: nameOf(licenceKey), quantity }))
      .sort((a, b) => compareText(a.licence, b.licence));
  const findings: Finding[] = [];
  const groups = new Map<string, PakEstateGroup & { counts: Map<string, number> }>();
  const chart = new Map<string, PakEstateFamilyCount>();
  const bar = (family: string) => {
    const c = chart.get(family) ?? { family, cssm: 0, inventory: 0, missingFromCssm: 0 };
    chart.set(family, c);
    return c;
  };
  const excluded = { spare: 0, retired: 0, decommissioned: 0 };
  const total = new Map<string, number>();
  let activeDevices = 0;
  let matchedByHostname = 0;
  const byName = unkeyedByName(ctx.estate.unkeyedInstances);

  // indexed loops over every instance and device: see deployment-mode.ts
  const instances = ctx.inputs.productInstances;
  for (let i = 0; i < instances.length; i++) {
    const p = instances[i]!;
    const pid = instanceUdi(p)?.pid || p.pid || '';
    bar(pidFamilyOf(families, pid)?.family ?? UNKNOWN_FAMILY).cssm++;
  }
  const devices = devicesInOrder(ctx.estate);
  for (let i = 0; i < devices.length; i++) {
    const d = devices[i]!;
    // the record `inventoryStatusOf` reads its status from, found once
    const inv = statusRecord(d);
    if (!inv) continue;
    const status = inv.status;
    if (status !== 'active') {
      excluded[status]++;
      continue;
    }
    activeDevices++;
    const fam = pidFamilyOf(families, inv.pid);
    const family = fam?.family ?? UNKNOWN_FAMILY;
    const familyBar = bar(family);
    familyBar.inventory++;
    // joined by serial: in CSSM (instancesOf would say so, without building its answer)
    if (d.instances.length > 0) continue;
    const seen = instancesOf(d, byName);
    if (seen.byHostname) matchedByHostname++;
    if (seen.instances.length > 0) continue;
    familyBar.missingFromCssm++;

    const fromCapture = capturedEra(d.captures);
    const era: LicensingEra = fromCapture.era !== 'unknown' ? fromCapture.era : (fam?.era ?? 'unknown');
    const needed = neededLicences(ctx, d, fam?.licences ?? []);
    addCounts(total, needed.licences);
    const units = needed.licences.reduce((s, l) => s + l.quantity, 0);
    // Priced only when every licence it needs has a price: a partial sum would read as the whole.
    const priced = needed.licences.map((l) => ({ l, price: priceOf(l.licenceKey) }));
    const amount =
      units && priced.every((x) => x.price)
        ? Math.round(priced.reduce((s, x) => s + x.price!.amount * x.l.quantity, 0) * 100) / 100
        : null;
    const licenceText = needed.licences.map((l) => `${l.quantity} × ${nameOf(l.licenceKey)}`).join(', ');
    const f = makeFinding({
      key: `pak-estate|${inv.pid}|${d.key}`,
      family: 'pak-estate',
      severity: SEVERITY_BY_ERA[era],
      title: `${inv.hostname} (${inv.pid}) is in the inventory but not in CSSM`,
      detail:
        `${inv.hostname}, ${inv.pid} serial ${d.serial}, is active in ${inv.source.file} but no CSSM product instance has its serial. ` +
        (era === 'traditional'
          ? 'It is on traditional (PAK/RTU) licensing, which CSSM cannot see; a true-up still counts it. '
          : era === 'unknown'
            ? 'Its licensing era is unknown. '
            : `As a ${era === 'slup' ? 'Smart Licensing Using Policy' : 'Smart Licensing'} device it should report to CSSM: its usage is unreported. `) +
        (fromCapture.capture
          ? 'The era comes from its device capture. '
          : fam
            ? `The era is the one expected for ${family}. `
            : 'Its PID matches no family in data/catalog/pid-families.csv. ') +
        (units
          ? `It needs ${licenceText} (${needed.basis === 'capture' ? 'licences in use per its capture' : 'minimum per the PID family catalog'}).`
          : 'No licence count is mapped for it.'),
      pid: inv.pid,
      serial: d.serial,
      hostname: inv.hostname,
      quantity: 1,
      amount,
      action:
        era === 'traditional'
          ? 'Confirm the PAK/RTU entitlement for this device and plan its conversion to Smart Licensing (DLC or License Registration Portal) while support coverage allows it.'
          : 'Register the device to CSSM (or prove it is out of service and mark it so in the inventory); until then it is usage a true-up counts without an entitlement on record.',
      evidence: mergeRefs(
        d.inventory.map((r) => r.source),
        d.captures.map((c) => c.source),
        priced.flatMap((x) => (x.price ? [x.price.source] : [])),
      ),
      facts: {
        family,
        era,
        eraBasis: fromCapture.capture ? 'capture' : fam ? 'catalog' : 'unknown',
        licencesNeeded: needed.licences.map((l) => `${l.licenceKey}:${l.quantity}`).join(';'),
        licenceUnits: units,
        licenceBasis: needed.basis,
        site: inv.site ?? null,
      },
    });
    findings.push(f);
    const gk = `${family}\u0000${era}`;
    let g = groups.get(gk);
    if (!g) {
      g = {
        family,
        era,
        devices: 0,
        eraFromCaptures: 0,
        licences: [],
        uncounted: 0,
        findingIds: [],
        counts: new Map(),
      };
      groups.set(gk, g);
    }
    g.devices++;
    if (fromCapture.capture) g.eraFromCaptures++;
    if (!units) g.uncounted++;
    addCounts(g.counts, needed.licences);
    g.findingIds.push(f.id);
  }

  const groupRows: PakEstateGroup[] = [...groups.values()]
    .map(({ counts, ...g }) => ({ ...g, licences: toCounts(counts), findingIds: g.findingIds.sort() }))
    .sort((a, b) => compareText(a.family, b.family) || compareText(a.era, b.era));
  const data: PakEstateData = {
    groups: groupRows,
    byFamily: [...chart.values()].sort((a, b) => compareText(a.family, b.family)),
    activeDevices,
    devicesMissing: findings.length,
    matchedByHostname,
    value: Math.round(findings.reduce((s, f) => s + (f.amount ?? 0), 0) * 100) / 100,
    unpricedDevices: findings.filter((f) => f.amount === null).length,
    licencesNeeded: toCounts(total),
    excluded,
  };
  const { used, missing } = partitionInputs(ctx.inputs, [...pakEstate.needs, ...pakEstate.uses]);
  const licenceUnits = data.licencesNeeded.reduce((s, l) => s + l.quantity, 0);
  return {
    findings,
    section: {
      family: 'pak-estate',
      title: pakEstate.title,
      status: missing.includes('captures') ? 'partial' : 'complete',
      usedInputs: used,
      missingInputs: missing,
      ...(missing.includes('captures')
        ? {
            note: 'Without device captures, each device is assumed to be in the licensing era expected for its PID family.',
          }
        : {}),
      figures: [
        { label: 'Active devices in the inventory', value: activeDevices, unit: 'devices' },
        { label: 'Active devices not in CSSM', value: data.devicesMissing, unit: 'devices' },
        { label: 'Licences they need (where the catalog maps them)', value: licenceUnits, unit: 'licences' },
      ],
      data,
    },
    assumptions: [
      {
        id: 'pak-estate-match',
        text: 'An inventory device is in CSSM when a product instance carries its serial number (any UDI spelling, any case), or, for instances without a serial, its hostname as the instance name. Spare, retired and decommissioned devices are not counted.',
      },
      {
        id: 'pak-estate-licences',
        text: 'Licences needed per device are the ones its capture shows in use; without a capture, the minimum tier that data/catalog/pid-families.csv lists for its PID family. Families with no mapping are listed but not counted.',
      },
    ],
  };
}

export const pakEstate: Check<PakEstateData> = {
  family: 'pak-estate',
  title: 'Estate invisible to CSSM (PAK and traditional licensing)',
  needs: ['inventory', 'product-instances'],
  uses: ['captures'],
  run: runPakEstate,
};
