import { describe, expect, it } from 'vitest';
import { parseCaptureText } from '../../src/analysis/load/captures/parse.ts';
import type { DeviceCapture } from '../../src/analysis/model/capture.ts';
import { CORPUS_PRESENT, MISSING_MESSAGE, readExpected, readSample, samples } from './corpus.ts';
import { type Known, known } from './expected.ts';

const ALL = samples();
// Non-Cisco `show version` outputs (JunOS, Gaia, Viptella, AP) are negatives: refused, not parsed.
const NOT_CISCO = /golden_output_(junos|gaia|viptella|wireless_ap)_/;

/** IOS-XE prints `17.05.01a`, genieparser says `17.5.1a`: compare without leading zeros. */
const normVersion = (v: string) =>
  v
    .replace(/\[.*$|\s.*$/, '')
    .split('.')
    .map((p) => p.replace(/^0+(?=\w)/, ''))
    .join('.')
    .toLowerCase();

function compare(d: DeviceCapture, k: Known, engineeringBuild: boolean): void {
  const checks: [keyof Known, string | undefined][] = [
    ['hostname', d.hostname],
    ['serial', d.serial],
    ['pid', d.pid],
    ['os', d.os],
    ['registrationStatus', d.registrationStatus],
    ['authorizationStatus', d.authorizationStatus],
    ['transportType', d.transportType],
    ['transportUrl', d.transportUrl],
    ['callHomeUrl', d.callHomeUrl],
    ['smartAccount', d.smartAccount],
    ['virtualAccount', d.virtualAccount],
    ['lastAck', d.lastAck],
    ['nextAckDeadline', d.nextAckDeadline],
  ];
  for (const [key, ours] of checks) {
    const theirs = k[key] as string | undefined;
    if (theirs === undefined) continue;
    // NX-OS ACI prints the PID (`N9K-C9396PX`) where ntc-templates keeps the model (`C9396PX`).
    if (key === 'pid' && d.os === 'NX-OS' && ours?.endsWith(`-${theirs}`)) continue;
    expect(ours?.toLowerCase(), key).toBe(theirs.toLowerCase());
  }
  // Engineering builds (`Version BLD_…`) have no release number: genieparser's generic and IOS-XE
  // parsers disagree with each other there (17.06.01 vs 17.6.20210302:012459), so skip them.
  if (k.version && !engineeringBuild)
    expect(normVersion(d.osVersion ?? ''), 'version').toBe(normVersion(k.version));
  if (k.members) expect(d.members.map((m) => m.serial).sort()).toEqual([...k.members].sort());
  if (k.licences) {
    const ours = d.licences.map((l) => ({ name: l.name, count: l.count }));
    const theirs = k.licences.map((l) => (l.count === undefined ? { name: l.name } : l));
    expect(
      ours.map((l, i) => (theirs[i]?.count === undefined ? { name: l.name } : l)),
      'licences',
    ).toEqual(theirs);
  }
}

describe('device-capture corpus', () => {
  it('finds the shared corpus', () => {
    expect(CORPUS_PRESENT, MISSING_MESSAGE).toBe(true);
    expect(ALL.length).toBeGreaterThan(100);
  });

  for (const s of ALL) {
    it(`${s.path}`, () => {
      const text = readSample(s);
      const r = parseCaptureText(s.path, text);
      const records = [...r.devices, ...r.anonymous];
      expect(r.sections.length).toBeGreaterThan(0);
      if (text.trim() === '') {
        expect(r.sections.map((x) => x.status)).toEqual(['empty']);
        return;
      }
      if (NOT_CISCO.test(s.path) || s.command.includes('|')) {
        expect(records).toEqual([]);
        expect(r.sections.every((x) => x.status === 'unsupported' && x.reason)).toBe(true);
        return;
      }
      expect(records.length, JSON.stringify(r.sections)).toBeGreaterThan(0);
      expect(r.sections.filter((x) => x.status === 'parsed').map((x) => x.command)).toContain(s.command);
      const k = known(s, readExpected(s));
      if (k)
        compare(
          records[0]!,
          k,
          s.source === 'genieparser' && s.os === 'generic' && /XE Software, Version \D/.test(text),
        );
    });
  }
});
