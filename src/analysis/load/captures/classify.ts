import type { DeviceCapture } from '../../model/capture.ts';
import type { SourceRef } from '../../model/evidence.ts';

export type DeploymentMode = 'cloud' | 'on-prem' | 'cslu' | 'slr' | 'plr' | 'offline' | 'unknown';

export interface DeploymentClassification {
  mode: DeploymentMode;
  reason: string;
  evidence?: SourceRef;
}

const CISCO_CLOUD = /^(?:[a-z]+:\/\/)?smartreceiver(?:-[a-z]+)?\.cisco\.com\b/i;
// Call-home's Cisco endpoint (Smart Call Home and legacy Smart Licensing over call-home).
const CISCO_CALLHOME = /^(?:[a-z]+:\/\/)?tools\.cisco\.com\/its\/service\/oddce\//i;

/**
 * How a device reaches Cisco for licensing (DESIGN.md §5.2, DOMAIN.md §4 heuristic). Reservation
 * wins over transport: an SLR/PLR device is air-gapped whatever transport is left configured.
 */
export function classifyDeploymentMode(device: DeviceCapture): DeploymentClassification {
  const ev = (k: string) => device.evidence[k];
  const withEv = (
    mode: DeploymentMode,
    reason: string,
    at: SourceRef | undefined,
  ): DeploymentClassification => (at ? { mode, reason, evidence: at } : { mode, reason });

  const r = device.reservation;
  if (r?.type === 'UNIVERSAL') {
    return withEv('plr', `universal licence reservation (${r.status ?? 'UNIVERSAL'})`, ev('reservation'));
  }
  if (r?.type === 'SPECIFIC') {
    return withEv('slr', `specific licence reservation (${r.status ?? 'SPECIFIC'})`, ev('reservation'));
  }
  if (r?.enabled && device.era !== 'slup') {
    return withEv(
      'slr',
      'licence reservation enabled (type not stated; specific is the usual case)',
      ev('reservation'),
    );
  }

  const type = device.transportType?.toLowerCase();
  const url = device.transportUrl;
  if (url) {
    const u = url.trim();
    if (CISCO_CLOUD.test(u))
      return withEv('cloud', `transport URL ${u} is Cisco's cloud`, ev('transportUrl'));
    if (/:8182\/cslu\/v1\/pi\/?$/i.test(u)) {
      return withEv('cslu', `transport URL ${u} is a CSLU (port 8182)`, ev('transportUrl'));
    }
    if (/\/SmartTransport\b|\/Transportgateway\//i.test(u) || /\/cslu\/v1\/pi\/[^/\s]+-\d+\/?$/i.test(u)) {
      return withEv('on-prem', `transport URL ${u} points to an SSM On-Prem server`, ev('transportUrl'));
    }
    if (/\/cslu\/v1\/pi\/?$/i.test(u))
      return withEv('cslu', `transport URL ${u} is a CSLU endpoint`, ev('transportUrl'));
  }
  if (type === 'off')
    return withEv('offline', 'transport is off: usage is reported by file, if at all', ev('transportType'));
  if (type === 'cslu' && !url) {
    return withEv(
      'cslu',
      'transport cslu with no address: a CSLU pulls usage from the device',
      ev('transportType'),
    );
  }
  if (type === 'smart' && !url) {
    // `license smart transport smart` without a URL uses Cisco's default receiver.
    return withEv('cloud', 'smart transport with the default URL (Cisco cloud)', ev('transportType'));
  }
  if (type === 'callhome') {
    const ch = device.callHomeUrl;
    if (ch && CISCO_CALLHOME.test(ch)) {
      return withEv('cloud', `call-home profile reports licensing to Cisco (${ch})`, ev('callHomeUrl'));
    }
    if (ch && /\/Transportgateway\//i.test(ch)) {
      return withEv(
        'on-prem',
        `call-home profile reports licensing to an SSM On-Prem server (${ch})`,
        ev('callHomeUrl'),
      );
    }
    if (ch)
      return withEv('unknown', `call-home profile URL ${ch} matches no known pattern`, ev('callHomeUrl'));
    return withEv(
      'unknown',
      'transport callhome: the call-home profile URL (show call-home profile all) decides cloud or on-prem',
      ev('transportType'),
    );
  }
  if (url) return withEv('unknown', `transport URL ${url} matches no known pattern`, ev('transportUrl'));
  if (device.era === 'traditional') {
    return withEv(
      'unknown',
      'traditional (PAK / right-to-use) licensing: no Smart Licensing transport',
      ev('era'),
    );
  }
  if (type) return withEv('unknown', `transport ${type} without a URL`, ev('transportType'));
  return withEv('unknown', 'no transport or reservation in the captures', undefined);
}
