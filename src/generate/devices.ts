import { addDays } from './dates.ts';
import type { Device, InventoryStatus } from './model.ts';
import {
  type Era,
  PLATFORMS,
  type Platform,
  ROLE_PLATFORMS,
  type Role,
  SPARE_ONLY_PIDS,
} from './platforms.ts';
import { alnum, type Rng } from './prng.ts';
import type { ClientProfile, DeploymentMode, VaProfile } from './profile.ts';

const CLOUD_URL = 'https://smartreceiver.cisco.com/licservice/license';

/** Cisco serial shape: 3 letters, 4 digits (year/week of manufacture), 4 alphanumerics. */
export class SerialFactory {
  private readonly seen = new Set<string>();
  private readonly rng: Rng;
  constructor(rng: Rng) {
    this.rng = rng;
  }
  next(prefixes: readonly string[]): string {
    for (;;) {
      const yy = this.rng.int(16, 24);
      const ww = this.rng.int(1, 52);
      const s = `${this.rng.pick(prefixes)}${yy}${String(ww).padStart(2, '0')}${alnum(this.rng, 4)}`;
      if (!this.seen.has(s)) {
        this.seen.add(s);
        return s;
      }
    }
  }
}

/** Hostnames like `lon-acc-sw-014`, numbered per site and role. */
export class HostnameFactory {
  private readonly counters = new Map<string, number>();
  next(site: string, role: string): string {
    const key = `${site}-${role}`;
    const n = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, n);
    return `${key}-${String(n).padStart(3, '0')}`;
  }
}

export function vaSlug(va: string): string {
  return va.replace(/[^A-Za-z0-9]+/g, '-');
}

export function onPremHost(profile: ClientProfile): string {
  return `onprem.${profile.domain.replace(/\.example$/, '').replace(/[^a-z0-9]+/gi, '')}.example`;
}

function allowedPick(
  rng: Rng,
  options: readonly (readonly [string | null, number])[],
  profile: ClientProfile,
): string | null {
  const ok = options.filter(
    ([k]) => k === null || !profile.allowedLicences || profile.allowedLicences.has(k),
  );
  return ok.length ? rng.weighted(ok) : null;
}

function transportFor(mode: DeploymentMode, era: Era, va: string, profile: ClientProfile): string {
  switch (mode) {
    case 'cloud':
      return CLOUD_URL;
    case 'onprem':
      return era === 'slup'
        ? `https://${onPremHost(profile)}/cslu/v1/pi/${vaSlug(va)}-1`
        : `https://${onPremHost(profile)}/SmartTransport`;
    case 'cslu':
      return 'cslu';
    case 'traditional':
      return '';
    default:
      return 'off';
  }
}

/** Days since last contact for a registered, active device in `mode` (some deliberately stale). */
function contactAge(rng: Rng, mode: DeploymentMode, va: string, profile: ClientProfile): number {
  const r = rng.next();
  switch (mode) {
    case 'cloud':
      return r < 0.03 ? rng.int(95, 170) : r < 0.045 ? rng.int(185, 400) : rng.int(0, 6);
    case 'onprem':
      return va === profile.staleOnPremVa ? profile.onPremSyncAgeDays : rng.int(0, 2);
    case 'cslu':
      return r < 0.05 ? rng.int(95, 170) : r < 0.08 ? rng.int(185, 300) : rng.int(1, 30);
    case 'offline':
      return rng.int(20, 120);
    default:
      return rng.int(100, 900); // reservations: last touched when the authorization was installed
  }
}

function inventorySource(platform: Platform): string {
  if (platform.family === 'C3850' || platform.family === 'ASR1000') return 'Prime Infrastructure';
  if (platform.family.startsWith('C9') && platform.family !== 'C9800') return 'Catalyst Center';
  return 'ServiceNow CMDB';
}

