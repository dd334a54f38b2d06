import { addDays, ciscoTimestamp, daysBetween } from './dates.ts';
import type { Device } from './model.ts';

/** A licence as one device names it, ready to print. */
export interface DeviceLicence {
  /** `network-advantage` */
  short: string;
  /** `C9300-48 Network Advantage` (text inside the parentheses). */
  description: string;
  /** Legacy Smart Licensing friendly name, `C9300 48P Network Advantage`. */
  friendly: string;
  count: number;
  subscription: boolean;
}

export interface CaptureContext {
  asOf: string;
  smartAccount: string;
  /** Seconds of the day used for every timestamp of this device (deterministic). */
  seconds: number;
  /** The device's VA is short of one of its licences (legacy SL then says OUT OF COMPLIANCE). */
  vaShort: boolean;
}

const ts = (iso: string, c: CaptureContext) => ciscoTimestamp(iso, c.seconds);

/** SLUP summary squeezes the description into 25 characters. */
function slupTag(desc: string): string {
  return `(${desc.length > 25 ? `${desc.slice(0, 22)}...` : desc})`;
}

function usageTable(rows: string[], tagHeader: string): string {
  return `License Usage:
  License                 ${tagHeader.padEnd(30)}Count Status
  -----------------------------------------------------------------------------
${rows.join('\n')}
`;
}

/** `show license summary`, IOS XE 17.3.2+ (Smart Licensing Using Policy). */
export function slupSummary(d: Device, lics: DeviceLicence[], c: CaptureContext): string {
  const rows = lics.map(
    (l) => `  ${l.short.padEnd(24)}${slupTag(l.description).padEnd(30)}${String(l.count).padStart(5)} IN USE`,
  );
  return `${accountInfo(d, c)}
${usageTable(rows, 'Entitlement Tag')}`;
}

function accountInfo(d: Device, c: CaptureContext): string {
  const known = d.inCssm && d.lastContact;
  return `Account Information:
  Smart Account: ${known ? `${c.smartAccount} As of ${ts(d.lastContact!, c)}` : '<none>'}
  Virtual Account: ${known ? d.va : '<none>'}
`;
}

function slupTransport(d: Device): string {
  if (d.reservation !== 'none' || d.mode === 'offline') return '  Type: Transport Off\n';
  if (d.mode === 'cloud') {
    return `  Type: Smart
  URL: https://smartreceiver.cisco.com/licservice/license
  Proxy:
    Not Configured
  VRF:
    Not Configured
`;
  }
  const address = d.mode === 'onprem' ? d.transport : '<empty>';
  return `  Type: cslu
  Cslu address: ${address}
  Proxy:
    Not Configured
  VRF:
    Not Configured
`;
}

const POLICY = `Policy:
  Policy in use: Merged from multiple sources.
  Reporting ACK required: yes (CISCO default)
  Unenforced/Non-Export Perpetual Attributes:
    First report requirement (days): 365 (CISCO default)
    Reporting frequency (days): 0 (CISCO default)
    Report on change (days): 90 (CISCO default)
  Unenforced/Non-Export Subscription Attributes:
    First report requirement (days): 90 (CISCO default)
    Reporting frequency (days): 90 (CISCO default)
    Report on change (days): 90 (CISCO default)
  Enforced (Perpetual/Subscription) License Attributes:
    First report requirement (days): 0 (CISCO default)
    Reporting frequency (days): 0 (CISCO default)
    Report on change (days): 0 (CISCO default)
  Export (Perpetual/Subscription) License Attributes:
    First report requirement (days): 0 (CISCO default)
    Reporting frequency (days): 0 (CISCO default)
    Report on change (days): 0 (CISCO default)
`;

/**
 * The ACK a SLUP device last received, and when the next one is due (90 days later). Reserved
 * (SLR/PLR) devices do not report, so they have neither.
 */
