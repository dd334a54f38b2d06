import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/analysis/load/catalog.ts';
import type { Finding } from '../../src/analysis/model/finding.ts';
import type { Report } from '../../src/analysis/model/report.ts';
import { buildClient } from '../../src/build/build-client.ts';
import { MemoryEffects } from '../../src/build/effects.ts';
import { generateClient } from '../../src/generate/generate.ts';
import { readLicenceCatalog, writeClientFolder } from '../../src/generate/io.ts';
import type { Planted } from '../../src/generate/planted.ts';
import { syntheticProfile } from '../../src/generate/profile.ts';

/**
 * A 20,000-device generated estate builds (analysis + CSV/JSON exports, no browser) and its
 * findings match what the generator planted (planted.json). Not timed: `npm run bench` times.
 */
const DEVICES = 20_000;
let root: string;
let planted: Planted;
let report: Report;
let effects: MemoryEffects;
const of = (family: Finding['family']) => report.findings.filter((f) => f.family === family);

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'trueup-scale-'));
  const folder = join(root, 'scale20k');
  writeClientFolder(
    folder,
    generateClient({
      id: 'scale20k',
      seed: '8',
      devices: DEVICES,
      profile: syntheticProfile('scale20k'),
      catalog: readLicenceCatalog(),
    }),
  );
  planted = JSON.parse(readFileSync(`${folder}.planted.json`, 'utf8')) as Planted;
  effects = new MemoryEffects();
  ({ report } = await buildClient(
    folder,
    await loadCatalog(),
    { out: join(root, 'out'), pdf: false },
    effects,
  ));
}, 600_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe(`a generated estate of ${DEVICES} devices`, () => {
  it('builds the exports, every row accounted for in the ledger', () => {
    const names = [...effects.files.keys()].map((f) => f.split('/').pop());
    expect(names).toEqual(expect.arrayContaining(['report.json', 'findings.csv', 'transfer-plan.csv']));
    for (const e of report.ledger) expect(e.rowsRead, e.file).toBe(e.rowsAccepted + e.rowsRejected);
    const csv = effects.files.get(join(root, 'out', 'scale20k', 'findings.csv')) as string;
    expect(csv.trimEnd().split('\n').length - 1).toBeGreaterThanOrEqual(report.findings.length);
  });

  it('pak-estate: one finding per active inventory device absent from CSSM', () => {
    expect(of('pak-estate').length).toBe(planted.pakEstate.activeDevicesAbsentFromCssm);
  });

  it('unactivated-pak: one finding per open PAK line not migrated', () => {
    expect(of('unactivated-pak').length).toBe(planted.unactivatedPak.openLinesNotMigrated);
  });

  it('va-imbalance: every planted shortage, and the hidden imbalances', () => {
    const va = of('va-imbalance');
    expect(va.length).toBe(planted.vaImbalance.shortages.length);
    for (const s of planted.vaImbalance.shortages)
      expect(va.some((f) => f.virtualAccount === s.virtualAccount && f.quantity === s.shortage)).toBe(true);
    const data = report.families['va-imbalance']?.data as { hiddenImbalances: number };
    expect(data.hiddenImbalances).toBe(planted.vaImbalance.hiddenImbalances.length);
  });

  it('orphaned: instances and reservations on retired devices, silent instances, node-locked PAK lines', () => {
    const kinds = new Map<string, Finding[]>();
    for (const f of of('orphaned')) {
      const k = String(f.facts?.kind);
      kinds.set(k, [...(kinds.get(k) ?? []), f]);
    }
    const n = (k: string) => kinds.get(k)?.length ?? 0;
    // an instance on a retired device is "reservation" when reserved, else "consuming"
    expect(n('consuming') + n('reservation')).toBe(planted.orphaned.instancesOnRetiredDevices);
    expect(n('reservation')).toBe(planted.orphaned.reservationsOnRetiredDevices);
    expect(n('silent')).toBe(planted.orphaned.silentInstancesAbsentFromInventory);
    // one finding per (PAK line, retired device); the planted count is per line, and a line
    // with a non-numeric quantity is rejected by the loader (planted as a data-quality row)
    const lines = new Set(
      (kinds.get('pak-node-locked') ?? []).map((f) =>
        f.evidence
          .filter((e) => e.file.startsWith('legacy/'))
          .map((e) => e.line)
          .join(),
      ),
    );
    const rejectedPakRows = planted.dataQuality.nonNumericQuantity.filter((r) =>
      r.startsWith('legacy/'),
    ).length;
    expect(lines.size).toBeLessThanOrEqual(planted.unactivatedPak.linesBoundToRetiredDevices);
    expect(lines.size).toBeGreaterThanOrEqual(
      planted.unactivatedPak.linesBoundToRetiredDevices - rejectedPakRows,
    );
  });

  it('cisco-one: every line classified; support gaps only on perpetual lines (term suites embed SWSS)', () => {
    const data = report.families['cisco-one']?.data as { lines: { swss: { status: string } }[] } | undefined;
    const lines = data?.lines ?? [];
    expect(lines.length).toBe(planted.ciscoOne.lines);
    const count = (s: string) => lines.filter((l) => l.swss.status === s).length;
    const perpetual = lines.length - count('embedded');
    expect(count('continuous') + count('grace') + count('lapsed')).toBe(perpetual);
    // planted gaps count every line, term ones included: the perpetual ones are a subset
    expect(count('lapsed')).toBeLessThanOrEqual(planted.ciscoOne.supportGapOver90);
    expect(count('grace')).toBeLessThanOrEqual(planted.ciscoOne.supportGapUnder90);
  });

  it('data-quality: the planted bad rows are reported', () => {
    const dq = report.families['data-quality'];
    const text = JSON.stringify(dq) + JSON.stringify(of('data-quality'));
    for (const ref of [
      ...planted.dataQuality.nonNumericQuantity,
      ...planted.dataQuality.balanceContradictions,
      ...planted.dataQuality.unknownLicenceNames,
    ]) {
      const [file, line] = ref.split(':');
      expect(text.includes(`"file":"${file}","line":${line}`) || text.includes(ref), ref).toBe(true);
    }
    expect(of('data-quality').length).toBeGreaterThan(0);
  });
});
