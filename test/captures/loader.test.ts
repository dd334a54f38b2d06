import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDeviceDate } from '../../src/analysis/load/captures/dates.ts';
import { loadCaptures } from '../../src/analysis/load/captures/loader.ts';
import { mergeDeviceCaptures } from '../../src/analysis/load/captures/merge.ts';
import { parseCaptureText } from '../../src/analysis/load/captures/parse.ts';
import { splitSections } from '../../src/analysis/load/captures/split.ts';
import { catalogFromTables } from '../../src/analysis/load/catalog.ts';
import { LOADERS } from '../../src/analysis/load/registry.ts';

const catalog = catalogFromTables({});
const bytes = (s: string) => new TextEncoder().encode(s);

describe('device dates', () => {
  it.each([
    ['Nov 08 2023 19:33:46 UTC', '2023-11-08'],
    ['Mar 15 16:47:50 2023 UTC', '2023-03-15'],
    ['AUTHORIZED on Mar 13 08:09:28 2024 UTC', '2024-03-13'],
    ['SA-Switching-Polaris As of Oct 14 12:10:01 2021 UTC', '2021-10-14'],
    ['.05:30:30.132 UTC Fri Oct 22 2021', '2021-10-22'],
    ['Aug 03 09:03:25 2024 est', '2024-08-03'],
    ['2026-11-15', '2026-11-15'],
  ])('%s → %s', (text, iso) => expect(parseDeviceDate(text)).toBe(iso));
  it.each(['<none>', 'None', 'Feb 30 2023', ''])('%s → undefined', (text) =>
    expect(parseDeviceDate(text)).toBeUndefined(),
  );
});

describe('prompts', () => {
  it('recognises IOS-XR, ASA, user-mode and config-mode prompts', () => {
    const text = [
      'RP/0/RSP0/CPU0:xr-pe1#show version',
      'Cisco IOS XR Software, Version 7.5.2',
      'fw09# sh ver',
      'Cisco Adaptive Security Appliance Software Version 9.14(2)14',
      'sw3>show license udi',
      'UDI: PID:C9200L-24P-4G,SN:JAE1234ABCD',
      'sw3(config)#do show license summary',
    ].join('\n');
    expect(splitSections(text).map((s) => [s.promptHost, s.rawCommand, s.line])).toEqual([
      ['xr-pe1', 'show version', 1],
      ['fw09', 'sh ver', 3],
      ['sw3', 'show license udi', 5],
    ]);
  });
  it('several hosts in one file are several devices', () => {
    const r = parseCaptureText(
      'captures/all.txt',
      'a1#show license udi\nUDI: PID:C9300-24P,SN:FOC1\na2#show license udi\nUDI: PID:C9300-24P,SN:FOC2\n',
    );
    expect(r.devices.map((d) => [d.hostname, d.serial])).toEqual([
      ['a1', 'FOC1'],
      ['a2', 'FOC2'],
    ]);
  });
  it('a file without prompts is recognised from its content, and from its name', () => {
    const r = parseCaptureText('captures/sw9/show-license-udi.txt', 'UDI: PID:C9300-24P,SN:FOC9\n');
    expect(r.sections).toEqual([{ command: 'show license udi', line: 1, status: 'parsed' }]);
    expect(r.devices[0]).toMatchObject({ pid: 'C9300-24P', serial: 'FOC9' });
  });
});