export function slupAck(d: Device, asOf: string): { lastAck?: string; deadline?: string } {
  if (d.reservation !== 'none') return {};
  const lastAck = d.inCssm ? d.lastContact : undefined;
  return lastAck
    ? { lastAck, deadline: addDays(lastAck, 90) }
    : { deadline: addDays(d.installDate < addDays(asOf, -400) ? addDays(asOf, -310) : d.installDate, 90) };
}

/** `show license status`, IOS XE 17.3.2+. */
export function slupStatus(d: Device, c: CaptureContext): string {
  const { lastAck, deadline } = slupAck(d, c.asOf);
  const pushing = d.mode === 'cloud' || d.mode === 'onprem';
  const reservation =
    d.reservation === 'none'
      ? ''
      : `
License Reservation:
  License reservation: ENABLED
  Overall status:
    Active: PID:${d.pid},SN:${d.serial}
      Reservation status: ${d.reservation} INSTALLED on ${ts(d.lastContact ?? d.installDate, c)}
`;
  return `Utility:
  Status: DISABLED

Smart Licensing Using Policy:
  Status: ENABLED

${accountInfo(d, c)}
Data Privacy:
  Sending Hostname: yes
    Callhome hostname privacy: DISABLED
    Smart Licensing hostname privacy: DISABLED
  Version privacy: DISABLED

Transport:
${slupTransport(d)}
${POLICY}
Miscellaneous:
  Custom Id: <empty>

Usage Reporting:
  Last ACK received: ${lastAck ? ts(lastAck, c) : '<none>'}
  Next ACK deadline: ${deadline ? ts(deadline, c) : '<none>'}
  Reporting push interval: ${pushing ? '30  days' : '0 (no reporting)'}
  Next ACK push check: <none>
  Next report push: ${pushing ? ts(addDays(c.asOf, 12), c) : '<none>'}
  Last report push: ${pushing && lastAck ? ts(lastAck, c) : '<none>'}
  Last report file write: ${!pushing && lastAck ? ts(addDays(lastAck, -1), c) : '<none>'}

Trust Code Installed: ${pushing && lastAck ? `\n  Active: PID:${d.pid},SN:${d.serial}\n    INSTALLED on ${ts(addDays(d.installDate, 2), c)}` : '<none>'}
${reservation}`;
}

/** Authorization state a legacy Smart Licensing device reports. */
export function legacyAuthorization(d: Device, c: CaptureContext): string {
  if (d.evalMode) return 'EVAL MODE';
  if (d.reservation !== 'none') return 'AUTHORIZED - RESERVED';
  if (d.lastContact && daysBetween(d.lastContact, c.asOf) > 90) return 'AUTHORIZATION EXPIRED';
  return c.vaShort ? 'OUT OF COMPLIANCE' : 'AUTHORIZED';
}

function legacyRegistration(d: Device, c: CaptureContext): string {
  if (d.evalMode) return '  Status: UNREGISTERED\n';
  const status =
    d.reservation === 'SPECIFIC'
      ? 'REGISTERED - SPECIFIC LICENSE RESERVATION'
      : d.reservation === 'UNIVERSAL'
        ? 'REGISTERED - UNIVERSAL LICENSE RESERVATION'
        : 'REGISTERED';
  const last = d.lastContact ?? c.asOf;
  return `  Status: ${status}
  Smart Account: ${c.smartAccount}
  Virtual Account: ${d.va}
  Export-Controlled Functionality: ALLOWED
  Initial Registration: SUCCEEDED on ${ts(addDays(d.installDate, 3), c)}
  Last Renewal Attempt: None
  Next Renewal Attempt: ${ts(addDays(last, 180), c)}
  Registration Expires: ${ts(addDays(last, 365), c)}
`;
}

