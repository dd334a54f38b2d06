import type { CapturedMember, DeviceCapture, LicensingEra } from '../../model/capture.ts';
import type { SourceRef } from '../../model/evidence.ts';

/** Scalar fields a parser may state, each with the line that stated it. */
export type CaptureField = Exclude<
  keyof DeviceCapture,
  | 'source'
  | 'files'
  | 'members'
  | 'era'
  | 'licences'
  | 'commands'
  | 'evidence'
  | 'reservation'
  | 'licenceLevels'
>;

export function emptyCapture(file: string, line: number): DeviceCapture {
  return {
    source: { file, line },
    files: [file],
    members: [],
    era: 'unknown',
    licences: [],
    commands: [],
    evidence: {},
  };
}

/** First statement wins: a later command repeating a field never overwrites what was read first. */
export function setField<K extends CaptureField>(
  d: DeviceCapture,
  key: K,
  value: DeviceCapture[K] | undefined,
  at: SourceRef,
): void {
  if (value === undefined || value === '' || d[key] !== undefined) return;
  d[key] = value;
  d.evidence[key] = at;
}

const ERA_RANK: Record<LicensingEra, number> = { unknown: 0, traditional: 1, smart: 2, slup: 3 };

/** A device that says Smart Licensing Using Policy is SLUP even if `show version` looked traditional. */
export function setEra(d: DeviceCapture, era: LicensingEra, at: SourceRef): void {
  if (ERA_RANK[era] <= ERA_RANK[d.era]) return;
  d.era = era;
  d.evidence.era = at;
}

export function addMember(d: DeviceCapture, m: CapturedMember, at: SourceRef): void {
  const same = d.members.find((x) => x.serial === m.serial);
  if (same) {
    if (!same.role && m.role) same.role = m.role;
    return;
  }
  d.members.push(m);
  if (!d.evidence.members) d.evidence.members = at;
}

export function setReservation(
  d: DeviceCapture,
  patch: { enabled?: boolean; type?: 'SPECIFIC' | 'UNIVERSAL'; status?: string },
  at: SourceRef,
): void {
  const r = d.reservation ?? { enabled: false };
  if (patch.enabled) r.enabled = true;
  if (patch.type && !r.type) r.type = patch.type;
  if (patch.status && !r.status) r.status = patch.status;
  d.reservation = r;
  // The most specific line (a type or status) is the evidence, else the first that mentioned it.
  if (!d.evidence.reservation || patch.type || patch.status) d.evidence.reservation = at;
}

/** Reservation type from any status text (`REGISTERED - SPECIFIC LICENSE RESERVATION`, `UNIVERSAL INSTALLED`). */
export function reservationType(text: string): 'SPECIFIC' | 'UNIVERSAL' | undefined {
  if (/UNIVERSAL|\bPLR\b/i.test(text)) return 'UNIVERSAL';
  if (/SPECIFIC|\bSLR\b/i.test(text)) return 'SPECIFIC';
  return undefined;
}

/** `<none>`, `<empty>`, `None`, `Not Configured` and blanks say nothing. */
export function meaningful(v: string | undefined): string | undefined {
  const t = v?.trim();
  if (!t || /^(<none>|<empty>|none|not configured|n\/a)$/i.test(t)) return undefined;
  return t;
}

export function evidenceCount(d: DeviceCapture): number {
  return Object.keys(d.evidence).length + d.licences.length + d.members.length;
}