describe('merging captures of one device', () => {
  it('merges files that share a hostname or serial, keeping every file and the first evidence', () => {
    const a = parseCaptureText(
      'captures/sw1-ver.txt',
      'sw1#show license udi\nUDI: PID:C9300-24P,SN:FOC1\n',
    ).devices;
    const b = parseCaptureText(
      'captures/sw1-sum.txt',
      'sw1#show license summary\nLicense Usage:\n  License  Entitlement Tag  Count Status\n  ---\n  network-advantage (C9300-24 Network Advan...) 1 IN USE\n',
    ).devices;
    const c = parseCaptureText(
      'captures/other.txt',
      'UDI: PID:C9300-24P,SN:FOC1\n\nSmart Licensing Using Policy:\n  Status: ENABLED\n',
    ).devices;
    const merged = mergeDeviceCaptures([...a, ...b, ...c]);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ hostname: 'sw1', serial: 'FOC1', era: 'slup' });
    expect(merged[0]!.files).toEqual(['captures/sw1-ver.txt', 'captures/sw1-sum.txt', 'captures/other.txt']);
    expect(merged[0]!.licences).toHaveLength(1);
    // The summary's `IN USE` already says SLUP; the later explicit line does not move the evidence.
    expect(merged[0]!.evidence.era).toEqual({ file: 'captures/sw1-sum.txt', line: 5 });
  });
  it('keeps apart devices whose serials disagree, and factory-default hostnames', () => {
    const dev = (file: string, host: string, sn: string) =>
      parseCaptureText(file, `${host}#show license udi\nUDI: PID:C9300-24P,SN:${sn}\n`).devices;
    expect(
      mergeDeviceCaptures([...dev('a.txt', 'sw1', 'FOC1'), ...dev('b.txt', 'sw1', 'FOC2')]),
    ).toHaveLength(2);
    const bare = (file: string) =>
      parseCaptureText(file, 'Switch#show license status\nSmart Licensing is ENABLED\n').devices;
    expect(mergeDeviceCaptures([...bare('c.txt'), ...bare('d.txt')])).toHaveLength(2);
  });
  it('summary and usage of the same licence are one licence', () => {
    const r = parseCaptureText(
      'captures/sw2.txt',
      [
        'sw2#show license summary',
        '  License                 Entitlement Tag               Count Status',
        '  network-advantage       (C9300-48 Network Advan...)       1 IN USE',
        'sw2#show license usage',
        'network-advantage (C9300-48 Network Advantage):',
        '  Description: C9300-48 Network Advantage',
        '  Count: 1',
        '  Status: IN USE',
        '  License type: Perpetual',
      ].join('\n'),
    );
    expect(r.devices[0]!.licences).toEqual([
      {
        name: 'network-advantage',
        entitlementTag: 'C9300-48 Network Advan...',
        description: 'C9300-48 Network Advantage',
        count: 1,
        status: 'IN USE',
        licenceType: 'Perpetual',
        source: { file: 'captures/sw2.txt', line: 3 },
      },
    ]);
  });
});

