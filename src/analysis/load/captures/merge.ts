import type { CapturedLicence, DeviceCapture } from '../../model/capture.ts';
import { addMember, type CaptureField, setEra, setReservation } from './draft.ts';

const SCALARS: CaptureField[] = [
  'hostname',
  'pid',
  'serial',
  'os',
  'osVersion',
  'transportType',
  'transportUrl',
  'callHomeUrl',
  'registrationStatus',
  'authorizationStatus',
  'authorizationDate',
  'communicationDeadline',
  'registrationExpires',
  'exportControlled',
  'smartAccount',
  'virtualAccount',
  'accountAsOf',
  'lastAck',
  'ackNeverReceived',
  'nextAckDeadline',
  'lastReportPush',
  'lastContact',
  'trustCode',
  'evaluationMode',
];

/** Fold `src` into `into`: fields `into` lacks are taken with their evidence; lists are united. */
export function mergeCapture(into: DeviceCapture, src: DeviceCapture): DeviceCapture {
  for (const k of SCALARS) {
    if (into[k] === undefined && src[k] !== undefined) {
      (into as unknown as Record<string, unknown>)[k] = src[k];
      const ev = src.evidence[k];
      if (ev) into.evidence[k] = ev;
    }
  }
  if (src.evidence.era) setEra(into, src.era, src.evidence.era);
  for (const m of src.members) addMember(into, m, src.evidence.members ?? src.source);
  if (src.reservation) setReservation(into, src.reservation, src.evidence.reservation ?? src.source);
  for (const lvl of src.licenceLevels ?? []) {
    into.licenceLevels ??= [];
    if (!into.licenceLevels.includes(lvl)) into.licenceLevels.push(lvl);
    if (src.evidence.licenceLevels) into.evidence.licenceLevels ??= src.evidence.licenceLevels;
  }
  // nothing to add: keep the list rather than copy every licence of it
  if (src.licences.length) into.licences = mergeLicences(into.licences, src.licences);
  if (src.evidence.licences) into.evidence.licences ??= src.evidence.licences;
  for (const c of src.commands) if (!into.commands.includes(c)) into.commands.push(c);
  for (const f of src.files) if (!into.files.includes(f)) into.files.push(f);
  return into;
}

/**
 * The same licence printed by two commands (`summary` truncates the tag: `C9300-48 Network Advan...`)
 * is one licence: the first record stays, the other fills in what it lacks.
 */
export function mergeLicences(
  a: readonly CapturedLicence[],
  b: readonly CapturedLicence[],
): CapturedLicence[] {
  const out = a.map((l) => ({ ...l }));
  for (const l of b) {
    const same = out.find((x) => sameLicence(x, l));
    if (!same) {
      out.push({ ...l });
      continue;
    }
    for (const k of [
      'entitlementTag',
      'description',
      'status',
      'enforcement',
      'licenceType',
      'exportStatus',
    ] as const) {
      if (same[k] === undefined && l[k] !== undefined) same[k] = l[k];
    }
    // A regid tag is better evidence of the entitlement than a truncated description.
    if (l.entitlementTag?.startsWith('regid.') && !same.entitlementTag?.startsWith('regid.')) {
      same.entitlementTag = l.entitlementTag;
    }
  }
  return out;
}

function sameLicence(x: CapturedLicence, y: CapturedLicence): boolean {
  if (x.name !== y.name) return false;
  const xs = stems(x);
  const ys = stems(y);
  // Without a tag or description on one side, the name is all there is to go by.
  if (!xs.length || !ys.length) return true;
  return xs.some((a) => ys.some((b) => a.startsWith(b) || b.startsWith(a)));
}

function stems(l: CapturedLicence): string[] {
  return [l.entitlementTag, l.description]
    .filter((s): s is string => !!s)
    .map((s) =>
      s
        .replace(/(\.\.\.|…)$/, '')
        .trim()
        .toLowerCase(),
    )
    .filter(Boolean);
}

// Factory-default hostnames name many devices: never a reason to merge two records.
const DEFAULT_HOSTNAMES = new Set(['switch', 'router', 'ciscoasa', 'ios', 'nexus', 'localhost']);

function serials(d: DeviceCapture): string[] {
  return [d.serial, ...d.members.map((m) => m.serial)]
    .filter((s): s is string => !!s)
    .map((s) => s.toUpperCase());
}

/** Same device: a shared serial (chassis or member), or the same hostname and no serials that disagree. */
function sameDevice(a: DeviceCapture, b: DeviceCapture): boolean {
  const sa = serials(a);
  const sb = serials(b);
  if (sa.some((s) => sb.includes(s))) return true;
  if (sa.length && sb.length) return false;
  const ha = a.hostname?.toLowerCase();
  return ha !== undefined && ha === b.hostname?.toLowerCase() && !DEFAULT_HOSTNAMES.has(ha);
}

/** Records of one device (see `sameDevice`) are merged into the first. Input order is kept. */
export function mergeDeviceCaptures(devices: readonly DeviceCapture[]): DeviceCapture[] {
  const out: DeviceCapture[] = [];
  // candidates by serial and by hostname: `sameDevice` can only hold through one of them
  const index = new Map<string, number[]>();
  const keysOf = (d: DeviceCapture) => [
    ...serials(d).map((s) => `s:${s}`),
    ...(d.hostname ? [`h:${d.hostname.toLowerCase()}`] : []),
  ];
  const add = (d: DeviceCapture, at: number) => {
    for (const k of keysOf(d)) {
      const list = index.get(k);
      if (!list) index.set(k, [at]);
      else if (!list.includes(at)) list.push(at);
    }
  };
  for (const d of devices) {
    const candidates = [...new Set(keysOf(d).flatMap((k) => index.get(k) ?? []))].sort((a, b) => a - b);
    const at = candidates.find((i) => sameDevice(out[i]!, d));
    if (at !== undefined) {
      mergeCapture(out[at]!, d);
      add(out[at]!, at);
    } else {
      out.push(d);
      add(d, out.length - 1);
    }
  }
  return out;
}
