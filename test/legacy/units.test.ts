import { beforeAll, describe, expect, it } from 'vitest';
import type { OrphanedData } from '../../src/analysis/checks/orphaned.ts';
import { applyReclaims, type PositionBefore } from '../../src/analysis/checks/reclaim.ts';
import { loadCatalog } from '../../src/analysis/load/catalog.ts';
import { type ClientInputs, emptyInputs } from '../../src/analysis/load/client-inputs.ts';
import type { DeviceCapture } from '../../src/analysis/model/capture.ts';
import type { Catalog } from '../../src/analysis/model/catalog.ts';
import type { InputKind } from '../../src/analysis/model/ledger.ts';
import type { InventoryRecord, PakRecord, SupportRecord } from '../../src/analysis/model/records.ts';
import { instanceUdi } from '../../src/analysis/reconcile/estate.ts';
import { pidFamilies, pidFamilyOf } from '../../src/analysis/reconcile/pid-family.ts';
import { parseUdiList, serialOf } from '../../src/analysis/reconcile/udi.ts';
import { runChecks } from '../../src/analysis/report/build-report.ts';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog();
});

const src = (file: string, line: number) => ({ file, line });

/** Records in, with `present` listing every kind that has records (product instances always, as CSSM). */
function inputs(parts: Partial<ClientInputs>): ClientInputs {
  const all: ClientInputs = {
    ...emptyInputs({
      id: 't',
      name: 'T',
      asOf: '2026-11-15',
      currency: 'EUR',
      dateOrder: 'MDY',
      pricing: { discountPct: 0, swssUpliftPct: 0 },
      report: { confidentiality: '', redact: false },
    }),
    ...parts,
  };
  const kinds: [InputKind, unknown[]][] = [
    ['inventory', all.inventory],
    ['paks', all.paks],
    ['captures', all.captures],
    ['support', all.support],
    ['transactions', all.transactions],
  ];
  all.present = [
    'client',
    'licenses',
    'product-instances',
    ...kinds.filter(([, v]) => v.length).map(([k]) => k),
  ];
  return all;
}

const inv = (hostname: string, pid: string, serial: string, line: number): InventoryRecord => ({
  source: src('inventory/i.csv', line),
  hostname,
  pid,
  serial,
  status: 'active',
});

describe('UDI forms', () => {
  it('reads the serial of every accepted spelling', () => {
    expect(serialOf('PID:C9300-48P,SN:foc1')).toBe('FOC1');
    expect(serialOf('UDI_PID:C9300-48P; UDI_SN:FOC1;')).toBe('FOC1');
    expect(serialOf('C9300-48P:FOC1')).toBe('FOC1');
    expect(serialOf(' foc 1 ')).toBe('FOC1');
    expect(parseUdiList('PID:A,SN:1; UDI_PID:B; UDI_SN:2;C:3').udis.map((u) => u.serial)).toEqual([
      '1',
      '2',
      '3',
    ]);
  });

  it('keys a product instance named by its UDI', () => {
    const pi = {
      source: src('p', 2),
      name: 'UDI_PID:CSF-220; UDI_SN:FVH3011AHB3; ',
      virtualAccount: 'VA',
      licences: [],
      reservation: 'none' as const,
    };
    expect(instanceUdi(pi)).toEqual({ pid: 'CSF-220', serial: 'FVH3011AHB3' });
  });
});

describe('PID families', () => {
  it('prefers the longest prefix and matches regex rows', () => {
    const fams = pidFamilies(catalog);
    expect(pidFamilyOf(fams, 'C9300L-48P-4G')?.family).toBe('C9300L');
    expect(pidFamilyOf(fams, 'c9300-48p')?.family).toBe('C9300');
    expect(pidFamilyOf(fams, 'ISR4451-X/K9')?.family).toBe('ISR4K');
    expect(pidFamilyOf(fams, 'AIR-AP2802I-E-K9')?.family).toBe('AIR-AP');
    expect(pidFamilyOf(fams, 'FPR-1010')).toBeUndefined();
  });

  it('only names licence keys that exist in licences.csv', () => {
    const keys = new Set(catalog.licences.map((l) => l.key));
    for (const f of pidFamilies(catalog))
      for (const l of f.licences) expect(keys.has(l.licenceKey), l.licenceKey).toBe(true);
  });
});

describe('pak-estate with captures', () => {
  it('takes the era and licences from a capture showing traditional licensing', () => {
    const capture: DeviceCapture = {
      source: src('captures/sw9.txt', 1),
      files: ['captures/sw9.txt'],
      serial: 'FOC9',
      members: [],
      era: 'traditional',
      licences: [
        { name: 'ipservices', licenceKey: 'c3850-ipservices', count: 1, source: src('captures/sw9.txt', 20) },
      ],
      commands: ['show license'],
      evidence: {},
    };
    const r = runChecks(
      inputs({ inventory: [inv('sw9', 'C9300-48P', 'FOC9', 2)], captures: [capture] }),
      catalog,
    );
    const f = r.results['pak-estate']!.findings[0]!;
    expect(f.severity).toBe('medium');
    expect(f.facts).toMatchObject({
      era: 'traditional',
      eraBasis: 'capture',
      licencesNeeded: 'c3850-ipservices:1',
    });
    expect(f.evidence).toEqual([src('captures/sw9.txt', 1), src('inventory/i.csv', 2)]);
  });
});

