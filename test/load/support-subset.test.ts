import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLookedUp, supportLookups } from '../../src/analysis/checks/support-lookups.ts';
import { loadCatalog } from '../../src/analysis/load/catalog.ts';
import { type LoadOptions, loadClientFolder } from '../../src/analysis/load/client-folder.ts';
import { sourcesMade } from '../../src/analysis/load/file-source.ts';
import { loadSupport } from '../../src/analysis/load/support.ts';
import { packSupport, unpackSupport } from '../../src/analysis/load/support-packed.ts';
import type { Catalog } from '../../src/analysis/model/catalog.ts';
import type { CiscoOneRecord, PakRecord, SupportRecord } from '../../src/analysis/model/records.ts';
import { analyseInputs } from '../../src/analysis/report/build-report.ts';
import { generateClient } from '../../src/generate/generate.ts';
import { readLicenceCatalog, writeClientFolder } from '../../src/generate/io.ts';
import { syntheticProfile } from '../../src/generate/profile.ts';

/*
 * Service contracts are loaded by the capture pool's worker, which keeps only the records a check
 * can look up (support-lookups.ts). A generated estate of 2,000 devices has PAKs bound to
 * serials, Cisco ONE lines and support for most devices; the worker is forced on with a 0-byte
 * threshold (by default it starts from 4 MB of support files).
 */
let root: string;
let folder: string;
let catalog: Catalog;
const load = (opts: LoadOptions) => loadClientFolder(folder, catalog, undefined, opts);

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'trueup-support-'));
  folder = join(root, 'subset2k');
  catalog = await loadCatalog();
  writeClientFolder(
    folder,
    generateClient({
      id: 'subset2k',
      seed: '8',
      devices: 2000,
      profile: syntheticProfile('subset2k'),
      catalog: readLicenceCatalog(),
    }),
  );
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('support records kept by the load', () => {
  it('are those a check can look up, and the analysis is the same as from every record', async () => {
    const every = await load({ everySupportRecord: true });
    const kept = await load({ supportSubsetMinBytes: 0 });
    expect(every.supportRecords).toBeUndefined();
    expect(kept.supportRecords).toBe(every.support.length);
    expect(kept.support.length).toBeGreaterThan(0);
    expect(kept.support.length).toBeLessThan(every.support.length);
    // the same records, in the same order: the ones a check can look up
    const lookups = supportLookups(every.paks, every.ciscoOne);
    expect(kept.support).toEqual(every.support.filter((r) => isLookedUp(r, lookups)));
    expect(kept.ledger).toEqual(every.ledger);
    expect(kept.present).toEqual(every.present);
    expect(JSON.stringify(analyseInputs(kept, catalog))).toBe(JSON.stringify(analyseInputs(every, catalog)));
  }, 60_000);

  it('hashes the support files it loaded, as the main thread does', async () => {
    const a = new Map<string, string>();
    const b = new Map<string, string>();
    await load({ everySupportRecord: true, digests: a });
    await load({ supportSubsetMinBytes: 0, digests: b });
    expect(a.has('contracts/support.csv')).toBe(true);
    expect(b).toEqual(a);
  }, 60_000);

  it('are the same read a block at a time as read whole, on the main thread and on the worker', async () => {
    const whole = new Map<string, string>();
    const streamed = new Map<string, string>();
    const a = await load({ supportSubsetMinBytes: 0, streamMinBytes: Infinity, digests: whole });
    const before = sourcesMade;
    const b = await load({ supportSubsetMinBytes: 0, streamMinBytes: 0, digests: streamed });
    // every CSV but the service contracts (the worker's) was streamed on this thread
    const csvs = readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.csv') && !f.includes('support'),
    );
    expect(csvs.length).toBeGreaterThan(4);
    expect(sourcesMade - before).toBe(csvs.length);
    expect(b).toEqual(a);
    expect(streamed).toEqual(whole);
  }, 60_000);

  it('are every record when the worker cannot start, or the report is redacted', async () => {
    const every = await load({ everySupportRecord: true });
    const fallback = await load({ supportSubsetMinBytes: 0, workerUrl: new URL('file:///nonexistent.ts') });
    expect(fallback.support).toEqual(every.support);
    expect(fallback.supportRecords).toBeUndefined();
    const yaml = join(folder, 'client.yaml');
    const plain = readFileSync(yaml, 'utf8');
    try {
      expect(plain).toContain('redact: false');
      writeFileSync(yaml, plain.replace('redact: false', 'redact: true'));
      const redacted = await load({ supportSubsetMinBytes: 0 });
      expect(redacted.support.length).toBe(every.support.length);
    } finally {
      writeFileSync(yaml, plain);
    }
  }, 60_000);
});

