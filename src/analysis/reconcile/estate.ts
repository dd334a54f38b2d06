import type { ClientInputs } from '../load/client-inputs.ts';
import type { DeviceCapture } from '../model/capture.ts';
import type { InventoryRecord, ProductInstanceRecord } from '../model/records.ts';
import {
  inCodeOrder,
  orderOfDistinctText,
  plainKeyHigh,
  plainKeyLow,
  sortPlainKeys,
} from '../model/text-order.ts';
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

/** Devices by key (`udiKey` of a serial). */
export interface DeviceIndex {
  get(key: string): DeviceView | undefined;
  readonly size: number;
}

/** The reconciled estate that checks read: VA positions and the device join. */
export interface Estate {
  asOf: string;
  positions: VaPosition[];
  virtualAccounts: string[];
  devices: DeviceIndex;
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
  // every record with its device's key, in input order: inventory, then instances, then captures
  // (sized once, filled by index: 370,000 pushes grew the arrays into fresh memory again and again)
  let size = inputs.inventory.length + inputs.productInstances.length;
  for (const c of inputs.captures) size += 1 + c.members.length;
  const keys: string[] = new Array(size);
  const records: (InventoryRecord | ProductInstanceRecord | DeviceCapture)[] = new Array(size);
  const kinds = new Uint8Array(size);
  let n = 0;
  const unkeyedInstances: ProductInstanceRecord[] = [];
  const inventory = inputs.inventory;
  for (let i = 0; i < inventory.length; i++) {
    const r = inventory[i]!;
    keys[n] = udiKey(r.serial);
    records[n] = r;
    kinds[n++] = INVENTORY;
  }
  const instances = inputs.productInstances;
  for (let i = 0; i < instances.length; i++) {
    const r = instances[i]!;
    const udi = instanceUdi(r);
    if (!udi) {
      unkeyedInstances.push(r);
      continue;
    }
    keys[n] = udiKey(udi.serial);
    records[n] = r;
    kinds[n++] = INSTANCE;
  }
  for (const c of inputs.captures) {
    const serials = [c.serial, ...c.members.map((m) => m.serial)].filter((s): s is string => !!s);
    for (const s of new Set(serials.map(udiKey))) {
      keys[n] = s;
      records[n] = c;
      kinds[n++] = CAPTURE;
    }
  }
  keys.length = n;
  records.length = n;
  const { devices, inOrder } = joinSorted(keys, records, kinds) ?? joinByMap(keys, records, kinds);
  const positions = vaPositions(inputs.licences);
  const vas = new Set<string>();
  for (const p of positions) vas.add(p.virtualAccount);
  for (const p of inputs.productInstances) vas.add(p.virtualAccount);
  const virtualAccounts = [...vas].sort();
  const estate: Estate = { asOf: inputs.config.asOf, positions, virtualAccounts, devices, unkeyedInstances };
  ordered.set(estate, inOrder);
  return estate;
}

const INVENTORY = 0;
const INSTANCE = 1;
const CAPTURE = 2;
type Joined = { devices: DeviceIndex; inOrder: DeviceView[] };

/**
 * The join by sorting when every key is a plain serial (text-order.ts): records with equal keys
 * end up side by side, still in input order, and each run is one device. No map of 200,000
 * keys is built (inserting them took 0.2-0.3 s, most of it waiting on memory), the devices come
 * out in key order, and a key is looked up by binary search.
 */
function joinSorted(
  keys: readonly string[],
  records: readonly unknown[],
  kinds: Uint8Array,
): Joined | undefined {
  const sorted = sortPlainKeys(keys);
  if (!sorted) return undefined;
  const { order, high, low, long } = sorted;
  const distinct: string[] = [];
  const inOrder: DeviceView[] = [];
  // the sort's numbers of each device's key, in device order: what a lookup searches
  const deviceHigh = new Uint32Array(order.length);
  const deviceLow = new Uint32Array(order.length);
  let d: DeviceView | undefined;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    // equal numbers are the same key, unless keys are longer than the twelve characters they hold
    const same =
      d !== undefined && high[k] === high[k - 1] && low[k] === low[k - 1] && (!long || keys[i] === d.key);
    if (!same) {
      const key = keys[i]!;
      d = { key, serial: key, inventory: NONE, instances: NONE, captures: NONE };
      deviceHigh[distinct.length] = high[k]!;
      deviceLow[distinct.length] = low[k]!;
      distinct.push(key);
      inOrder.push(d);
    }
    add(d!, kinds[i]!, records[i]);
  }
  const n = distinct.length;
  const devices = new SortedDevices(distinct, inOrder, deviceHigh.subarray(0, n), deviceLow.subarray(0, n));
  return { devices, inOrder };
}

/** The join for any keys: a map, its devices then sorted as `compareText` sorts their keys. */
function joinByMap(keys: readonly string[], records: readonly unknown[], kinds: Uint8Array): Joined {
  const devices = new Map<string, DeviceView>();
  for (let i = 0; i < keys.length; i++) add(device(devices, keys[i]!), kinds[i]!, records[i]);
  // keys are the map's own (distinct): their order, applied to the devices in the same order
  const views = [...devices.values()];
  const inOrder = orderOfDistinctText([...devices.keys()]).map((i) => views[i]!);
  return { devices, inOrder };
}

function add(d: DeviceView, kind: number, record: unknown): void {
  if (kind === INVENTORY) d.inventory = withItem(d.inventory, record as InventoryRecord);
  else if (kind === INSTANCE) d.instances = withItem(d.instances, record as ProductInstanceRecord);
  else d.captures = withItem(d.captures, record as DeviceCapture);
}

/**
 * Devices in code-unit order of their plain keys, looked up by a binary search of the numbers
 * the keys are ranked by (text-order.ts), which sit together in memory: searching the key
 * strings themselves read a string from somewhere in the heap at each of 18 steps.
 */
class SortedDevices implements DeviceIndex {
  readonly #keys: readonly string[];
  readonly #views: readonly DeviceView[];
  readonly #high: Uint32Array;
  readonly #low: Uint32Array;
  constructor(keys: readonly string[], views: readonly DeviceView[], high: Uint32Array, low: Uint32Array) {
    this.#keys = keys;
    this.#views = views;
    this.#high = high;
    this.#low = low;
  }
  get size(): number {
    return this.#keys.length;
  }
  get(key: string): DeviceView | undefined {
    // every key here is plain: any other is not one of them
    if (!inCodeOrder(key)) return undefined;
    const h = plainKeyHigh(key);
    const l = plainKeyLow(key);
    const high = this.#high;
    const low = this.#low;
    // the first key whose numbers are not below the key's
    let lo = 0;
    let hi = high.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (high[mid]! < h || (high[mid] === h && low[mid]! < l)) lo = mid + 1;
      else hi = mid;
    }
    // equal numbers: the same key, or keys longer than twelve characters that share them
    for (let i = lo; i < high.length && high[i] === h && low[i] === l; i++)
      if (this.#keys[i] === key) return this.#views[i];
    return undefined;
  }
}

const ordered = new WeakMap<Estate, DeviceView[]>();

/** The estate's devices sorted by key (as `localeCompare` orders them). */
export function devicesInOrder(estate: Estate): DeviceView[] {
  return ordered.get(estate)!;
}
