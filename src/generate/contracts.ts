import { addDays, addMonths } from './dates.ts';
import type { CiscoOneLine, Device } from './model.ts';
import type { Rng } from './prng.ts';
import type { ClientProfile } from './profile.ts';

/** Cisco ONE suites (DOMAIN.md §5) and the platform family each one sits on. */
const SUITES = [
  { sku: 'C1A1TCAT93002', family: 'C9300', model: 'term' },
  { sku: 'C1FPCAT38502K9', family: 'C3850', model: 'perpetual' },
  { sku: 'C1APCAT38502K9', family: 'C3850', model: 'perpetual' },
] as const;

export interface SupportRow {
  serial: string;
  contract: string;
  start: string;
  end: string;
  pid: string;
  level: string;
}

/**
 * Cisco ONE holdings on Catalyst 9300 (term DNA suites) and 3850 (perpetual Foundation/Advanced),
 * each with an SWSS history that is continuous, broken for under 90 days, or broken for longer.
 */
export function buildCiscoOne(
  rng: Rng,
  profile: ClientProfile,
  devices: readonly Device[],
  contractIds: () => string,
): CiscoOneLine[] {
  const lines: CiscoOneLine[] = [];
  const target = Math.min(4000, Math.max(6, Math.round(devices.length / 45)));
  const pools = new Map<string, Device[]>();
  for (const family of [...new Set(SUITES.map((s) => s.family))]) {
    pools.set(
      family,
      rng.shuffle(devices.filter((d) => d.platform.family === family && d.status !== 'spare')),
    );
  }
  // one shuffled pool per family: a serial belongs to one holding, so its SWSS history is unambiguous
  const cursor = new Map<string, number>();
  let perpetualSeen = 0;
  for (let i = 0; i < target; i++) {
    const suite = SUITES[i % SUITES.length]!;
    const pool = pools.get(suite.family)!;
    const at = cursor.get(suite.family) ?? 0;
    if (at >= pool.length) continue;
    const group = pool.slice(at, at + rng.int(1, Math.min(8, pool.length - at)));
    cursor.set(suite.family, at + group.length);
    // perpetual suites date from the Catalyst 3850 years; term suites are five-year DNA-era deals
    const start = addDays(profile.asOf, suite.model === 'term' ? -rng.int(900, 1500) : -rng.int(2600, 3600));
    // SWSS gaps matter for perpetual suites only (term suites embed support): of those, one in
    // three lapsed over 90 days (portability lost), one under 90 (grace), one continuous
    const slot = suite.model === 'perpetual' ? perpetualSeen++ % 3 : -1;
    const gapDays = slot === 0 ? rng.int(120, 400) : slot === 1 ? rng.int(20, 60) : 0;
    lines.push({
      suiteSku: suite.sku,
      model: suite.model,
      start,
      ...(suite.model === 'term' ? { end: addMonths(start, 60) } : {}),
      contract: contractIds(),
      devices: group,
      gapDays,
    });
  }
  return lines;
}

/**
 * Service coverage by serial. Cisco ONE serials get exactly two SWSS periods (first contract, then
 * the renewal after the planted gap); every other device one SNT period, some already lapsed.
 */
export function buildSupport(
  rng: Rng,
  profile: ClientProfile,
  devices: readonly Device[],
  ciscoOne: readonly CiscoOneLine[],
  contractIds: () => string,
): SupportRow[] {
  const rows: SupportRow[] = [];
  const covered = new Set<Device>();
  for (const line of ciscoOne) {
    // first year, the planted gap, then 3-year renewals back to back until past asOf
    const periods: [string, string, string][] = [
      [line.contract, line.start, addDays(addMonths(line.start, 12), -1)],
    ];
    let next = addDays(periods[0]![2], line.gapDays + 1);
    while (next <= profile.asOf) {
      const end = addDays(addMonths(next, 36), -1);
      periods.push([contractIds(), next, end]);
      next = addDays(end, 1);
    }
    for (const d of line.devices) {
      covered.add(d);
      for (const [contract, start, end] of periods) {
        rows.push({ serial: d.serial, contract, start, end, pid: d.pid, level: 'SWSS' });
      }
    }
    line.contract = periods[periods.length - 1]![0]; // the holding names the contract in force
  }
  const shared: string[] = [];
  for (const d of devices) {
    if (covered.has(d) || d.status === 'spare' || !d.inInventory || rng.chance(0.08)) continue;
    if (shared.length === 0 || rng.chance(0.01)) shared.push(contractIds());
    const start = d.installDate;
    let end = addDays(addMonths(start, 12 * rng.int(1, 5)), -1);
    if (end < profile.asOf && rng.chance(0.8)) end = addDays(addMonths(start, 12 * 7), -1);
    rows.push({
      serial: d.serial,
      contract: rng.pick(shared),
      start,
      end,
      pid: d.pid,
      level: rng.chance(0.7) ? 'SNT 8X5XNBD' : 'SNT 24X7X4',
    });
  }
  return rows;
}

/** Service contract numbers: unique nine-digit ids. */
export function contractIdFactory(rng: Rng): () => string {
  const seen = new Set<string>();
  return () => {
    for (;;) {
      const id = String(rng.int(200_000_000, 299_999_999));
      if (!seen.has(id)) {
        seen.add(id);
        return id;
      }
    }
  };
}
