import type { DeviceCapture } from '../../model/capture.ts';
import type { SourceRef } from '../../model/evidence.ts';
import { readAsaLicenceLines } from './asa-nxos.ts';
import { addMember, setEra, setField } from './draft.ts';
import type { CaptureLine } from './split.ts';

type Os = 'IOS' | 'IOS-XE' | 'IOS-XR' | 'NX-OS' | 'ASA';

/**
 * `show version` on IOS, IOS-XE, IOS-XR, NX-OS and ASA: hostname, OS and version, chassis PID and
 * serial (stack members when several), and the licence lines it prints (boot level, technology
 * packages, `Smart Licensing Status:`). Non-Cisco output (JunOS, Gaia, …) yields nothing.
 */
export function readShowVersion(lines: readonly CaptureLine[], file: string, d: DeviceCapture): void {
  const os = detectOs(lines);
  if (!os) return;
  setField(d, 'os', os.os, { file, line: os.line.line });
  const ver = versionOf(os.os, lines);
  if (ver) setField(d, 'osVersion', ver.version, { file, line: ver.line });
  const models: { pid: string; at: SourceRef }[] = [];
  const serials: { serial: string; at: SourceRef }[] = [];
  for (const l of lines) {
    const at = { file, line: l.line };
    const t = l.text.trim();
    readIdentity(os.os, t, at, d, models, serials);
    readLicenceLines(t, at, d);
  }
  if (serials.length > 1) {
    // Stacks print `Model Number` / `System Serial Number` once per member, in the same order.
    serials.forEach((s, i) => {
      addMember(d, { pid: models[i]?.pid ?? models[0]?.pid ?? '', serial: s.serial }, s.at);
    });
  }
  if (models[0]) setField(d, 'pid', models[0].pid, models[0].at);
  if (serials[0]) setField(d, 'serial', serials[0].serial, serials[0].at);
  if (os.os === 'ASA') readAsaLicenceLines(lines, file, d);
  readTechnologyPackages(lines, file, d);
}

function detectOs(lines: readonly CaptureLine[]): { os: Os; line: CaptureLine } | undefined {
  const rules: [RegExp, Os][] = [
    [/Cisco IOS XR Software/i, 'IOS-XR'],
    [
      /Cisco Nexus Operating System|^\s*NXOS: version|Cisco NX-OS|^\s*system:\s+version\s|^\s*cisco Nexus/i,
      'NX-OS',
    ],
    [/Cisco Adaptive Security Appliance Software Version/i, 'ASA'],
    [/Cisco IOS XE Software|IOS-XE Software/i, 'IOS-XE'],
    [/Cisco IOS Software|^\s*IOS \(tm\)/i, 'IOS'],
  ];
  // every rule needs one of these words: one pass over the lines instead of a scan per rule
  const candidates = lines.filter((l) => OS_WORDS.test(l.text));
  for (const [re, os] of rules) {
    const line = candidates.find((l) => re.test(l.text));
    if (line) return { os, line };
  }
  return undefined;
}

const OS_WORDS = /cisco|ios|nxos|system/i;

