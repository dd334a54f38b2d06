import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyDeploymentMode } from '../../src/analysis/load/captures/classify.ts';
import { parseCaptureText } from '../../src/analysis/load/captures/parse.ts';
import { catalogFromTables } from '../../src/analysis/load/catalog.ts';

const sample = (name: string) => readFileSync(new URL(`./samples/${name}`, import.meta.url), 'utf8');
const one = (file: string, text: string) => {
  const r = parseCaptureText(file, text);
  expect(r.devices, JSON.stringify(r.sections)).toHaveLength(1);
  return { ...r, d: r.devices[0]! };
};

/** A minimal SLUP `show license status` with the given transport block. */
const slup = (host: string, transport: string) => `${host}#show license status
Smart Licensing Using Policy:
  Status: ENABLED

Account Information:
  Smart Account: Acme As of Nov 08 2023 19:33:46 UTC
  Virtual Account: Plant-North

Transport:
${transport}

Usage Reporting:
  Last ACK received: <none>
  Next ACK deadline: Feb 06 2024 19:33:46 UTC

Trust Code Installed: <none>
${host}#`;

/** A minimal classic Smart Licensing `show license status`. */
const classic = (
  host: string,
  registration: string,
  authorization: string,
  extra = '',
) => `${host}#show license status
Smart Licensing is ENABLED

Transport:
  Type: Smart
  URL: https://10.20.30.40/SmartTransport

Registration:
  Status: ${registration}
  Smart Account: Acme
  Virtual Account: DC

License Authorization:
  Status: ${authorization}
${extra}
${host}#`;

describe('multi-command capture with prompts', () => {
  const { d, sections } = one('captures/core-sw1.txt', sample('multi-command.txt'));
  it('lists every command section with its status', () => {
    expect(sections.map((s) => [s.command, s.line, s.status])).toEqual([
      ['terminal length 0', 1, 'unsupported'],
      ['show version', 2, 'parsed'],
      ['show license summary', 14, 'parsed'],
      ['show license status', 25, 'parsed'],
      ['show inventory', 50, 'unsupported'],
    ]);
    expect(sections[4]!.reason).toBe('unsupported command "show inventory" at line 50');
  });
  it('reads identity, OS and version from show version', () => {
    expect(d).toMatchObject({ hostname: 'core-sw1', pid: 'C9300-48P', serial: 'FOC2345X0AB', os: 'IOS-XE' });
    expect(d.osVersion).toBe('17.09.04a');
    expect(d.evidence.serial).toEqual({ file: 'captures/core-sw1.txt', line: 10 });
    // `core-sw1 uptime is …` states the hostname; the prompt (line 2) agrees.
    expect(d.evidence.hostname).toEqual({ file: 'captures/core-sw1.txt', line: 6 });
  });
  it('reads SLUP status: account, transport, ACKs, trust code', () => {
    expect(d).toMatchObject({
      era: 'slup',
      smartAccount: 'Acme Manufacturing',
      virtualAccount: 'Plant-North',
      accountAsOf: '2023-11-08',
      transportType: 'smart',
      transportUrl: 'https://smartreceiver.cisco.com/licservice/license',
      lastAck: '2023-11-08',
      nextAckDeadline: '2024-02-06',
      trustCode: 'installed 2023-03-15',
    });
    expect(d.evidence.transportUrl).toEqual({ file: 'captures/core-sw1.txt', line: 38 });
    expect(d.evidence.smartAccount!.line).toBe(16);
    expect(d.commands).toEqual(['show version', 'show license summary', 'show license status']);
  });
  it('reads the summary table', () => {
    expect(d.licences.map((l) => [l.name, l.entitlementTag, l.count, l.status, l.source.line])).toEqual([
      ['network-advantage', 'C9300-48 Network Advan...', 1, 'IN USE', 22],
      ['dna-advantage', 'C9300-48 DNA Advantage', 1, 'IN USE', 23],
    ]);
  });
  it('maps licence names to catalog keys when a catalog is given', () => {
    const catalog = catalogFromTables({
      licences: [
        {
          key: 'c9300-network-advantage',
          display_name: 'C9300 Network Advantage',
          names: 'network-advantage (C9300-48 Network Advantage)',
        },
      ],
    });
    const r = parseCaptureText('captures/core-sw1.txt', sample('multi-command.txt'), catalog);
    const [na, dna] = r.devices[0]!.licences;
    expect(na).toMatchObject({ licenceKey: 'c9300-network-advantage', known: true });
    expect(dna).toMatchObject({ known: false });
  });
  it('classifies the device as cloud, citing the URL line', () => {
    expect(classifyDeploymentMode(d)).toEqual({
      mode: 'cloud',
      reason: "transport URL https://smartreceiver.cisco.com/licservice/license is Cisco's cloud",
      evidence: { file: 'captures/core-sw1.txt', line: 38 },
    });
  });
});

