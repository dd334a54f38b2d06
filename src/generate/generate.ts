import { buildCaptures, type Capture } from './captures.ts';
import { clientYaml } from './client-yaml.ts';
import { buildCiscoOne, buildSupport, contractIdFactory } from './contracts.ts';
import { buildDevices, buildSpares, ensureRetiredReservation, SerialFactory } from './devices.ts';
import type { GenLicence } from './licence-catalog.ts';
import type { Device, Estate } from './model.ts';
import { buildOrders } from './orders.ts';
import { buildPaks } from './paks.ts';
import { countPlanted, type Planted } from './planted.ts';
import { buildPositions } from './positions.ts';
import { buildPrices, PRICED_KEYS } from './prices.ts';
import { Rng } from './prng.ts';
import type { ClientProfile } from './profile.ts';
import {
  alertsTable,
  ciscoOneTable,
  type DataQualityRefs,
  inventoryTable,
  licensesTable,
  paksTable,
  pricesTable,
  productInstancesTable,
  supportTable,
  transactionsTable,
} from './tables.ts';

export interface GenerateOptions {
  id: string;
  seed: string;
  devices: number;
  profile: ClientProfile;
  catalog: readonly GenLicence[];
  /** Share of ordinary devices that get a capture file (unusual ones are favoured). */
  captureShare?: number;
  /** Upper bound on capture files, so huge estates do not write a file per device. */
  maxCaptures?: number;
}

/** One output file: its path inside the client folder and its text in chunks. */
export interface GeneratedFile {
  path: string;
  chunks: string[];
}

export interface GeneratedClient {
  files: GeneratedFile[];
  planted: Planted;
}

/** The same serial registered in a second VA: an active, unreserved switch copied into Lab. */
function pickDuplicate(devices: readonly Device[], profile: ClientProfile): { device: Device; va: string }[] {
  const target = profile.virtualAccounts.find((v) => v.name === 'Lab')?.name ?? profile.poolVa;
  const d = devices.find(
    (x) =>
      x.inCssm &&
      x.status === 'active' &&
      x.inInventory &&
      x.reservation === 'none' &&
      x.va !== target &&
      x.platform.family === 'C9300',
  );
  return d ? [{ device: d, va: target }] : [];
}

/** Build a whole synthetic client folder in memory. Pure: same options, same bytes. */
export function generateClient(o: GenerateOptions): GeneratedClient {
  const rng = new Rng(`trueup:${o.seed}`);
  const serials = new SerialFactory(rng.fork('serials'));
  const devices = buildDevices(rng.fork('devices'), o.profile, o.devices, serials);
  ensureRetiredReservation(rng.fork('retired-reservation'), devices, o.profile.asOf);
  const spares = buildSpares(
    rng.fork('spares'),
    o.profile,
    Math.max(3, Math.round(o.devices * 0.02)),
    serials,
  );
  const duplicates = pickDuplicate(devices, o.profile);
  const pak = buildPaks(rng.fork('paks'), o.profile, devices);
  const consumers = [
    ...devices.filter((d) => d.inCssm).map((d) => ({ device: d, va: d.va })),
    ...duplicates.map((x) => ({ device: x.device, va: x.va })),
  ];
  const planted = buildPositions(rng.fork('positions'), o.profile, o.catalog, consumers, pak.floors);
  const orders = buildOrders(rng.fork('orders'), o.profile, o.catalog, planted.positions, pak.migrations);
  const contractIds = contractIdFactory(rng.fork('contracts'));
  const ciscoOne = buildCiscoOne(rng.fork('cisco-one'), o.profile, devices, contractIds);
  const support = buildSupport(
    rng.fork('support'),
    o.profile,
    [...devices, ...spares],
    ciscoOne,
    contractIds,
  );
  const estate: Estate = {
    profile: o.profile,
    catalog: o.catalog,
    devices,
    spares,
    duplicates,
    positions: planted.positions,
    paks: pak.paks,
    transactions: [...pak.migrations, ...orders],
    ciscoOne,
    unpriced: planted.unpricedLicence ? [planted.unpricedLicence] : [],
  };
  const shortRows = new Set(
    estate.positions.filter((p) => p.inUse > p.purchased).map((p) => `${p.va}|${p.key}`),
  );
  const captures: Capture[] = buildCaptures(
    rng.fork('captures'),
    devices,
    o.catalog,
    { asOf: o.profile.asOf, smartAccount: o.profile.name },
    shortRows,
    {
      share: o.captureShare ?? 0.15,
      max: o.maxCaptures ?? Math.min(2000, Math.max(40, Math.round(o.devices * 0.2))),
    },
  );

  const dq: DataQualityRefs = {
    nonNumericQuantity: [],
    balanceContradictions: [],
    serialsInTwoVas: [],
    unknownLicenceNames: [],
  };
  const tables = [
    licensesTable(estate, dq),
    productInstancesTable(estate, dq),
    alertsTable(estate),
    transactionsTable(estate),
    paksTable(estate, dq),
    inventoryTable(estate),
    ciscoOneTable(estate),
    supportTable(support),
    pricesTable(buildPrices(o.catalog, PRICED_KEYS, estate.unpriced), o.profile.currency),
  ];
  const rows: Record<string, number> = {};
  for (const t of tables) rows[t.path] = t.rowCount;
  rows.captures = captures.length;
  const files: GeneratedFile[] = [
    { path: 'client.yaml', chunks: [clientYaml(o.profile)] },
    ...tables.map((t) => ({ path: t.path, chunks: t.chunks() })),
    ...captures.map((c) => ({ path: c.path, chunks: [c.text] })),
  ];
  return { files, planted: countPlanted(estate, o.id, o.seed, captures, rows, dq) };
}
