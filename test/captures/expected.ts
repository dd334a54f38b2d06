import { parseDeviceDate } from '../../src/analysis/load/captures/dates.ts';
import type { Sample } from './corpus.ts';

/** The fields an expected parse (genieparser or ntc-templates) and trueup both know. */
export interface Known {
  hostname?: string;
  serial?: string;
  pid?: string;
  version?: string;
  os?: string;
  registrationStatus?: string;
  authorizationStatus?: string;
  transportType?: string;
  transportUrl?: string;
  callHomeUrl?: string;
  smartAccount?: string;
  virtualAccount?: string;
  lastAck?: string;
  nextAckDeadline?: string;
  licences?: { name: string; count?: number }[];
  members?: string[];
}

type J = Record<string, unknown>;
const obj = (v: unknown): J => (v && typeof v === 'object' && !Array.isArray(v) ? (v as J) : {});
const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
const first = (v: unknown): string | undefined => (Array.isArray(v) ? str(v[0]) : str(v));
const num = (v: unknown): number | undefined => (v === undefined || v === '' ? undefined : Number(v));
const none = (v: string | undefined) => (v && /^<(none|empty)>$/.test(v) ? undefined : v);

/** Account names carry an `As of <date>` suffix in both parsers' output. */
function account(v: unknown): string | undefined {
  return none(str(v)?.replace(/\s+As of .*$/i, ''));
}

function statusBlock(s: J): Known {
  const acct = obj(s.account_information);
  const transport = obj(s.transport);
  const usage = obj(s.usage_reporting);
  const k: Known = {};
  const sa = account(acct.smart_account);
  if (sa) k.smartAccount = sa;
  const va = none(str(acct.virtual_account));
  if (va) k.virtualAccount = va;
  const type = str(transport.type);
  if (type) k.transportType = type.toLowerCase().replace(/^transport\s+/, '');
  const url = none(str(transport.url) ?? str(transport.cslu_address));
  if (url) k.transportUrl = url;
  const ack = parseDeviceDate(str(usage.last_ack_received));
  if (ack) k.lastAck = ack;
  const next = parseDeviceDate(str(usage.next_ack_deadline));
  if (next) k.nextAckDeadline = next;
  return k;
}

function udi(p: J): Partial<Known> {
  const u = obj(p.udi);
  const k: Partial<Known> = str(u.pid) ? { pid: str(u.pid)!, serial: str(u.sn)! } : {};
  const members = Object.values(obj(p.ha_udi_list)).map((m) => str(obj(m).sn)!);
  if (members.length) k.members = [...new Set(members)];
  return k;
}

