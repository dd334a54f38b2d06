import { addDays, addMonths } from './dates.ts';
import { type GenLicence, licenceByKey } from './licence-catalog.ts';
import type { Device, Position } from './model.ts';
import type { Rng } from './prng.ts';
import type { ClientProfile } from './profile.ts';

/** A licence name CSSM might show that the catalog does not know (data-quality plant). */
export const UNKNOWN_LICENCE = 'Catalyst 9300X Network Advantage';

/** Preferred licences for the two headline plants; the first one the estate uses wins. */
const HIDDEN_CANDIDATES = ['c9300-dna-advantage', 'c9300-network-advantage', 'c9200-dna-essentials'];
const RESIDUAL_CANDIDATES = ['c9200-dna-essentials', 'c8300-dna-advantage', 'c9500-dna-advantage'];

export interface Consumer {
  device: Device;
  va: string;
}

export interface PlantedPositions {
  positions: Position[];
  hiddenLicence?: string;
  residualLicence?: string;
  /** Licence made short by one unit and left out of the price list: an unpriced shortage. */
  unpricedLicence?: string;
}

/**
 * CSSM licence positions per (VA, licence). In Use and Reserved are sums over the product
 * instances; Purchased is drawn around them with planted shortages: one hidden imbalance (a VA short
 * while the Smart Account total is positive), one residual shortage (the total itself is short) and
 * a scatter of ordinary ones. `floors` are quantities already explained by PAK/DLC migrations.
 */
export function buildPositions(
  rng: Rng,
  profile: ClientProfile,
  catalog: readonly GenLicence[],
  consumers: readonly Consumer[],
  floors: ReadonlyMap<string, number>,
): PlantedPositions {
  const use = new Map<string, { va: string; key: string; inUse: number; reserved: number }>();
  for (const { device, va } of consumers) {
    for (const l of device.licences) {
      const id = `${va}|${l.key}`;
      const row = use.get(id) ?? { va, key: l.key, inUse: 0, reserved: 0 };
      row.inUse += l.count;
      if (device.reservation !== 'none') row.reserved += l.count;
      use.set(id, row);
    }
  }
  for (const id of floors.keys()) {
    if (!use.has(id)) {
      const [va, key] = id.split('|') as [string, string];
      use.set(id, { va, key, inUse: 0, reserved: 0 });
    }
  }
  const usedKeys = [...new Set([...use.values()].map((r) => r.key))].sort();
  // the pool VA holds central stock of some licences it does not use itself
  for (const key of usedKeys) {
    const id = `${profile.poolVa}|${key}`;
    if (!use.has(id) && rng.chance(0.35)) use.set(id, { va: profile.poolVa, key, inUse: 0, reserved: 0 });
  }
  const hidden = HIDDEN_CANDIDATES.find((k) => usedKeys.includes(k));
  const residual = RESIDUAL_CANDIDATES.find((k) => usedKeys.includes(k) && k !== hidden);
  const rows = [...use.values()].sort((a, b) => a.va.localeCompare(b.va) || a.key.localeCompare(b.key));

  const purchased = new Map<string, number>();
  for (const r of rows) {
    const id = `${r.va}|${r.key}`;
    let p = r.inUse + (rng.chance(0.3) ? 0 : rng.int(0, Math.max(1, Math.ceil(r.inUse * 0.12))));
    if (r.inUse === 0) p = rng.int(2, 12);
    if (r.key !== hidden && r.key !== residual && r.inUse > 0 && rng.chance(0.1)) {
      p = Math.max(r.reserved, r.inUse - rng.int(1, Math.min(30, Math.max(1, Math.ceil(r.inUse * 0.1)))));
    }
    purchased.set(id, Math.max(p, floors.get(id) ?? 0));
  }
  if (hidden) plantHidden(rng, profile, rows, purchased, hidden);
  if (residual) plantResidual(rng, rows, purchased, residual);
  const unpriced = plantUnpricedShortage(rows, purchased, floors, [hidden, residual]);

  const positions = rows.map((r): Position => {
    const lic = licenceByKey(catalog, r.key);
    const p = purchased.get(`${r.va}|${r.key}`)!;
    const term = lic.cssmType === 'TERM' ? termDates(rng, profile.asOf) : undefined;
    const short = r.inUse > p;
    const expiring = term !== undefined && term.end <= addDays(profile.asOf, 90);
    return {
      va: r.va,
      key: r.key,
      name: lic.displayName,
      purchased: p,
      inUse: r.inUse,
      reserved: r.reserved,
      balance: p - r.inUse,
      licenceType: lic.cssmType,
      ...(term ? { startDate: term.start, endDate: term.end } : {}),
      alert: short ? 'Insufficient Licenses' : expiring ? 'Licenses Expiring' : '',
      status: short ? 'Out of Compliance' : 'In Compliance',
    };
  });
  plantDataQuality(rng, profile, positions, hidden, residual);
  return {
    positions,
    ...(hidden ? { hiddenLicence: hidden } : {}),
    ...(residual ? { residualLicence: residual } : {}),
    ...(unpriced ? { unpricedLicence: unpriced } : {}),
  };
}

type UseRow = { va: string; key: string; inUse: number; reserved: number };

