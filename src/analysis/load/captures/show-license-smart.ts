import type { DeviceCapture } from '../../model/capture.ts';
import { parseDeviceDate } from './dates.ts';
import { addMember, meaningful, reservationType, setEra, setField, setReservation } from './draft.ts';
import type { CaptureLine } from './split.ts';

/**
 * Status fields of `show license status`, `show license all` and `show license tech support`
 * (IOS-XE, ASA and NX-OS print the same Smart Agent layout): era, registration, authorization,
 * transport, account, ACKs, trust code, reservation and the device's UDI. Licence blocks are read
 * by show-license-summary-usage.ts from the same lines.
 */
export function readSmartStatus(lines: readonly CaptureLine[], file: string, d: DeviceCapture): void {
  let heading: string | undefined;
  let group: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const t = l.text.trim();
    if (t === '' || isRule(t)) continue;
    // a line underlined with `=` is a heading; most next lines hold no `=` and need no trim
    const next = lines[i + 1]?.text;
    if (next?.includes('=') && isRule(next.trim())) {
      heading = t;
      group = undefined;
      continue;
    }
    const at = { file, line: l.line };
    const indent = l.text.length - l.text.trimStart().length;
    if (indent === 0 && /^[^:]+:$/.test(t)) group = t.slice(0, -1).trim();

    const sl = /^Smart Licensing is (ENABLED|DISABLED)/i.exec(t);
    if (sl) {
      if (sl[1]!.toUpperCase() === 'ENABLED') setEra(d, 'smart', at);
      continue;
    }
    // the member, UDI, slot and key: value patterns all need a colon, which most lines lack
    const colon = t.includes(':');
    const member = colon && /^(Active|Standby|Member)\s*:\s*PID:\s*([^,\s]+)\s*,\s*SN:\s*([^\s,]+)/i.exec(t);
    if (member) addMember(d, { role: member[1]!, pid: member[2]!, serial: member[3]! }, at);
    const udi = colon && /^UDI:\s*PID:\s*([^,\s]+)\s*,\s*SN:\s*([^\s,]+)/i.exec(t);
    if (udi) {
      setField(d, 'pid', udi[1]!, at);
      setField(d, 'serial', udi[2]!, at);
      continue;
    }
    // `show license udi` table: `*  ASR1006  NWG1512050G  ASR1006:NWG1512050G`
    const slot = colon && /^\*?\s*(?:\S+\s+)?([A-Za-z0-9][\w\-/+.]*)\s+(\S+)\s+\1:\2$/.exec(t);
    if (slot) {
      setField(d, 'pid', slot[1]!, at);
      setField(d, 'serial', slot[2]!, at);
      continue;
    }
    if (group === 'Trust Code Installed' && /^INSTALLED on /i.test(t)) {
      const date = parseDeviceDate(t);
      setField(d, 'trustCode', date ? `installed ${date}` : 'installed', at);
      continue;
    }
    const kv = colon && /^([^:]+?)\s*:\s*(.*)$/.exec(t);
    if (!kv) continue;
    readKey(d, kv[1]!.toLowerCase(), kv[2]!.trim(), { heading, group, indent }, at);
  }
}

/** `=====`: a heading's underline (the first character rules out most lines without the regex). */
function isRule(t: string): boolean {
  return t.charCodeAt(0) === 61 && /^=+$/.test(t);
}

interface Where {
  heading: string | undefined;
  group: string | undefined;
  indent: number;
}