describe('CRLF line endings, tabs and trailing spaces', () => {
  const { d, sections } = one('captures/edge-rtr2.txt', sample('crlf-tabs.txt'));
  it('splits and reads as if LF', () => {
    expect(sections.map((s) => [s.command, s.status])).toEqual([
      ['show license status', 'parsed'],
      ['show license udi', 'parsed'],
    ]);
    expect(d).toMatchObject({
      hostname: 'edge-rtr2',
      pid: 'ISR4451-X/K9',
      serial: 'FDO21520TGH',
      era: 'smart',
      transportType: 'callhome',
      registrationStatus: 'REGISTERED',
      smartAccount: 'Acme Manufacturing',
      virtualAccount: 'WAN',
      registrationExpires: '2025-03-13',
      authorizationStatus: 'OUT OF COMPLIANCE',
      authorizationDate: '2022-08-22',
      communicationDeadline: '2022-11-20',
      lastContact: '2022-08-22',
    });
    expect(d.evidence.serial).toEqual({ file: 'captures/edge-rtr2.txt', line: 21 });
  });
  it('callhome without a profile URL is unknown, and says what to capture', () => {
    expect(classifyDeploymentMode(d).mode).toBe('unknown');
    expect(classifyDeploymentMode(d).reason).toMatch(/call-home profile/);
  });
});

describe('deployment modes', () => {
  const mode = (text: string) => classifyDeploymentMode(one('captures/x.txt', text).d);
  it('SSM On-Prem: SLUP cslu address on the VA path of a customer host', () => {
    const m = mode(
      slup('a1', '  Type: cslu\n  Cslu address: https://ssm.acme.local/cslu/v1/pi/Plant-North-1'),
    );
    expect(m.mode).toBe('on-prem');
    expect(m.evidence!.line).toBe(11);
  });
  it('SSM On-Prem: legacy smart transport /SmartTransport', () => {
    expect(mode(classic('a2', 'REGISTERED', 'AUTHORIZED on Mar 13 08:09:28 2024 UTC')).mode).toBe('on-prem');
  });
  it('CSLU: cslu transport with an empty address', () => {
    const m = mode(slup('a3', '  Type: cslu\n  Cslu address: <empty>'));
    expect(m).toMatchObject({ mode: 'cslu', evidence: { line: 10 } });
  });
  it('CSLU: the CSLU app on port 8182', () => {
    expect(mode(slup('a4', '  Type: cslu\n  Cslu address: http://10.1.1.5:8182/cslu/v1/pi')).mode).toBe(
      'cslu',
    );
  });
  it('offline: transport off', () => {
    const r = one('captures/x.txt', slup('a5', '  Type: Transport Off'));
    expect(r.d.transportType).toBe('off');
    expect(r.d.ackNeverReceived).toBe(true);
    expect(classifyDeploymentMode(r.d).mode).toBe('offline');
  });
  it('SLR: registered with a specific licence reservation', () => {
    const r = one(
      'captures/x.txt',
      classic(
        'a6',
        'REGISTERED - SPECIFIC LICENSE RESERVATION',
        'AUTHORIZED - RESERVED on Mar 13 08:09:28 2024 UTC',
        '\nReservation Info\n================\nLicense reservation: ENABLED',
      ),
    );
    expect(r.d.reservation).toEqual({
      enabled: true,
      type: 'SPECIFIC',
      status: 'REGISTERED - SPECIFIC LICENSE RESERVATION',
    });
    expect(r.d.authorizationStatus).toBe('AUTHORIZED - RESERVED');
    expect(classifyDeploymentMode(r.d)).toMatchObject({ mode: 'slr', evidence: { line: 9 } });
  });
  it('PLR: universal licence reservation', () => {
    const r = one(
      'captures/x.txt',
      classic('a7', 'REGISTERED - UNIVERSAL LICENSE RESERVATION', 'AUTHORIZED - RESERVED'),
    );
    expect(r.d.reservation?.type).toBe('UNIVERSAL');
    expect(classifyDeploymentMode(r.d).mode).toBe('plr');
  });
  it('traditional licensing is unknown, with the reason', () => {
    const r = one(
      'captures/x.txt',
      'old-rtr#show license\nIndex 1 Feature: ipbasek9\n        Period left: Life time\n        License Type: Permanent\n        License State: Active, In Use\n        License Count: Non-Counted\nold-rtr#',
    );
    expect(r.d.era).toBe('traditional');
    expect(r.d.licences[0]).toMatchObject({ name: 'ipbasek9', count: 1, licenceType: 'Permanent' });
    expect(classifyDeploymentMode(r.d)).toMatchObject({
      mode: 'unknown',
      reason: expect.stringMatching(/traditional/),
    });
  });
});