function versionOf(os: Os, lines: readonly CaptureLine[]): { version: string; line: number } | undefined {
  const find = (re: RegExp) => {
    for (const l of lines) {
      const m = re.exec(l.text);
      if (m) return { version: m[1]!, line: l.line };
    }
    return undefined;
  };
  switch (os) {
    case 'IOS-XR':
      return find(/Cisco IOS XR Software, Version\s+([\w.()-]+?)(?:\[|\s|$)/i);
    case 'NX-OS':
      return find(/^\s*(?:NXOS|system):\s+version\s+(\S+)/i);
    case 'ASA':
      return find(/Cisco Adaptive Security Appliance Software Version\s+(\S+)/i);
    case 'IOS-XE': {
      // Release builds say `Version 17.03.04`; engineering builds put the number on the IOS line.
      const xe = find(/Cisco IOS XE Software, Version\s+(\d+\.[\w.()]*)/i);
      return xe ?? find(/(?:Cisco IOS Software|IOS \(tm\)).*?Version\s+(\d[^,\s]*)/i);
    }
    case 'IOS':
      return find(/(?:Cisco IOS Software|IOS \(tm\)).*?Version\s+(\d[^,\s]*)/i);
  }
}

function readIdentity(
  os: Os,
  t: string,
  at: SourceRef,
  d: DeviceCapture,
  models: { pid: string; at: SourceRef }[],
  serials: { serial: string; at: SourceRef }[],
): void {
  const m = (re: RegExp) => re.exec(t)?.[1];
  if (os === 'NX-OS') {
    setField(d, 'hostname', m(/^Device name:\s*(\S+)/i), at);
    // `cisco Nexus9000 C9396PX Chassis` prints the model without its `N9K-` PID prefix; ACI prints the PID.
    setField(d, 'pid', m(/^cisco\s+(?:Nexus\s*\d*\s+)?(\S+)\s+Chassis/i) ?? m(/^cisco\s+(N\dK-\S+)/i), at);
    setField(d, 'serial', m(/^Processor Board ID\s+(\S+)/i), at);
    return;
  }
  if (os === 'ASA') {
    const host = m(/^(\S+)\s+up\s+\d/);
    if (host && !/^failover$/i.test(host)) setField(d, 'hostname', host, at);
    setField(d, 'pid', m(/^Hardware:\s*([^,\s]+)/i), at);
    setField(d, 'serial', m(/^Serial Number:\s*(\S+)/i), at);
    return;
  }
  const host = m(/^(\S+)\s+uptime is\s/);
  if (host && !/^(kernel|system)$/i.test(host)) setField(d, 'hostname', host, at);
  const model = m(/^Model Number\s*:\s*(\S+)/i);
  if (model) models.push({ pid: model, at });
  const serial = m(/^System Serial Number\s*:\s*(\S+)/i);
  if (serial) serials.push({ serial, at });
  const pid = m(/^[Cc]isco\s+(\S+)\s+(?:\(.*?\)\s+)?(?:processor|with)\b/);
  if (pid && !/^IOS(-X[ER])?$/i.test(pid)) setField(d, 'pid', pid, at);
  setField(d, 'serial', m(/^Processor board ID\s+([^\s,]+)/i), at);
}

function readLicenceLines(t: string, at: SourceRef, d: DeviceCapture): void {
  const status = /^Smart Licensing Status:\s*(.*)$/i.exec(t)?.[1]?.trim();
  if (status !== undefined) {
    if (/Using Policy/i.test(status)) setEra(d, 'slup', at);
    else {
      setEra(d, 'smart', at);
      // `UNREGISTERED/EVAL MODE`: registration / authorization, as `show license status` would say.
      const [reg, auth] = status.split('/').map((s) => s.trim());
      if (reg && !/not applicable/i.test(reg)) setField(d, 'registrationStatus', reg, at);
      if (auth && !/not applicable/i.test(auth)) setField(d, 'authorizationStatus', auth, at);
      if (/EVAL/i.test(auth ?? '')) setField(d, 'evaluationMode', true, at);
    }
    return;
  }
  const level = /^License Level:\s*(\S+)(?:\s+Type:\s*(.*))?$/i.exec(t);
  if (level && level[1] !== 'License') {
    addLevel(d, level[1]!, at);
    if (level[2]) readLicenceType(level[2], at, d);
    return;
  }
  const type = /^License Type:\s*(.*)$/i.exec(t)?.[1];
  if (type && type !== 'Type') readLicenceType(type, at, d);
}

function readLicenceType(type: string, at: SourceRef, d: DeviceCapture): void {
  if (/smart/i.test(type)) setEra(d, 'smart', at);
  else if (/permanent|right.?to.?use|eval|temporary|extension/i.test(type)) setEra(d, 'traditional', at);
  if (/^eval/i.test(type.trim())) setField(d, 'evaluationMode', true, at);
}

function addLevel(d: DeviceCapture, level: string, at: SourceRef): void {
  if (/^none$/i.test(level)) return;
  d.licenceLevels ??= [];
  if (!d.licenceLevels.includes(level)) d.licenceLevels.push(level);
  d.evidence.licenceLevels ??= at;
}

/** `Technology Package License Information` table: rows of `[technology] current type next-reboot`. */
function readTechnologyPackages(lines: readonly CaptureLine[], file: string, d: DeviceCapture): void {
  const start = lines.findIndex((l) => /^Technology Package License Information/i.test(l.text.trim()));
  if (start < 0) return;
  let dashes = 0;
  for (const l of lines.slice(start + 1)) {
    const t = l.text.trim();
    if (/^-{5,}$/.test(t)) {
      dashes++;
      continue;
    }
    if (dashes < 2) continue;
    if (t === '') break;
    const cols = t
      .split(/\t+|\s{2,}/)
      .map((c) => c.trim())
      .filter(Boolean);
    if (cols.length < 3) break;
    const [current, type] = cols.length >= 4 ? [cols[1]!, cols[2]!] : [cols[0]!, cols[1]!];
    const at = { file, line: l.line };
    addLevel(d, current, at);
    if (!/^none$/i.test(type)) readLicenceType(type, at, d);
  }
}
