import type { ClientInputs } from '../load/client-inputs.ts';
import type { DeviceCapture } from '../model/capture.ts';
import type { InventoryRecord, ProductInstanceRecord } from '../model/records.ts';
import { orderOfDistinctText } from '../model/text-order.ts';
import { type VaPosition, vaPositions } from './positions.ts';
import { normalisePid, parseUdi, udiKey, udiOfCells } from './udi.ts';

/**
 * One physical device as all sources see it, joined on its serial number. Its PIDs and names
 * are derived from these records when asked for (device-names.ts).
 */
export interface DeviceView {
  key: string;
  serial: string;
  inventory: InventoryRecord[];
  instances: ProductInstanceRecord[];
  captures: DeviceCapture[];
}

/** The reconciled estate that checks read: VA positions and the device join. */
export interface Estate {
  asOf: string;
  positions: VaPosition[];
  virtualAccounts: string[];
  devices: Map<string, DeviceView>;
  /** Product instances with no serial (VMs, cloud instances): never joined, kept for counts. */
  unkeyedInstances: ProductInstanceRecord[];
}

/**
 * One empty list for everything that is empty, shared: a device starts with it (`withItem`
 * replaces it rather than pushing into it) and so do a device's deployment risks, so 200,000
 * devices do not each allocate empty arrays. Not frozen: V8 walks a frozen (or sealed) array in a
 * `for...of` through its generic iterator, which allocates on every loop, and 600,000 loops over
 * it in the deployment check alone allocated 26 MB. Its type takes no push; `assertNoneEmpty`,
 * run after every analysis, fails a build in which something wrote to it anyway.
 */
export const NONE: never[] = [];

/** Throws if the shared empty list (`NONE`) was written to: every device would have shown it. */
export function assertNoneEmpty(): void {
  if (NONE.length !== 0) throw new Error('internal error: the shared empty list (NONE) was written to');
}

function device(map: Map<string, DeviceView>, key: string): DeviceView {
  let d = map.get(key);
  if (!d) {
    d = { key, serial: key, inventory: NONE, instances: NONE, captures: NONE };
    map.set(key, d);
  }
  return d;
}

/**
 * `list` with `v` added. An empty list (the shared `NONE`) is replaced by a one-element one: most
 * devices have one record of each kind, and a first `push` reserves 17 slots.
 */
function withItem<T>(list: T[], v: T): T[] {
  if (list.length === 0) return [v];
  // a second item: a list of two, not a push that reserves 17 slots
  if (list.length === 1) return [list[0]!, v];
  list.push(v);
  return list;
}

/**
 * The UDI of a product instance: its serial (and PID) columns, which may hold a whole UDI, or
 * else its name when CSSM names the instance by UDI (`UDI_PID:CSF-220; UDI_SN:FVH3011AHB3;`).
 */
export function instanceUdi(r: ProductInstanceRecord): { pid: string; serial: string } | undefined {
  if (r.serial) {
    const { serial, pid, udiPid } = udiOfCells(r.serial, r.pid ?? '');
    if (serial) return { pid: udiPid || pid, serial };
  }
  const fromName = /(?:PID|SN)\s*[:=]/i.test(r.name) ? parseUdi(r.name) : undefined;
  return fromName?.serial
    ? { pid: fromName.pid || normalisePid(r.pid ?? ''), serial: fromName.serial }
    : undefined;
}

export function reconcile(inputs: ClientInputs): Estate {
  const devices = new Map<string, DeviceView>();
  const unkeyedInstances: ProductInstanceRecord[] = [];
  for (const r of inputs.inventory) {
    const d = device(devices, udiKey(r.serial));
    d.inventory = withItem(d.inventory, r);
  }
  for (const r of inputs.productInstances) {
    const udi = instanceUdi(r);
    if (!udi) {
      unkeyedInstances.push(r);
      continue;
    }
    const d = device(devices, udiKey(udi.serial));
    d.instances = withItem(d.instances, r);
  }
  for (const c of inputs.captures) {
    const serials = [c.serial, ...c.members.map((m) => m.serial)].filter((s): s is string => !!s);
    for (const s of new Set(serials.map(udiKey))) {
      const d = device(devices, s);
      d.captures = withItem(d.captures, c);
    }
  }
  const positions = vaPositions(inputs.licences);
  const vas = new Set<string>();
  for (const p of positions) vas.add(p.virtualAccount);
  for (const p of inputs.productInstances) vas.add(p.virtualAccount);
  const virtualAccounts = [...vas].sort();
  return { asOf: inputs.config.asOf, positions, virtualAccounts, devices, unkeyedInstances };
}

const ordered = new WeakMap<Estate, DeviceView[]>();

/** The estate's devices sorted by key (as `localeCompare` orders them), sorted once per estate. */
export function devicesInOrder(estate: Estate): DeviceView[] {
  let list = ordered.get(estate);
  if (!list) {
    // keys are the map's own (distinct): their order, applied to the devices in the same order
    const views = [...estate.devices.values()];
    list = orderOfDistinctText([...estate.devices.keys()]).map((i) => views[i]!);
    ordered.set(estate, list);
  }
  return list;
}