/** Build the device universe: inventory, CSSM membership, deployment mode and last contact. */
export function buildDevices(
  rng: Rng,
  profile: ClientProfile,
  count: number,
  serials: SerialFactory,
): Device[] {
  const hostnames = new HostnameFactory();
  const vaByName = new Map(profile.virtualAccounts.map((v) => [v.name, v]));
  const vaWeights = profile.virtualAccounts.map((v) => [v, v.weight] as const);
  // per-role PID lists and per-platform train weights, computed once rather than per device
  const pidsByRole = new Map<Role, (readonly [string, number])[]>();
  for (const role of Object.keys(ROLE_PLATFORMS) as Role[]) {
    pidsByRole.set(
      role,
      ROLE_PLATFORMS[role].filter(([p]) => !profile.excludedPids?.has(p)),
    );
  }
  const trainsOf = new Map<Platform, (readonly [readonly [string, Era], number])[]>();
  for (const p of Object.values(PLATFORMS))
    trainsOf.set(
      p,
      p.trains.map(([o, e, w]) => [[o, e] as const, w] as const),
    );
  const devices: Device[] = [];
  for (let i = 0; i < count; i++) {
    const pinned = profile.pinned[i];
    const va: VaProfile = pinned ? vaByName.get(pinned[0])! : rng.weighted(vaWeights);
    const role: Role = pinned ? pinned[1] : rng.weighted(va.roles);
    const platform = PLATFORMS[rng.weighted(pidsByRole.get(role)!)]!;
    const site = rng.pick(va.sites);
    const [os, era] = rng.weighted(trainsOf.get(platform)!);
    let mode: DeploymentMode = era === 'traditional' ? 'traditional' : rng.weighted(va.modes);
    if (era === 'smart' && mode === 'cslu') mode = 'onprem'; // CSLU arrived with SLUP
    if (platform.family === 'ISE' || platform.family === 'C9800')
      mode = mode === 'onprem' ? 'onprem' : 'cloud';
    const u = rng.next();
    const status: InventoryStatus = u < 0.02 ? 'retired' : u < 0.03 ? 'decommissioned' : 'active';
    const serial = serials.next(platform.serialPrefixes);
    const licences: Device['licences'] = [];
    const qty = platform.countRange ? rng.int(platform.countRange[0], platform.countRange[1]) : 1;
    const network = allowedPick(rng, platform.network, profile);
    if (network) licences.push({ key: network, count: qty });
    const dna = allowedPick(rng, platform.dna, profile);
    if (dna) licences.push({ key: dna, count: platform.family === 'ISE' ? Math.ceil(qty / 3) : qty });
    const retiredDate = status === 'active' ? undefined : addDays(profile.asOf, -rng.int(20, 700));
    const evalMode = era === 'smart' && mode === 'offline' && status === 'active';
    const neverReported = era === 'slup' && status === 'active' && rng.chance(0.02);
    let inCssm: boolean;
    if (era === 'traditional' || evalMode || neverReported) inCssm = false;
    else if (status !== 'active') inCssm = rng.chance(0.4);
    else inCssm = true;
    const shadow = inCssm && status === 'active' && rng.chance(va.name === 'Lab' ? 0.25 : 0.012);
    let lastContact: string | undefined;
    if (inCssm) {
      if (retiredDate) lastContact = addDays(retiredDate, -rng.int(0, 10));
      else if (shadow && rng.chance(0.6)) lastContact = addDays(profile.asOf, -rng.int(95, 400));
      else lastContact = addDays(profile.asOf, -contactAge(rng, mode, va.name, profile));
    }
    devices.push({
      hostname: hostnames.next(site, role),
      pid: platform.pid,
      serial,
      platform,
      va: va.name,
      site,
      os,
      era,
      mode,
      status,
      retiredDate,
      inInventory: !shadow,
      inCssm,
      piName: era === 'slup' ? `UDI_PID:${platform.pid}; UDI_SN:${serial}` : '',
      licences,
      reservation: mode === 'slr' ? 'SPECIFIC' : mode === 'plr' ? 'UNIVERSAL' : 'none',
      transport: transportFor(mode, era, va.name, profile),
      lastContact,
      installDate: addDays(profile.asOf, -rng.int(200, 2500)),
      inventorySource: inventorySource(platform),
      evalMode,
      captured: false,
    });
    const d = devices[devices.length - 1]!;
    if (!d.piName) d.piName = d.hostname;
  }
  return devices;
}

const SPARE_PLATFORM = (pid: string): Platform => ({
  pid,
  family: 'AIR',
  productType: 'Access Point',
  serialPrefixes: ['FJC', 'FGL', 'KWC'],
  network: [],
  dna: [[null, 1]],
  trains: [['17.9.4a', 'slup', 1]],
  image: 'ap',
});

/** Shelf spares: switches and access points in the CMDB, never registered. */
export function buildSpares(
  rng: Rng,
  profile: ClientProfile,
  count: number,
  serials: SerialFactory,
): Device[] {
  const hostnames = new HostnameFactory();
  const out: Device[] = [];
  const sites = profile.virtualAccounts.flatMap((v) => v.sites.filter((s) => s !== 'lab'));
  for (let i = 0; i < count; i++) {
    const switchSpare = rng.chance(0.4);
    const platform = switchSpare ? PLATFORMS['C9300-48P']! : SPARE_PLATFORM(rng.pick(SPARE_ONLY_PIDS));
    const site = rng.pick(sites);
    const serial = serials.next(platform.serialPrefixes);
    out.push({
      hostname: hostnames.next(site, 'spare'),
      pid: platform.pid,
      serial,
      platform,
      va: '',
      site,
      os: '',
      era: 'slup',
      mode: 'offline',
      status: 'spare',
      inInventory: true,
      inCssm: false,
      piName: '',
      licences: [],
      reservation: 'none',
      transport: '',
      installDate: addDays(profile.asOf, -rng.int(30, 900)),
      inventorySource: 'ServiceNow CMDB',
      evalMode: false,
      captured: false,
    });
  }
  return out;
}

/**
 * Small estates may miss a rare plant by chance; make sure at least one reserved device was
 * retired without returning its reservation (the unit that can neither move nor be reclaimed).
 */
export function ensureRetiredReservation(rng: Rng, devices: Device[], asOf: string): void {
  const has = devices.some((d) => d.inCssm && d.status !== 'active' && d.reservation !== 'none');
  if (has) return;
  const d = devices.find(
    (x) => x.inCssm && x.inInventory && x.reservation !== 'none' && x.status === 'active',
  );
  if (!d) return;
  d.status = 'retired';
  d.retiredDate = addDays(asOf, -rng.int(60, 300));
  d.lastContact = addDays(d.retiredDate, -rng.int(100, 400));
}
