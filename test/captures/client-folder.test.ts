import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/analysis/load/catalog.ts';
import { loadClientFolder } from '../../src/analysis/load/client-folder.ts';
import type { ClientInputs } from '../../src/analysis/load/client-inputs.ts';

let root: string;
let inputs: ClientInputs;

beforeAll(async () => {
  root = join(await mkdtemp(join(tmpdir(), 'trueup-captures-')), 'acme');
  await mkdir(join(root, 'cssm'), { recursive: true });
  await mkdir(join(root, 'captures', 'plant-north'), { recursive: true });
  await writeFile(join(root, 'client.yaml'), 'name: Acme\nasOf: 2026-11-15\ncurrency: EUR\n');
  await writeFile(
    join(root, 'cssm', 'licenses.csv'),
    'Virtual Account,License,Purchased,In Use\nPlant-North,C9300 Network Advantage,10,2\n',
  );
  await writeFile(
    join(root, 'captures', 'plant-north', 'sw1-version.txt'),
    'sw1#show version\nCisco IOS XE Software, Version 17.09.04a\nsw1 uptime is 3 weeks\nProcessor board ID FOC1\n',
  );
  await writeFile(
    join(root, 'captures', 'plant-north', 'sw1-licence.txt'),
    [
      'sw1#show license summary',
      'License Usage:',
      '  License                 Entitlement Tag               Count Status',
      '  -----------------------------------------------------------------------------',
      '  network-advantage       (C9300-48 Network Advan...)       1 IN USE',
      'sw1#show platform',
      'Chassis type: C9300-48P',
      'sw1#',
    ].join('\r\n'),
  );
  await writeFile(join(root, 'captures', 'notes.txt'), 'Captured by the network team on 14 Nov.\n');
  inputs = await loadClientFolder(root, await loadCatalog());
});

afterAll(async () => {
  await rm(join(root, '..'), { recursive: true, force: true });
});

describe('captures in a client folder', () => {
  it('merges the files of one device into one record, with catalog keys', () => {
    expect(inputs.captures).toHaveLength(1);
    const d = inputs.captures[0]!;
    expect(d).toMatchObject({ hostname: 'sw1', serial: 'FOC1', osVersion: '17.09.04a' });
    expect(d.files).toEqual(['captures/plant-north/sw1-licence.txt', 'captures/plant-north/sw1-version.txt']);
    expect(d.licences[0]).toMatchObject({ licenceKey: 'c9300-network-advantage', known: true });
    expect(inputs.present).toContain('captures');
  });
  it('accounts for every command section in the ledger', () => {
    const byFile = Object.fromEntries(
      inputs.ledger.filter((e) => e.kind === 'captures').map((e) => [e.file, e]),
    );
    expect(byFile['captures/plant-north/sw1-licence.txt']).toMatchObject({
      rowsRead: 2,
      rowsAccepted: 1,
      rowsRejected: 1,
      rejections: [{ line: 6, reason: 'unsupported command "show platform" at line 6' }],
    });
    expect(byFile['captures/notes.txt']).toMatchObject({ rowsRead: 1, rowsAccepted: 0, rowsRejected: 1 });
    expect(byFile['captures/notes.txt']!.rejections[0]!.reason).toMatch(
      /no prompt and matches no supported command/,
    );
  });
});
