import {
  type CaptureContext,
  classicShowLicense,
  type DeviceLicence,
  legacyAuthorization,
  legacyStatus,
  legacySummary,
  slupAck,
  slupStatus,
  slupSummary,
} from './capture-license.ts';
import { showVersion } from './capture-version.ts';
import { daysBetween } from './dates.ts';
import { deviceNameFor, type GenLicence, licenceByKey } from './licence-catalog.ts';
import type { Device } from './model.ts';
import type { Rng } from './prng.ts';

export interface CaptureFlags {
  era: Device['era'];
  /** `Type:` line (or `traditional`). */
  transport: string;
  evalMode: boolean;
  outOfCompliance: boolean;
  authorizationExpired: boolean;
  /** Days since the last ACK (SLUP), absent when none was ever received. */
  ackAgeDays?: number;
  ackNever: boolean;
  ackDeadlinePassed: boolean;
}

export interface Capture {
  device: Device;
  path: string;
  text: string;
  flags: CaptureFlags;
}

function deviceLicence(lic: GenLicence, pid: string, count: number): DeviceLicence {
  const form = deviceNameFor(lic, pid);
  const m = /^([\w-]+) \((.+)\)$/.exec(form);
  const tagTail = lic.entitlementTag?.replace(/^regid\.[^.]+\.com\.cisco\./, '');
  return {
    short: m?.[1] ?? form,
    description: m?.[2] ?? tagTail ?? lic.displayName,
    friendly: lic.displayName.startsWith('C9300 ')
      ? lic.displayName.replace('C9300 ', `C9300 ${pid.replace(/^C9300-/, '')} `)
      : lic.displayName,
    count,
    subscription: lic.cssmType === 'TERM',
  };
}

function isInteresting(d: Device, asOf: string, vaShort: boolean): boolean {
  return (
    d.evalMode ||
    d.era === 'traditional' ||
    d.reservation !== 'none' ||
    (d.era === 'slup' && !d.inCssm) ||
    (d.lastContact !== undefined && daysBetween(d.lastContact, asOf) > 90) ||
    (d.era === 'smart' && vaShort)
  );
}

/**
 * CLI captures for a share of the active, inventoried devices; unusual devices (stale, reserved,
 * traditional, EVAL MODE) are favoured so every deployment-mode risk shows up in the folder.
 */
export function buildCaptures(
  rng: Rng,
  devices: readonly Device[],
  catalog: readonly GenLicence[],
  ctx: Omit<CaptureContext, 'seconds' | 'vaShort'>,
  shortRows: ReadonlySet<string>,
  options: { share: number; max: number },
): Capture[] {
  const out: Capture[] = [];
  for (const d of devices) {
    if (out.length >= options.max) break;
    if (d.status !== 'active' || !d.inInventory || d.platform.family === 'ISE') continue;
    const vaShort = d.licences.some((l) => shortRows.has(`${d.va}|${l.key}`));
    const p = isInteresting(d, ctx.asOf, vaShort) ? 0.7 : options.share;
    if (!rng.chance(p)) continue;
    d.captured = true;
    const c: CaptureContext = { ...ctx, seconds: rng.int(0, 86_399), vaShort };
    out.push(render(d, catalog, c));
  }
  return out;
}

function render(d: Device, catalog: readonly GenLicence[], c: CaptureContext): Capture {
  const lics = d.licences.map((l) => deviceLicence(licenceByKey(catalog, l.key), d.pid, l.count));
  const prompt = `${d.hostname}#`;
  const parts: string[] = [];
  const flags: CaptureFlags = {
    era: d.era,
    transport: 'traditional',
    evalMode: false,
    outOfCompliance: false,
    authorizationExpired: false,
    ackNever: false,
    ackDeadlinePassed: false,
  };
  if (d.era === 'traditional') {
    const features = d.licences.map((l) => licenceByKey(catalog, l.key).features[0] ?? l.key);
    parts.push(`${prompt}show version\n${showVersion(d, c.asOf, features, c.seconds)}`);
    if (d.pid.startsWith('ISR') || d.pid.startsWith('ASR')) {
      parts.push(`${prompt}show license\n${classicShowLicense(d, features)}\n`);
    }
  } else {
    const names = lics.map((l) => `${l.short} (${l.description})`);
    parts.push(`${prompt}show version\n${showVersion(d, c.asOf, names, c.seconds)}`);
    if (d.era === 'slup') {
      parts.push(`${prompt}show license summary\n${slupSummary(d, lics, c)}`);
      parts.push(`${prompt}show license status\n${slupStatus(d, c)}`);
      const { lastAck, deadline } = slupAck(d, c.asOf);
      flags.transport =
        d.reservation !== 'none' || d.mode === 'offline'
          ? 'Transport Off'
          : d.mode === 'cloud'
            ? 'Smart'
            : 'cslu';
      flags.ackNever = lastAck === undefined && d.reservation === 'none';
      if (lastAck) flags.ackAgeDays = daysBetween(lastAck, c.asOf);
      flags.ackDeadlinePassed = deadline !== undefined && deadline < c.asOf;
    } else {
      parts.push(`${prompt}show license summary\n${legacySummary(d, lics, c)}`);
      parts.push(`${prompt}show license status\n${legacyStatus(d, c)}`);
      const auth = legacyAuthorization(d, c);
      flags.transport = d.reservation !== 'none' || d.evalMode ? 'Callhome' : 'Smart';
      flags.evalMode = auth === 'EVAL MODE';
      flags.outOfCompliance = auth === 'OUT OF COMPLIANCE';
      flags.authorizationExpired = auth === 'AUTHORIZATION EXPIRED';
    }
  }
  parts.push(`${prompt}\n`);
  return { device: d, path: `captures/${d.hostname}.txt`, text: parts.join('\n'), flags };
}