export function known(s: Sample, e: unknown): Known | undefined {
  const x = obj(e);
  if (s.source === 'ntc-templates') return ntc(s, obj((x.parsed_sample as unknown[] | undefined)?.[0]), x);
  if (s.source !== 'genieparser') return undefined;
  switch (s.command) {
    case 'show version':
      return genieVersion(s, x);
    case 'show license status':
      return statusBlock(x);
    case 'show license summary':
      return {
        ...statusBlock(x),
        licences: Object.values(obj(x.license_usage)).map((l) => ({
          name: str(obj(l).license)!,
          count: num(obj(l).count)!,
        })),
      };
    case 'show license usage':
      return {
        licences: Object.entries(obj(x.license_name)).map(([k, l]) => ({
          name: k.replace(/\s*\(.*$/, ''),
          count: num(obj(l).count)!,
        })),
      };
    case 'show license udi': {
      const d = obj(x.udi_details);
      if (str(d.pid)) return { pid: str(d.pid)!, serial: str(d.sn)! };
      return str(x.pid) ? { pid: str(x.pid)!, serial: str(x.sn)! } : {};
    }
    case 'show license all':
    case 'show license tech support': {
      const usage = obj(x.license_usage);
      const handles = obj(usage.handle);
      const licences = Object.keys(handles).length
        ? Object.values(handles).map((l) => ({ name: str(obj(l).license)!, count: num(obj(l).count)! }))
        : Object.entries(obj(usage.license_name ?? usage)).map(([k, l]) => ({
            name: k.replace(/\s*\(.*$/, ''),
            count: num(obj(l).count)!,
          }));
      return { ...statusBlock(obj(x.smart_licensing_status)), ...udi(obj(x.product_information)), licences };
    }
    case 'show call-home profile all': {
      const active = Object.values(obj(obj(x.profile).name))
        .map(obj)
        .find((p) => p.status === 'ACTIVE' && /Smart Licensing/.test(str(p.reporting_data) ?? ''));
      return str(active?.http_address) ? { callHomeUrl: str(active?.http_address)! } : {};
    }
    case 'show license':
      return {
        licences: Object.values(obj(x.licenses))
          .filter((l) => str(obj(l).license_type))
          .map((l) => ({ name: str(obj(l).feature)! })),
      };
  }
  return undefined;
}

function genieVersion(s: Sample, x: J): Known {
  if (s.os === 'nxos') {
    const p = obj(x.platform);
    const hw = obj(p.hardware);
    const sw = obj(p.software);
    const k: Known = { os: 'NX-OS', hostname: str(hw.device_name)!, serial: str(hw.processor_board_id)! };
    const version = str(sw.system_version)?.replace(/\s*\[.*$/, '');
    if (version) k.version = version;
    return k;
  }
  if (s.os === 'iosxr') return { os: 'IOS-XR', version: str(x.software_version)! };
  if (s.os === 'asa') {
    const v = obj(x.version);
    const k: Known = {
      os: 'ASA',
      hostname: str(v.hostname)!,
      version: str(v.asa_version)!,
      pid: str(v.platform)!,
    };
    if (str(v.serial_number)) k.serial = str(v.serial_number)!;
    return k;
  }
  if (s.os === 'generic') {
    const os = { iosxe: 'IOS-XE', ios: 'IOS', iosxr: 'IOS-XR', nxos: 'NX-OS', asa: 'ASA' }[str(x.os) ?? ''];
    return os ? { os, version: str(x.version)! } : {};
  }
  const v = obj(x.version);
  const k: Known = {
    hostname: str(v.hostname)!,
    version: str(v.version)!,
    os: str(v.os)!,
    pid: str(v.chassis)!,
  };
  if (str(v.chassis_sn)) k.serial = str(v.chassis_sn)!;
  return k;
}

function ntc(s: Sample, r: J, all: J): Known | undefined {
  const rows = (all.parsed_sample as J[] | undefined) ?? [];
  switch (`${s.os} ${s.command}`) {
    case 'ios show version':
      return {
        hostname: str(r.hostname)!,
        version: str(r.version)!,
        serial: first(r.serial)!,
        pid: first(r.hardware)!,
      };
    case 'nxos show version':
      return {
        os: 'NX-OS',
        hostname: str(r.hostname)!,
        serial: str(r.serial)!,
        pid: str(r.platform)!,
        version: str(r.os)!.replace(/\s*\[.*$/, ''),
      };
    case 'asa show version': {
      const k: Known = { os: 'ASA', hostname: str(r.hostname)!, version: str(r.version)! };
      if (first(r.serial)) k.serial = first(r.serial)!;
      return k;
    }
    case 'iosxr show version':
      return { os: 'IOS-XR', version: str(r.version)! };
    case 'iosxe show license status': {
      const k: Known = {};
      const set = <K extends keyof Known>(key: K, v: Known[K] | undefined) => {
        if (v !== undefined) k[key] = v;
      };
      set('registrationStatus', str(r.reg_status));
      set('authorizationStatus', str(r.license_auth));
      set('smartAccount', account(r.smart_acct));
      set('virtualAccount', none(str(r.virt_acct)));
      set(
        'transportType',
        str(r.transport_type)
          ?.toLowerCase()
          .replace(/^transport\s+/, ''),
      );
      set('transportUrl', str(r.url));
      set('lastAck', parseDeviceDate(str(r.last_ack_received)));
      return k;
    }
    case 'iosxe show license':
      return { licences: rows.filter((l) => str(l.license_type)).map((l) => ({ name: str(l.feature)! })) };
    case 'asa show license all': {
      const k: Known = { pid: str(r.pid)!, serial: str(r.sn)! };
      if (str(r.registration_status)) k.registrationStatus = str(r.registration_status)!;
      if (str(r.auth_status)) k.authorizationStatus = str(r.auth_status)!;
      if (account(r.smart_account)) k.smartAccount = account(r.smart_account)!;
      if (str(r.virtual_account)) k.virtualAccount = str(r.virtual_account)!;
      if (str(r.transport_type)) k.transportType = str(r.transport_type)!.toLowerCase();
      const lic = rows.filter((l) => str(l.license_pid) || str(l.license));
      k.licences = lic.map((l) => ({
        name: str(l.license) ?? str(l.license_pid)!,
        count: num(l.license_count)!,
      }));
      return k;
    }
    case 'nxos show license usage':
      return {
        licences: rows.map((l) => ({ name: str(l.feature) ?? str(l.license_name)! })).filter((l) => l.name),
      };
  }
  return undefined;
}
