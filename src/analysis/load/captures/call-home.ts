import type { DeviceCapture } from '../../model/capture.ts';
import { meaningful, setField } from './draft.ts';
import type { CaptureLine } from './split.ts';

/**
 * `show call-home profile all`: with `Transport: Callhome`, the URL of the active profile that
 * reports Smart Licensing says where licensing goes (Cisco's `tools.cisco.com` or an SSM On-Prem
 * `/Transportgateway/` endpoint, DOMAIN.md §4). Kept apart from the transport URL, which a later
 * `show license status` may state for another transport.
 */
export function readCallHomeProfiles(lines: readonly CaptureLine[], file: string, d: DeviceCapture): void {
  let profile: { active: boolean; licensing: boolean; url?: string; line?: number } | undefined;
  const flush = () => {
    if (profile?.active && profile.licensing && profile.url && profile.line) {
      setField(d, 'callHomeUrl', profile.url, { file, line: profile.line });
    }
  };
  for (const l of lines) {
    const t = l.text.trim();
    if (/^Profile Name:/i.test(t)) {
      flush();
      profile = { active: false, licensing: false };
      continue;
    }
    if (!profile) continue;
    const kv = /^([^:]+?)\s*:\s*(.*)$/.exec(t);
    if (!kv) continue;
    const key = kv[1]!.toLowerCase().replace(/\s+/g, ' ');
    const value = kv[2]!.trim();
    if (key === 'profile status') profile.active = /^ACTIVE/i.test(value);
    else if (key === 'reporting data') profile.licensing = /smart licensing/i.test(value);
    else if (/^http address(\(es\))?$/.test(key) && meaningful(value) && !/not yet set up/i.test(value)) {
      profile.url = value.split(/\s+/)[0]!;
      profile.line = l.line;
    }
  }
  flush();
}