function legacyAuthBlock(d: Device, c: CaptureContext): string {
  const auth = legacyAuthorization(d, c);
  if (auth === 'EVAL MODE') {
    const left = Math.max(1, 90 - (daysBetween(d.installDate, c.asOf) % 90));
    return `  Status: EVAL MODE\n  Evaluation Period Remaining: ${left} days, 3 hours, 12 minutes, 40 seconds\n`;
  }
  const last = d.lastContact ?? c.asOf;
  if (auth === 'AUTHORIZATION EXPIRED') {
    return `  Status: AUTHORIZATION EXPIRED on ${ts(addDays(last, 90), c)}
  Last Communication Attempt: FAILED on ${ts(addDays(c.asOf, -1), c)}
  Failure reason: Fail to send out Call Home HTTP message.
  Next Communication Attempt: ${ts(c.asOf, c)}
`;
  }
  return `  Status: ${auth} on ${ts(last, c)}
  Last Communication Attempt: SUCCEEDED on ${ts(last, c)}
  Next Communication Attempt: ${ts(addDays(last, 30), c)}
  Communication Deadline: ${ts(addDays(last, 90), c)}
`;
}

/** `show license summary`, IOS XE 16.x Smart Licensing. */
export function legacySummary(d: Device, lics: DeviceLicence[], c: CaptureContext): string {
  const auth = legacyAuthorization(d, c);
  const usage = auth === 'AUTHORIZED - RESERVED' ? 'AUTHORIZED' : auth;
  const rows = lics.map((l) => {
    const name = l.friendly.length > 23 ? `${l.friendly.slice(0, 20)}...` : l.friendly;
    return `  ${name.padEnd(24)}${`(${l.description})`.padEnd(30)}${String(l.count).padStart(5)} ${usage}`;
  });
  return `Smart Licensing is ENABLED
${d.reservation !== 'none' ? 'License Reservation is ENABLED\n' : ''}
Registration:
${legacyRegistration(d, c)}
License Authorization:
${legacyAuthBlock(d, c).split('\n').slice(0, 1).join('\n')}

${usageTable(rows, 'Entitlement tag')}`;
}

/** `show license status`, IOS XE 16.x Smart Licensing. */
export function legacyStatus(d: Device, c: CaptureContext): string {
  const transport =
    d.reservation !== 'none' || d.evalMode
      ? '  Type: Callhome\n'
      : `  Type: Smart\n  URL: ${d.transport}\n  Proxy:\n    Not Configured\n`;
  return `Smart Licensing is ENABLED
${d.reservation !== 'none' ? 'License Reservation is ENABLED\n' : ''}
Utility:
  Status: DISABLED

Data Privacy:
  Sending Hostname: yes
    Callhome hostname privacy: DISABLED
    Smart Licensing hostname privacy: DISABLED
  Version privacy: DISABLED

Transport:
${transport}
Registration:
${legacyRegistration(d, c)}
License Authorization: 
${legacyAuthBlock(d, c)}
Export Authorization Key:
  Features Authorized:
    <none>
`;
}

const ISR_FEATURES = [
  'appxk9',
  'uck9',
  'securityk9',
  'ipbasek9',
  'FoundationSuiteK9',
  'AdvUCSuiteK9',
  'hseck9',
];
const ASR_FEATURES = ['adventerprise', 'advipservices', 'ipbase', 'avc', 'firewall', 'ipsec'];

/** Classic `show license` of traditional (PAK) licensing: one block per feature. */
export function classicShowLicense(d: Device, features: string[]): string {
  const all = d.pid.startsWith('ISR') ? ISR_FEATURES : ASR_FEATURES;
  return all
    .map((f, i) => {
      const head = `Index ${i + 1} Feature: ${f.padEnd(31)}`;
      if (features.includes(f) || f === 'ipbasek9') {
        return `${head}
        Period left: Life time
        License Type: Permanent
        License State: Active, In Use
        License Count: Non-Counted
        License Priority: Medium`;
      }
      return `${head}
        Period left: Not Activated
        Period Used: 0  minute  0  second
        License Type: EvalRightToUse
        License State: Active, Not in Use, EULA not accepted
        License Count: Non-Counted
        License Priority: None`;
    })
    .join('\n');
}