describe('captures loader', () => {
  it('is registered for captures/**/*.txt', () => {
    const spec = LOADERS.find((l) => l.match('captures/site-a/sw1.txt'));
    expect(spec?.slot).toBe('captures');
    expect(LOADERS.find((l) => l.match('captures/sw1.log'))).toBeUndefined();
  });
  it('counts one row per command section: accepted, or rejected with line and reason', async () => {
    const text =
      'sw1#show license udi\nUDI: PID:C9300-24P,SN:FOC1\nsw1#show clock\n10:00:00 UTC\nsw1#show version\nsw1#';
    const { records, ledger } = await loadCaptures('captures/sw1.txt', bytes(text), catalog);
    expect(records).toHaveLength(1);
    const e = ledger.entry;
    expect([e.rowsRead, e.rowsAccepted, e.rowsRejected]).toEqual([3, 1, 2]);
    expect(e.rejections).toEqual([
      { line: 3, reason: 'unsupported command "show clock" at line 3' },
      { line: 5, reason: 'no output after the command' },
    ]);
    expect(e.notes).toEqual([
      { level: 'info', message: 'unsupported command "show clock" at line 3', line: 3 },
    ]);
  });
  it('rejects sections that never say which device they came from', async () => {
    const text = 'License Usage:\n  License  Entitlement Tag  Count Status\n  hseck9 (DNA_HSEC) 1 IN USE\n';
    const { records, ledger } = await loadCaptures('captures/x.txt', bytes(text), catalog);
    expect(records).toEqual([]);
    expect(ledger.entry.rejections[0]!.reason).toMatch(/^no device identity found/);
  });
  it('decodes UTF-16 and refuses binary files without throwing', async () => {
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...[...'sw1#show license udi\nUDI: PID:A,SN:B\n'].flatMap((c) => [c.charCodeAt(0), 0]),
    ]);
    expect((await loadCaptures('captures/u.txt', utf16, catalog)).records).toHaveLength(1);
    const bin = await loadCaptures('captures/b.txt', new Uint8Array([0, 1, 2, 3, 0, 0]), catalog);
    expect(bin.ledger.entry.fatal).toMatch(/binary/);
  });
  it('never throws, and rows read = accepted + rejected, on any text', async () => {
    const line = fc.oneof(
      fc.string(),
      fc.constantFrom(
        'sw1#show license all',
        'Status: ENABLED',
        'UDI: PID:X,SN:Y',
        'License Usage',
        '=====',
        'Handle: 1',
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 30 }),
        fc.constantFrom('\n', '\r\n'),
        async (lines, eol) => {
          const { ledger } = await loadCaptures('captures/f.txt', bytes(lines.join(eol)), catalog);
          const e = ledger.entry;
          expect(e.rowsRead).toBe(e.rowsAccepted + e.rowsRejected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('output pasted without prompts', () => {
  it('reads show version and show license status run together', () => {
    const text = [
      'Cisco IOS XE Software, Version 17.03.04',
      'cat9k-1 uptime is 3 weeks',
      'cisco C9300-24P (X86) processor with 1331521K/6147K bytes of memory.',
      'Processor board ID FOC1111A1AA',
      '',
      'Smart Licensing Using Policy:',
      '  Status: ENABLED',
      '',
      'Transport:',
      '  Type: cslu',
      '  Cslu address: <empty>',
    ].join('\n');
    const r = parseCaptureText('captures/cat9k-1.txt', text);
    expect(r.sections).toEqual([{ command: 'show version', line: 1, status: 'parsed' }]);
    expect(r.devices[0]).toMatchObject({
      hostname: 'cat9k-1',
      serial: 'FOC1111A1AA',
      era: 'slup',
      transportType: 'cslu',
    });
  });
  it('reads the 16.x summary layout (lower-case tag header, AUTHORIZED status)', () => {
    const text = [
      'sw5#show license summary',
      'Smart Licensing is ENABLED',
      '',
      'Registration:',
      '  Status: REGISTERED',
      '  Smart Account: Acme',
      '  Virtual Account: Campus',
      'License Authorization:',
      '  Status: AUTHORIZED',
      '',
      'License Usage:',
      '  License                 Entitlement tag               Count Status',
      '  -----------------------------------------------------------------------------',
      '  C9300 24P Network Ad... (C9300-24 Network Advan...)       1 AUTHORIZED',
    ].join('\n');
    const d = parseCaptureText('captures/sw5.txt', text).devices[0]!;
    expect(d).toMatchObject({
      era: 'smart',
      registrationStatus: 'REGISTERED',
      authorizationStatus: 'AUTHORIZED',
    });
    expect(d.licences.map((l) => [l.name, l.count, l.status])).toEqual([
      ['C9300 24P Network Ad...', 1, 'AUTHORIZED'],
    ]);
  });
});

describe('licence keys', () => {
  it('keys an unknown licence by its regid tag without the version suffix', () => {
    const text = [
      'c9600#show license tech support',
      'Handle: 1',
      '  License: network-essentials',
      '  Entitlement Tag: regid.2018-11.com.cisco.C9600-NW-E,1.0_5dd8378e-df2c-493a-9c7e-4966cbe34aa3',
      '  Description: C9600 Network Essentials',
      '  Count: 1',
      '  Status: IN USE(15)',
    ].join('\n');
    const l = parseCaptureText('captures/c9600.txt', text, catalog).devices[0]!.licences[0]!;
    expect(l).toMatchObject({ name: 'network-essentials', count: 1, status: 'IN USE', known: false });
    expect(l.licenceKey).toBe('unknown:regid.2018-11.com.cisco.c9600-nw-e');
  });
});

describe('ASA classic licensing', () => {
  it('reads the activation-key licence of show license all', () => {
    const text = [
      'asa5520# show license all',
      'Serial Number:  JMX0938K0C0',
      'Running Permanent Activation Key: 0x0 0x0 0x0 0x0 0x0',
      '',
      'Licensed features for this platform:',
      'Maximum Physical Interfaces       : Unlimited      perpetual',
      'Security Contexts                 : 2              perpetual',
      '',
      'This platform has an ASA 5520 VPN Plus license.',
    ].join('\n');
    const d = parseCaptureText('captures/asa5520.txt', text).devices[0]!;
    expect(d).toMatchObject({ hostname: 'asa5520', serial: 'JMX0938K0C0', era: 'traditional' });
    expect(d.licences.map((l) => [l.name, l.count, l.source.line])).toEqual([['ASA 5520 VPN Plus', 1, 9]]);
  });
});