function readKey(
  d: DeviceCapture,
  key: string,
  value: string,
  w: Where,
  at: { file: string; line: number },
): void {
  const group = w.group?.toLowerCase();
  const inStatus = w.heading === undefined || /smart licensing status/i.test(w.heading);
  switch (key) {
    case 'status':
      if (group === 'smart licensing using policy' && /^ENABLED/i.test(value)) setEra(d, 'slup', at);
      else if (group === 'registration') readRegistration(d, value, at);
      else if (group === 'license authorization') readAuthorization(d, value, at);
      else if (/license authorizations/i.test(w.heading ?? '') && !/NOT INSTALLED/i.test(value)) {
        const type = reservationType(value);
        if (type) setReservation(d, { enabled: true, type, status: value }, at);
      }
      return;
    case 'smart account': {
      const m = /^(.*?)\s+As of\s+(.*)$/i.exec(value);
      setField(d, 'smartAccount', meaningful(m ? m[1] : value), at);
      if (m) setField(d, 'accountAsOf', parseDeviceDate(m[2]), at);
      return;
    }
    case 'virtual account':
      setField(d, 'virtualAccount', meaningful(value), at);
      return;
    case 'export-controlled functionality':
      setField(d, 'exportControlled', value, at);
      return;
    case 'registration expires':
      setField(d, 'registrationExpires', parseDeviceDate(value), at);
      return;
    case 'evaluation period remaining':
      setField(d, 'evaluationMode', true, at);
      return;
    case 'communication deadline':
      setField(d, 'communicationDeadline', parseDeviceDate(value), at);
      return;
    case 'last communication attempt':
      if (/^SUCCE/i.test(value)) setField(d, 'lastContact', parseDeviceDate(value), at);
      return;
    case 'type':
      if (group === 'transport' && inStatus) setField(d, 'transportType', transportType(value), at);
      return;
    case 'transport':
      // `Other Info` in tech support repeats the transport on one line.
      if (value) setField(d, 'transportType', transportType(value), at);
      return;
    case 'url':
    case 'cslu address':
      if (group === 'transport' && inStatus && w.indent <= 2)
        setField(d, 'transportUrl', meaningful(value), at);
      return;
    case 'last ack received':
      if (group !== 'usage reporting' || !inStatus) return;
      if (meaningful(value)) setField(d, 'lastAck', parseDeviceDate(value), at);
      else setField(d, 'ackNeverReceived', true, at);
      return;
    case 'next ack deadline':
      if (group === 'usage reporting' && inStatus) setField(d, 'nextAckDeadline', parseDeviceDate(value), at);
      return;
    case 'last report push':
      if (group === 'usage reporting' && inStatus) setField(d, 'lastReportPush', parseDeviceDate(value), at);
      return;
    case 'trust code installed':
      if (!value) return;
      if (!meaningful(value)) setField(d, 'trustCode', 'none', at);
      else {
        const date = parseDeviceDate(value);
        setField(d, 'trustCode', date ? `installed ${date}` : 'installed', at);
      }
      return;
    case 'license reservation':
      setReservation(d, { enabled: /ENABLED/i.test(value) }, at);
      return;
    case 'reservation status':
      if (meaningful(value) && !/NOT INSTALLED/i.test(value)) {
        const type = reservationType(value);
        setReservation(d, { enabled: true, status: value, ...(type ? { type } : {}) }, at);
      }
      return;
  }
}

function readRegistration(d: DeviceCapture, value: string, at: { file: string; line: number }): void {
  setField(d, 'registrationStatus', value, at);
  const type = reservationType(value);
  if (type || /RESERVATION/i.test(value)) {
    setReservation(d, { enabled: true, status: value, ...(type ? { type } : {}) }, at);
  }
}

/** `AUTHORIZED on Mar 13 08:09:28 2024 UTC` → status `AUTHORIZED`, date `2024-03-13`. */
function readAuthorization(d: DeviceCapture, value: string, at: { file: string; line: number }): void {
  const m = /^(.*?)\s+on\s+(.*)$/i.exec(value);
  const status = (m ? m[1]! : value).trim();
  setField(d, 'authorizationStatus', status, at);
  // Under Smart Licensing Using Policy there is no authorization to renew (DOMAIN.md §4).
  if (/^Not Applicable$/i.test(status)) setEra(d, 'slup', at);
  if (m) setField(d, 'authorizationDate', parseDeviceDate(m[2]), at);
  if (/EVAL/i.test(status)) setField(d, 'evaluationMode', true, at);
}

/** `Smart`, `Transport Off`, `Callhome`, `cslu` → lower-case single word. */
export function transportType(value: string): string {
  const v = value
    .trim()
    .toLowerCase()
    .replace(/^transport\s+/, '');
  if (v === 'call home' || v === 'call-home') return 'callhome';
  return v;
}