describe('unactivated-pak coverage', () => {
  const pak = (pakId: string, serial: string, line: number): PakRecord => ({
    source: src('legacy/paks.csv', line),
    pak: pakId,
    sku: 'X-1',
    quantity: 2,
    status: 'Unfulfilled',
    orderDate: '2026-10-01',
    boundUdis: [{ pid: 'C9300-48P', serial }],
  });
  const support = (serial: string, end: string, line: number): SupportRecord => ({
    source: src('contracts/support.csv', line),
    serial,
    contract: `C-${line}`,
    startDate: '2020-01-01',
    endDate: end,
  });
  it('reads coverage from support records by bound serial', () => {
    const r = runChecks(
      inputs({
        paks: [pak('P1', 'S1', 2), pak('P2', 'S2', 3), pak('P3', 'S3', 4)],
        support: [support('S1', '2027-01-01', 2), support('S2', '2025-01-01', 3)],
      }),
      catalog,
    );
    const byPak = Object.fromEntries(r.results['unactivated-pak']!.findings.map((f) => [f.pak, f]));
    expect(byPak.P1!.facts!.coverage).toBe('covered');
    expect(byPak.P1!.severity).toBe('low');
    expect(byPak.P2!.facts!.coverage).toBe('lapsed');
    expect(byPak.P2!.severity).toBe('high');
    expect(byPak.P3!.facts!.coverage).toBe('none-found');
  });

  it('finds no contract, rather than no file, when the load kept none of the support records the files held', () => {
    const kept = inputs({ paks: [pak('P1', 'S1', 2)], support: [] });
    const unknown = runChecks(kept, catalog).results['unactivated-pak']!;
    expect(unknown.findings[0]!.facts!.coverage).toBe('unknown');
    const r = runChecks({ ...kept, supportRecords: 3 }, catalog).results['unactivated-pak']!;
    expect(r.findings[0]!.facts!.coverage).toBe('none-found');
    expect((r.section.data as { coverageKnown: boolean }).coverageKnown).toBe(true);
  });

  it('prices a line from a per-unit price of its SKU, net of the discount, and leaves others unpriced', () => {
    const base = inputs({ paks: [pak('P1', 'S1', 2), { ...pak('P2', 'S2', 3), sku: 'Y-2' }] });
    base.config.pricing.discountPct = 25;
    base.prices = [{ source: src('contracts/prices.csv', 2), item: 'x-1', listPrice: 100, unit: 'each' }];
    const r = runChecks(base, catalog);
    const byPak = Object.fromEntries(r.results['unactivated-pak']!.findings.map((f) => [f.pak, f]));
    expect(byPak.P1!.amount).toBe(150);
    expect(byPak.P1!.evidence).toContainEqual(src('contracts/prices.csv', 2));
    expect(byPak.P2!.amount).toBeNull();
  });
});

describe('applyReclaims', () => {
  const pos = (
    va: string,
    type: string,
    inUse: number,
    reserved: number,
    balance: number,
  ): PositionBefore => ({
    virtualAccount: va,
    licenceKey: 'k',
    licence: 'K',
    licenceType: type,
    inUse,
    reserved,
    balance,
    afterTransfers: balance,
  });
  it('never reclaims more than is in use, and keeps reserved units for return codes', () => {
    const rows = applyReclaims(
      [pos('A', 'PERPETUAL', 3, 1, -1)],
      [
        {
          virtualAccount: 'A',
          licenceKey: 'k',
          quantity: 5,
          viaReturnCode: false,
          evidence: [],
          findingIds: [],
        },
        {
          virtualAccount: 'A',
          licenceKey: 'k',
          quantity: 4,
          viaReturnCode: true,
          evidence: [],
          findingIds: [],
        },
      ],
    );
    expect(rows[0]).toMatchObject({
      before: -1,
      reclaimed: 2,
      afterReclaim: 1,
      reclaimedViaReturnCode: 1,
      afterReturnCodes: 2,
    });
  });

  it('sends a reclaim of unstated type to the position shortest after transfers', () => {
    const rows = applyReclaims(
      [pos('A', 'PERPETUAL', 5, 0, 2), pos('A', 'TERM', 5, 0, -2)],
      [
        {
          virtualAccount: 'A',
          licenceKey: 'k',
          quantity: 1,
          viaReturnCode: false,
          evidence: [],
          findingIds: [],
        },
      ],
    );
    expect(rows.map((r) => r.reclaimed)).toEqual([0, 1]);
  });
});

describe('orphaned reservations', () => {
  it('is critical when the reserved licences are short in their VA, and only return codes fix it', () => {
    const r = runChecks(
      inputs({
        licences: [
          {
            source: src('cssm/licenses.csv', 2),
            virtualAccount: 'DC',
            licenceName: 'C9300 Network Advantage',
            licenceKey: 'c9300-network-advantage',
            known: true,
            purchased: 1,
            inUse: 2,
            reserved: 2,
            licenceType: 'PERPETUAL',
          },
        ],
        productInstances: [
          {
            source: src('cssm/product-instances.csv', 2),
            name: 'core-1',
            virtualAccount: 'DC',
            serial: 'FOC1',
            licences: [{ name: 'C9300 Network Advantage', licenceKey: 'c9300-network-advantage', count: 1 }],
            reservation: 'UNIVERSAL',
          },
        ],
        inventory: [{ ...inv('core-1', 'C9300-48P', 'FOC1', 2), status: 'decommissioned' }],
      }),
      catalog,
    );
    const f = r.results.orphaned!.findings[0]!;
    expect(f.severity).toBe('critical');
    const data = r.results.orphaned!.section.data as OrphanedData;
    expect(data.reclaimable).toEqual([]);
    expect(data.positions[0]).toMatchObject({
      before: -1,
      afterReclaim: -1,
      reclaimedViaReturnCode: 1,
      afterReturnCodes: 0,
    });
  });
});
