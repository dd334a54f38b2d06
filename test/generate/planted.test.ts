import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readLicenceCatalog } from '../../src/generate/io.ts';
import { days, generateToDisk, licenceList, listCaptures, readCsv } from './helpers.ts';

/** Recompute every planted count from the written files alone (no analysis code involved). */
describe.each([
  { id: 'demo', seed: 'northwind-2026', devices: 350, demo: true },
  { id: 'synthetic', seed: '11', devices: 2500, demo: false },
])('planted counts match the files ($id)', (opts) => {
  const { folder, planted } = generateToDisk(opts);
  const asOf = planted.client.asOf;
  const lic = readCsv(folder, 'cssm/licenses.csv').rows;
  const pis = readCsv(folder, 'cssm/product-instances.csv').rows;
  const inv = readCsv(folder, 'inventory/cmdb.csv').rows;
  const tx = readCsv(folder, 'cssm/transactions.csv').rows;
  const paks = readCsv(folder, 'legacy/paks.csv').rows;
  const c1 = readCsv(folder, 'contracts/cisco-one.csv').rows;
  const support = readCsv(folder, 'contracts/support.csv').rows;
  const prices = readCsv(folder, 'contracts/prices.csv').rows;
  const catalog = readLicenceCatalog();
  const known = new Set(catalog.map((c) => c.displayName));
  const udi = (r: Record<string, string>) => `${r.PID}:${r['Serial Number']}`;
  const invByUdi = new Map(inv.map((r) => [udi(r), r]));
  const registered = new Set(pis.map(udi));

  it('client.yaml has the contract keys', () => {
    const y = parse(readFileSync(join(folder, 'client.yaml'), 'utf8'));
    expect(y).toMatchObject({
      asOf: '2026-11-15',
      currency: 'EUR',
      agreement: { type: 'EA', growthAllowancePct: 20 },
    });
    expect(y.pricing).toEqual({ discountPct: 42, swssUpliftPct: 18 });
  });

  it('In Use and Reserved are sums over product instances; transactions add up to Purchased', () => {
    const use = new Map<string, number>();
    const reserved = new Map<string, number>();
    for (const r of pis) {
      for (const [name, n] of licenceList(r.Licenses!)) {
        const k = `${r['Virtual Account']}|${name}`;
        use.set(k, (use.get(k) ?? 0) + n);
        if (r.Reservation !== 'none') reserved.set(k, (reserved.get(k) ?? 0) + n);
      }
    }
    const bought = new Map<string, number>();
    for (const t of tx) {
      const k = `${t['Virtual Account']}|${t.License}`;
      bought.set(k, (bought.get(k) ?? 0) + Number(t.Quantity));
    }
    for (const r of lic) {
      const k = `${r['Virtual Account']}|${r.License}`;
      expect(Number(r['In Use']), k).toBe(use.get(k) ?? 0);
      expect(Number(r.Reserved), k).toBe(reserved.get(k) ?? 0);
      expect(Number(r.Reserved)).toBeLessThanOrEqual(Number(r['In Use']));
      expect(bought.get(k) ?? 0, k).toBe(Number(r.Purchased));
    }
    expect(lic.length).toBe(new Set(lic.map((r) => `${r['Virtual Account']}|${r.License}`)).size);
  });

  it('VA shortages, hidden imbalances and residual shortages', () => {
    const named = lic.filter((r) => known.has(r.License!));
    const short = named
      .filter((r) => Number(r['In Use']) > Number(r.Purchased))
      .map((r) => ({
        virtualAccount: r['Virtual Account'],
        licence: r.License,
        shortage: Number(r['In Use']) - Number(r.Purchased),
      }));
    expect(short).toEqual(planted.vaImbalance.shortages);
    const total = (l: string) =>
      named.filter((r) => r.License === l).reduce((s, r) => s + Number(r.Purchased) - Number(r['In Use']), 0);
    const licences = [...new Set(short.map((s) => s.licence!))];
    expect(licences.filter((l) => total(l) >= 0).sort()).toEqual(
      planted.vaImbalance.hiddenImbalances.map((h) => h.licence),
    );
    expect(licences.filter((l) => total(l) < 0).sort()).toEqual(
      planted.vaImbalance.residualShortages.map((h) => h.licence),
    );
    expect(planted.vaImbalance.hiddenImbalances.length).toBeGreaterThan(0);
    expect(planted.vaImbalance.residualShortages.length).toBeGreaterThan(0);
    expect(planted.vaImbalance.reserved.length).toBeGreaterThan(0);
  });

  it('inventory devices absent from CSSM', () => {
    const absent = (status: string) =>
      inv.filter((r) => r.Status === status && !registered.has(udi(r))).length;
    expect(absent('active')).toBe(planted.pakEstate.activeDevicesAbsentFromCssm);
    expect(absent('spare')).toBe(planted.pakEstate.sparesAbsentFromCssm);
    expect(planted.pakEstate.activeDevicesAbsentFromCssm).toBeGreaterThan(0);
  });

  it('orphaned entitlements', () => {
    const retired = (r: Record<string, string>) =>
      ['retired', 'decommissioned'].includes(invByUdi.get(udi(r))?.Status ?? '');
    const onRetired = pis.filter(retired);
    expect(onRetired.length).toBe(planted.orphaned.instancesOnRetiredDevices);
    expect(onRetired.filter((r) => r.Reservation !== 'none').length).toBe(
      planted.orphaned.reservationsOnRetiredDevices,
    );
    expect(planted.orphaned.reservationsOnRetiredDevices).toBeGreaterThan(0);
    const silent = pis.filter(
      (r) => !invByUdi.has(udi(r)) && r['Last Contact'] && days(r['Last Contact'], asOf) > 90,
    );
    expect(silent.length).toBe(planted.orphaned.silentInstancesAbsentFromInventory);
  });

  it('PAK lines: open and not migrated, migrated, bound to retired UDIs', () => {
    const migrated = new Set(tx.filter((t) => t.Source === 'PAK Migration').map((t) => t['PAK #']));
    expect(migrated.size).toBe(planted.unactivatedPak.paksMigrated);
    const open = paks.filter((p) => p.Status !== 'Fulfilled' && !migrated.has(p.PAK!));
    expect(open.length).toBe(planted.unactivatedPak.openLinesNotMigrated);
    expect(open.length).toBeGreaterThan(0);
    const bound = paks.filter((p) =>
      (p['Bound UDI'] ?? '')
        .split(';')
        .filter(Boolean)
        .some((u) => ['retired', 'decommissioned'].includes(invByUdi.get(u)?.Status ?? '')),
    );
    expect(bound.length).toBe(planted.unactivatedPak.linesBoundToRetiredDevices);
  });

  it('Cisco ONE SWSS gaps from support.csv', () => {
    let over = 0;
    let under = 0;
    for (const line of c1) {
      const serials = line.Serials!.split(';');
      expect(serials.length).toBe(Number(line.Quantity));
      const periods = support
        .filter((s) => s['Serial Number'] === serials[0])
        .sort((a, b) => a['Start Date']!.localeCompare(b['Start Date']!));
      let gap = 0;
      for (let i = 1; i < periods.length; i++)
        gap = Math.max(gap, days(periods[i - 1]!['End Date']!, periods[i]!['Start Date']!) - 1);
      expect(periods.at(-1)!['End Date']! > asOf).toBe(true);
      if (gap > 90) over++;
      else if (gap > 0) under++;
    }
    expect([over, under]).toEqual([planted.ciscoOne.supportGapOver90, planted.ciscoOne.supportGapUnder90]);
  });

  it('deployment modes of product instances', () => {
    const modes = { cloud: 0, onprem: 0, cslu: 0, slr: 0, plr: 0, offline: 0 };
    for (const r of pis) {
      const t = r.Transport!;
      if (r.Reservation === 'SPECIFIC') modes.slr++;
      else if (r.Reservation === 'UNIVERSAL') modes.plr++;
      else if (t.includes('smartreceiver.cisco.com')) modes.cloud++;
      else if (/\/cslu\/v1\/pi\/|\/SmartTransport/.test(t)) modes.onprem++;
      else if (t === 'cslu') modes.cslu++;
      else if (t === 'off') modes.offline++;
    }
    expect(modes).toEqual(planted.deploymentModes);
  });

  it('captures: eras and risk flags', () => {
    const files = listCaptures(folder);
    expect(files.length).toBe(planted.captures.files);
    const texts = files.map((f) => readFileSync(join(folder, 'captures', f), 'utf8'));
    const count = (re: RegExp) => texts.filter((t) => re.test(t)).length;
    expect(count(/Smart Licensing Using Policy:\n {2}Status: ENABLED/)).toBe(planted.captures.byEra.slup);
    expect(count(/^Smart Licensing is ENABLED/m)).toBe(planted.captures.byEra.smart);
    expect(count(/#show license\n/)).toBeLessThanOrEqual(planted.captures.byEra.traditional);
    expect(count(/Status: EVAL MODE/)).toBe(planted.captures.evalMode);
    expect(count(/Status: OUT OF COMPLIANCE on/)).toBe(planted.captures.outOfCompliance);
    const unreserved = texts.filter((t) => !t.includes('License reservation: ENABLED'));
    expect(unreserved.filter((t) => t.includes('Last ACK received: <none>')).length).toBe(
      planted.captures.ackNever,
    );
    const deadlines = texts.flatMap((t) => {
      const m = /Next ACK deadline: (\w{3}) (\d{2}) [\d:]+ (\d{4})/.exec(t);
      return m ? [new Date(`${m[1]} ${m[2]} ${m[3]} UTC`).toISOString().slice(0, 10)] : [];
    });
    expect(deadlines.filter((d) => d < asOf).length).toBe(planted.captures.ackDeadlinePassed);
    for (const t of texts) expect(t.startsWith(`${/^(\S+)#/.exec(t)![1]}#show version\n`)).toBe(true);
    const ackAges = texts.flatMap((t) => {
      const m = /Last ACK received: (\w{3}) (\d{2}) [\d:]+ (\d{4})/.exec(t);
      return m ? [days(new Date(`${m[1]} ${m[2]} ${m[3]} UTC`).toISOString().slice(0, 10), asOf)] : [];
    });
    expect(ackAges.filter((a) => a > 90).length).toBe(planted.captures.ackOlderThan90);
    expect(ackAges.filter((a) => a > 180).length).toBe(planted.captures.ackOlderThan180);
  });

  it('data-quality plants sit on the lines planted.json names', () => {
    const line = (ref: string) => {
      const [file, n] = ref.split(':');
      return readCsv(folder, file!).rows[Number(n) - 2]!;
    };
    const dq = planted.dataQuality;
    expect(dq.nonNumericQuantity).toHaveLength(1);
    expect(Number.isNaN(Number(line(dq.nonNumericQuantity[0]!).Quantity))).toBe(true);
    for (const ref of dq.balanceContradictions) {
      const r = line(ref);
      expect(Number(r.Balance)).not.toBe(Number(r.Purchased) - Number(r['In Use']));
    }
    expect(dq.balanceContradictions).toHaveLength(1);
    expect(lic.filter((r) => Number(r.Balance) !== Number(r.Purchased) - Number(r['In Use']))).toHaveLength(
      1,
    );
    expect(dq.unknownLicenceNames.map((ref) => line(ref).License).filter((n) => known.has(n!))).toEqual([]);
    const vasBySerial = new Map<string, Set<string>>();
    for (const r of pis)
      vasBySerial.set(
        r['Serial Number']!,
        (vasBySerial.get(r['Serial Number']!) ?? new Set()).add(r['Virtual Account']!),
      );
    const twice = [...vasBySerial.values()].filter((v) => v.size > 1).length;
    expect(twice).toBe(dq.serialsInTwoVas.length);
    expect(twice).toBe(1);
  });

  it('the unpriced licence is absent from the price list', () => {
    expect(planted.exposure.unpricedLicences.length).toBeGreaterThan(0);
    for (const name of planted.exposure.unpricedLicences) {
      const entry = catalog.find((c) => c.displayName === name)!;
      const items = new Set(prices.map((p) => p.SKU));
      expect([name, ...entry.skus].some((n) => items.has(n))).toBe(false);
    }
  });
});
