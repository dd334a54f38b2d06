import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeviceCapture } from '../../src/analysis/model/capture.ts';
import type { InventoryRecord, ProductInstanceRecord } from '../../src/analysis/model/records.ts';
import { compareText } from '../../src/analysis/model/text-order.ts';
import { devicesInOrder, instanceUdi, reconcile } from '../../src/analysis/reconcile/estate.ts';
import { udiKey } from '../../src/analysis/reconcile/udi.ts';
import { inputsWith } from '../helpers/inputs.ts';

/*
 * The device join (estate.ts) sorts when every key is a plain serial and uses a map otherwise.
 * Either way each device is the records whose serial gives its key, in input order, the devices
 * come in `compareText` order of their keys, and every key is found.
 */
const RUNS = Number(process.env.TRUEUP_PROPERTY_RUNS ?? 300);
const source = { file: 'x.csv', line: 1 };
const plain = fc.stringMatching(/^[0-9A-Z]{0,12}$/);
// keys longer than the twelve characters the sort's numbers hold; lower case and spaces that the
// key normalises away; a dash or an accent keeps a key off the sorted path
const serial = (odd: boolean) =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.constantFrom(
        'FOC2419KW0A',
        'FOC2419KW0B',
        'FOC2419KW0',
        'JAE1',
        'Z9',
        'FOC2419KW0AB1',
        'FOC2419KW0AB2',
      ),
    },
    { weight: 3, arbitrary: plain },
    { weight: 1, arbitrary: fc.constantFrom(' foc2419kw0a', 'jae1 ') },
    { weight: odd ? 1 : 0, arbitrary: fc.constantFrom('FOC-1', 'JAÉ1') },
  );

const estateOf = (odd: boolean) =>
  fc.record({
    inventory: fc.array(serial(odd), { maxLength: 30 }),
    instances: fc.array(fc.option(serial(odd), { nil: undefined }), { maxLength: 30 }),
    captures: fc.array(fc.array(serial(odd), { minLength: 1, maxLength: 3 }), { maxLength: 6 }),
  });

function check({
  inventory,
  instances,
  captures,
}: {
  inventory: string[];
  instances: (string | undefined)[];
  captures: string[][];
}) {
  const inv = inventory.map((s, i) => ({ serial: s, source: { ...source, line: i } }) as InventoryRecord);
  const pis = instances.map(
    (s, i) =>
      ({
        serial: s,
        name: `pi${i}`,
        virtualAccount: 'VA',
        licences: [],
        source,
      }) as unknown as ProductInstanceRecord,
  );
  const caps = captures.map(
    ([first, ...rest]) =>
      ({ serial: first, members: rest.map((s) => ({ serial: s })), source }) as unknown as DeviceCapture,
  );
  const estate = reconcile(inputsWith([], { inventory: inv, productInstances: pis, captures: caps }));
  // the model: a key per record, the records of each key in input order
  const model = new Map<string, { inventory: unknown[]; instances: unknown[]; captures: unknown[] }>();
  const of = (k: string) =>
    model.get(k) ?? model.set(k, { inventory: [], instances: [], captures: [] }).get(k)!;
  for (const r of inv) of(udiKey(r.serial)).inventory.push(r);
  for (const r of pis) {
    const udi = instanceUdi(r);
    if (udi) of(udiKey(udi.serial)).instances.push(r);
  }
  for (const c of caps)
    for (const k of new Set([c.serial!, ...c.members.map((m) => m.serial!)].filter(Boolean).map(udiKey)))
      of(k).captures.push(c);
  const keys = [...model.keys()].sort(compareText);
  const list = devicesInOrder(estate);
  expect(list.map((d) => d.key)).toEqual(keys);
  expect(estate.devices.size).toBe(keys.length);
  for (const d of list) {
    expect(estate.devices.get(d.key)).toBe(d);
    const m = model.get(d.key)!;
    expect([d.inventory, d.instances, d.captures]).toEqual([m.inventory, m.instances, m.captures]);
    expect(d.serial).toBe(d.key);
  }
  for (const absent of ['', 'FOC2419KW0C', 'A', 'foc2419kw0a', 'ZZZZZZZZZZZZZ', 'FOC2419KW0AB3', 'FOC-1'])
    if (!model.has(absent)) expect(estate.devices.get(absent)).toBeUndefined();
}

describe('the device join', () => {
  it('groups plain serials by sorting, in input order, found by their keys', () => {
    fc.assert(fc.property(estateOf(false), check), { numRuns: RUNS });
  });

  it('does the same through a map when a serial is not plain', () => {
    fc.assert(fc.property(estateOf(true), check), { numRuns: RUNS });
  });
});