function plantHidden(
  rng: Rng,
  profile: ClientProfile,
  rows: UseRow[],
  purchased: Map<string, number>,
  key: string,
): void {
  const mine = rows.filter((r) => r.key === key && r.va !== profile.poolVa && r.inUse > 0);
  const victim = mine.reduce((a, b) => (b.inUse > a.inUse ? b : a), mine[0]!);
  if (!victim) return;
  const short = Math.max(3, Math.ceil(victim.inUse * 0.08));
  purchased.set(`${victim.va}|${key}`, Math.max(victim.reserved, victim.inUse - short));
  let pool = rows.find((r) => r.key === key && r.va === profile.poolVa);
  if (!pool) {
    pool = { va: profile.poolVa, key, inUse: 0, reserved: 0 };
    rows.push(pool);
    rows.sort((a, b) => a.va.localeCompare(b.va) || a.key.localeCompare(b.key));
  }
  const total = rows
    .filter((r) => r.key === key)
    .reduce((s, r) => s + purchased.get(`${r.va}|${key}`)! - r.inUse, 0);
  const poolId = `${profile.poolVa}|${key}`;
  purchased.set(poolId, (purchased.get(poolId) ?? 0) + Math.max(0, 2 - total) + rng.int(2, 6));
}

function plantResidual(rng: Rng, rows: UseRow[], purchased: Map<string, number>, key: string): void {
  const mine = rows.filter((r) => r.key === key && r.inUse > 0).sort((a, b) => b.inUse - a.inUse);
  for (const r of mine.slice(0, 2)) {
    purchased.set(`${r.va}|${key}`, Math.max(r.reserved, r.inUse - Math.max(2, Math.ceil(r.inUse * 0.1))));
  }
  const total = () =>
    rows.filter((r) => r.key === key).reduce((s, r) => s + purchased.get(`${r.va}|${key}`)! - r.inUse, 0);
  // short by about a third of use across the Smart Account: beyond an EA's usual 20% growth
  // allowance, so the demo shows money at True Forward; surplus elsewhere covers part of it
  const used = rows.filter((r) => r.key === key).reduce((s, r) => s + r.inUse, 0);
  const target = -Math.max(rng.int(1, 3), Math.ceil(used * 0.3));
  for (const r of rows.filter((x) => x.key === key)) {
    if (total() > target) {
      const id = `${r.va}|${key}`;
      purchased.set(id, Math.max(r.reserved, purchased.get(id)! - (total() - target)));
    }
  }
}

/** The least-used licence (not a headline plant, not PAK/DLC-backed) gets a one-unit shortage. */
function plantUnpricedShortage(
  rows: UseRow[],
  purchased: Map<string, number>,
  floors: ReadonlyMap<string, number>,
  exclude: (string | undefined)[],
): string | undefined {
  const total = new Map<string, number>();
  for (const r of rows) total.set(r.key, (total.get(r.key) ?? 0) + r.inUse);
  const backed = new Set([...floors.keys()].map((k) => k.split('|')[1]));
  const key = [...total]
    .filter(([k, n]) => n > 0 && !exclude.includes(k) && !backed.has(k))
    .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  if (!key) return undefined;
  const row = rows.filter((r) => r.key === key && r.inUse > r.reserved).sort((a, b) => b.inUse - a.inUse)[0];
  if (!row) return undefined;
  const id = `${row.va}|${key}`;
  purchased.set(id, Math.min(purchased.get(id)!, row.inUse - 1));
  return key;
}

function termDates(rng: Rng, asOf: string): { start: string; end: string } {
  const start = addDays(asOf, -rng.int(60, 1000));
  let end = addMonths(start, rng.chance(0.8) ? 36 : 60);
  if (end <= asOf) end = addMonths(end, 36);
  if (rng.chance(0.08)) end = addDays(asOf, rng.int(20, 80)); // renewal due soon
  return { start, end };
}

/** A Balance that contradicts Purchased − In Use, one stale alert, one missing alert, an unknown name. */
function plantDataQuality(
  rng: Rng,
  profile: ClientProfile,
  positions: Position[],
  hidden?: string,
  residual?: string,
): void {
  const ordinary = positions.filter((p) => p.key !== hidden && p.key !== residual);
  const healthy = ordinary.filter((p) => p.inUse > 3 && p.balance >= 0 && !p.alert);
  if (healthy.length) rng.pick(healthy).balance += rng.int(2, 5);
  const quietShort = ordinary.filter((p) => p.inUse > p.purchased);
  if (quietShort.length) {
    const p = rng.pick(quietShort);
    p.alert = '';
    p.status = 'In Compliance';
  }
  const staleAlert = healthy.filter((p) => p.balance === p.purchased - p.inUse);
  if (staleAlert.length) rng.pick(staleAlert).alert = 'Insufficient Licenses';
  const labVa = profile.virtualAccounts.find((v) => v.name === 'Lab')?.name ?? profile.poolVa;
  positions.push({
    va: labVa,
    key: 'unknown',
    name: UNKNOWN_LICENCE,
    purchased: 4,
    inUse: 0,
    reserved: 0,
    balance: 4,
    licenceType: 'PERPETUAL',
    alert: '',
    status: 'In Compliance',
  });
}