describe('which support records a check can look up', () => {
  const ref = { file: 'x.csv', line: 2 };
  const support = (serial: string, contract: string): SupportRecord => ({
    source: ref,
    serial,
    contract,
    startDate: '2024-01-01',
    endDate: '2027-01-01',
  });
  const pak = (serial: string) => ({ boundUdis: [{ pid: 'C9300-48P', serial }] }) as PakRecord;
  const line = (serials: string[], swssContract?: string) =>
    ({ serials, ...(swssContract ? { swssContract } : {}) }) as CiscoOneRecord;

  it('by a PAK line’s bound serial, also where the support cell holds a whole UDI', () => {
    const l = supportLookups([pak('FOC1')], []);
    expect(isLookedUp(support('FOC1', 'C1'), l)).toBe(true);
    expect(isLookedUp(support('PID:C9300-48P SN:FOC1', 'C1'), l)).toBe(true);
    expect(isLookedUp(support('FOC2', 'C1'), l)).toBe(false);
  });

  it('by a Cisco ONE line’s serials, and by its contract only when it lists no serials', () => {
    const bySerial = supportLookups([], [line(['foc3'], 'K1')]);
    expect(isLookedUp(support('FOC3', 'K9'), bySerial)).toBe(true);
    expect(isLookedUp(support('FOC4', 'K1'), bySerial)).toBe(false);
    const byContract = supportLookups([], [line([], 'K1')]);
    expect(isLookedUp(support('FOC4', 'K1'), byContract)).toBe(true);
  });
});

describe('a support file loaded with a filter', () => {
  it('returns the records it keeps, and its ledger still accepts and rejects every row', async () => {
    const csv = [
      'Serial Number,Contract Number,Start Date,End Date',
      'FOC1,C1,2024-01-01,2027-01-01',
      'FOC2,C1,2024-01-01,2027-01-01',
      'FOC3,C1,2024-01-01,not a date',
    ].join('\n');
    const bytes = new TextEncoder().encode(csv);
    const all = await loadSupport('contracts/support.csv', bytes, catalog, 'DMY');
    const kept = await loadSupport(
      'contracts/support.csv',
      bytes,
      catalog,
      'DMY',
      (r) => r.serial === 'FOC2',
    );
    expect(kept.records.map((r) => r.serial)).toEqual(['FOC2']);
    expect(kept.records).toEqual(all.records.filter((r) => r.serial === 'FOC2'));
    expect(kept.ledger.entry).toEqual(all.ledger.entry);
    expect(kept.ledger.entry).toMatchObject({ rowsRead: 3, rowsAccepted: 2, rowsRejected: 1 });
  });
});

describe('support records packed for the main thread', () => {
  it('come back with every field, in the order and shape the loader makes them', async () => {
    const csv = [
      'Serial Number,Contract Number,Start Date,End Date,PID,Service Level',
      'FOC1,C1,2024-01-01,2027-01-01,C9300-48P,SWSS',
      'FOC2,C1,2024-01-01,2027-01-01,,',
      'FOC3,C2,2024-02-01,2027-02-01,C9300-48P,SNT 8X5XNBD',
    ].join('\n');
    const { records } = await loadSupport(
      'contracts/support.csv',
      new TextEncoder().encode(csv),
      catalog,
      'DMY',
    );
    const back = unpackSupport(structuredClone(packSupport(records)));
    // JSON and own keys: a field absent, or undefined, where the loader has it so, not just equal
    expect(JSON.stringify(back)).toBe(JSON.stringify(records));
    expect(back.map((r) => Object.keys(r))).toEqual(records.map((r) => Object.keys(r)));
    expect(back.map((r) => r.source)).toEqual(records.map((r) => r.source));
    // each distinct text crosses once: the three records share their file, contract and PID
    const { strings } = packSupport(records);
    for (const shared of ['contracts/support.csv', 'C1', 'C9300-48P'])
      expect(strings.filter((s) => s === shared)).toHaveLength(1);
  });
});