describe('call-home transport', () => {
  const withProfile = (url: string) =>
    [
      'r1#show license status',
      'Smart Licensing is ENABLED',
      'Transport:',
      '  Type: Callhome',
      'r1#show call-home profile all',
      'Profile Name: CiscoTAC-1',
      '    Profile status: INACTIVE',
      '    Reporting Data: Smart Call Home, Smart Licensing',
      '    HTTP  address: https://tools.cisco.com/its/service/oddce/services/DDCEService',
      'Profile Name: licensing',
      '    Profile status: ACTIVE',
      '    Reporting Data: Smart Licensing',
      `    HTTP address(es): ${url}`,
      'r1#',
    ].join('\n');
  it('SSM On-Prem: the active licensing profile posts to a Transportgateway', () => {
    const r = one(
      'captures/r1.txt',
      withProfile('https://ssm.acme.local:8443/Transportgateway/services/DeviceRequestHandler'),
    );
    expect(r.sections.map((s) => s.status)).toEqual(['parsed', 'parsed']);
    expect(classifyDeploymentMode(r.d)).toMatchObject({ mode: 'on-prem', evidence: { line: 13 } });
  });
  it('cloud: the active licensing profile posts to tools.cisco.com', () => {
    const r = one(
      'captures/r1.txt',
      withProfile('https://tools.cisco.com/its/service/oddce/services/DDCEService'),
    );
    expect(classifyDeploymentMode(r.d).mode).toBe('cloud');
  });
});

describe('classic Smart Licensing authorization states', () => {
  it('EVAL MODE sets evaluation mode', () => {
    const r = one(
      'captures/x.txt',
      classic('e1', 'UNREGISTERED', 'EVAL MODE', '  Evaluation Period Remaining: 89 days, 1 hours'),
    );
    expect(r.d).toMatchObject({
      registrationStatus: 'UNREGISTERED',
      authorizationStatus: 'EVAL MODE',
      evaluationMode: true,
    });
    expect(r.d.evidence.evaluationMode!.line).toBe(14);
  });
  it('OUT OF COMPLIANCE keeps the status and date', () => {
    const r = one(
      'captures/x.txt',
      classic('e2', 'REGISTERED', 'OUT OF COMPLIANCE on Aug 22 18:58:17 2022 UTC'),
    );
    expect(r.d).toMatchObject({ authorizationStatus: 'OUT OF COMPLIANCE', authorizationDate: '2022-08-22' });
    expect(r.d.evaluationMode).toBeUndefined();
  });
  it('AUTHORIZATION EXPIRED keeps the status and date', () => {
    const r = one(
      'captures/x.txt',
      classic('e3', 'REGISTERED', 'AUTHORIZATION EXPIRED on Jan 02 2024 10:00:00 UTC'),
    );
    expect(r.d).toMatchObject({
      authorizationStatus: 'AUTHORIZATION EXPIRED',
      authorizationDate: '2024-01-02',
    });
  });
});
