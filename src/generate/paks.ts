import { addDays } from './dates.ts';
import type { Device, PakLine, PakStatus, Transaction } from './model.ts';
import { alnum, type Rng } from './prng.ts';
import type { ClientProfile } from './profile.ts';

/** Traditional SKUs per platform family: [SKU, licence key, description]. */
const PAK_SKUS: Record<string, readonly (readonly [string, string, string])[]> = {
  'ISR4331/K9': [
    ['SL-4330-APP-K9', 'isr4k-appx', 'AppX License for Cisco ISR 4300 Series'],
    ['SL-4330-SEC-K9', 'isr4k-secx', 'Security License for Cisco ISR 4300 Series'],
    ['SL-4330-UC-K9', 'isr4k-uc', 'Unified Communication License for Cisco ISR 4300 Series'],
  ],
  'ISR4451-X/K9': [
    ['SL-4350-APP-K9', 'isr4k-appx', 'AppX License for Cisco ISR 4400/4350 Series'],
    ['SL-4350-SEC-K9', 'isr4k-secx', 'Security License for Cisco ISR 4400/4350 Series'],
  ],
  'ASR1001-X': [['SLASR1-AES', 'asr1k-aes', 'Cisco ASR 1000 Advanced Enterprise Services License']],
  'WS-C3850-48P': [['C3850-48-L-S', 'c3850-ipbase', 'C3850-48 LAN Base to IP Base Paper RTU License']],
};

const MIGRATABLE = new Set(['isr4k-appx', 'isr4k-secx']);

export function pakId(rng: Rng): string {
  return `${rng.int(1000, 9999)}${alnum(rng, 1, 'ABCDEFGHJKLMNPQRSTUVWXYZ')}${alnum(rng, 6)}`;
}

export interface PakEstate {
  paks: PakLine[];
  /** PAK Migration and DLC Device Migration transactions (Order rows come later). */
  migrations: Transaction[];
  /** Quantities each (VA|licence key) must at least hold to explain the migrations. */
  floors: Map<string, number>;
}

/**
 * PAK lines from the License Registration Portal: fulfilled lines node-locked to traditional
 * devices, plus unfulfilled and partially fulfilled lines, some of them converted into CSSM.
 */
export function buildPaks(rng: Rng, profile: ClientProfile, devices: readonly Device[]): PakEstate {
  const allowed = (key: string) => !profile.allowedLicences || profile.allowedLicences.has(key);
  const traditional = devices.filter((d) => PAK_SKUS[d.pid] && d.status !== 'spare');
  const paks: PakLine[] = [];
  const orderDate = () => addDays(profile.asOf, -rng.int(500, 3200));
  const salesOrder = () => String(rng.int(80_000_000, 99_999_999));

  // fulfilled lines: orders of 1-4 devices of one PID, one line per feature SKU
  const byPid = new Map<string, Device[]>();
  for (const d of traditional) {
    if (!rng.chance(0.7)) continue;
    const list = byPid.get(d.pid);
    if (list) list.push(d);
    else byPid.set(d.pid, [d]);
  }
  for (const [pid, list] of [...byPid].sort(([a], [b]) => a.localeCompare(b))) {
    for (let i = 0; i < list.length; ) {
      const group = list.slice(i, i + rng.int(1, 4));
      i += group.length;
      const pak = pakId(rng);
      const so = salesOrder();
      const date = orderDate();
      for (const [sku, key, description] of PAK_SKUS[pid]!) {
        if (key !== 'isr4k-appx' && key !== 'asr1k-aes' && key !== 'c3850-ipbase' && rng.chance(0.5))
          continue;
        paks.push({
          pak,
          sku,
          licenceKey: key,
          description,
          quantity: group.length,
          fulfilled: group.length,
          status: 'Fulfilled',
          salesOrder: so,
          orderDate: date,
          bound: group,
        });
      }
    }
  }

  // open lines: bought, never (fully) activated
  const byPidAll = new Map<string, Device[]>();
  for (const d of traditional) {
    const list = byPidAll.get(d.pid);
    if (list) list.push(d);
    else byPidAll.set(d.pid, [d]);
  }
  const openLines = Math.max(6, Math.round(devices.length / 40));
  for (let i = 0; i < openLines; i++) {
    const pid = rng.pick(['ISR4331/K9', 'ISR4451-X/K9', 'ASR1001-X'] as const);
    const [sku, key, description] = rng.pick(PAK_SKUS[pid]!);
    const quantity = rng.int(2, 20);
    const status: PakStatus = rng.chance(0.55) ? 'Unfulfilled' : 'Partially Fulfilled';
    const fulfilled = status === 'Unfulfilled' ? 0 : rng.int(1, quantity - 1);
    const candidates = byPidAll.get(pid) ?? [];
    const bound: Device[] = [];
    for (let k = 0; k < fulfilled && candidates.length; k++) bound.push(rng.pick(candidates));
    paks.push({
      pak: pakId(rng),
      sku,
      licenceKey: key,
      description,
      quantity,
      fulfilled,
      status,
      salesOrder: salesOrder(),
      orderDate: orderDate(),
      bound: [...new Set(bound)],
    });
  }

  const migrations: Transaction[] = [];
  const floors = new Map<string, number>();
  const addFloor = (va: string, key: string, q: number) =>
    floors.set(`${va}|${key}`, (floors.get(`${va}|${key}`) ?? 0) + q);
  const smartIsrs = devices.filter((d) => d.pid.startsWith('ISR') && d.inCssm);
  const targetVa = smartIsrs[0]?.va ?? 'Americas Branches';
  // converted lines: a PAK Migration moved the unfulfilled quantity into a VA
  for (const line of paks) {
    if (line.status === 'Fulfilled' || !MIGRATABLE.has(line.licenceKey) || !allowed(line.licenceKey))
      continue;
    if (!rng.chance(0.4)) continue;
    const quantity = line.quantity - line.fulfilled;
    const date = addDays(line.orderDate, rng.int(200, 400));
    line.migratedTo = { va: targetVa, quantity, date };
    migrations.push({
      va: targetVa,
      licence: line.licenceKey,
      source: 'PAK Migration',
      pak: line.pak,
      sku: line.sku,
      quantity,
      date,
    });
    addFloor(targetVa, line.licenceKey, quantity);
  }
  // routers now on Smart Licensing got their licences by Device Led Conversion before SLUP
  for (const d of smartIsrs) {
    for (const l of d.licences) {
      if (!MIGRATABLE.has(l.key)) continue;
      const sku = PAK_SKUS[d.pid]!.find(([, k]) => k === l.key)![0];
      migrations.push({
        va: d.va,
        licence: l.key,
        source: 'DLC Device Migration',
        sku,
        serial: d.serial,
        quantity: l.count,
        date: addDays(d.installDate, rng.int(30, 150)),
      });
      addFloor(d.va, l.key, l.count);
    }
  }
  // one fulfilled line's quantity typed as text (data-quality plant); fulfilled lines carry no risk
  const victim = paks.find((p) => p.status === 'Fulfilled');
  if (victim) victim.quantityText = 'N/A';
  return { paks, migrations, floors };
}
