import type { CaptureLine } from './split.ts';

/** The commands trueup reads. Anything else is listed in the ledger, never guessed at. */
export const SUPPORTED = [
  'show license summary',
  'show license status',
  'show license usage',
  'show license all',
  'show license udi',
  'show license tech support',
  'show license',
  'show version',
  'show call-home profile all',
] as const;
export type SupportedCommand = (typeof SUPPORTED)[number];

/** Typed abbreviations (`sh lic sum`, `sho ver`) to the canonical command; `undefined` if not one we read. */
export function canonicalCommand(typed: string): SupportedCommand | undefined {
  const words = typed.trim().toLowerCase().split(/\s+/);
  // `show license techsupport` and `show license tech-support` are spellings of the same command.
  const norm = words.flatMap((w) =>
    w === 'techsupport' || w === 'tech-support' ? ['tech', 'support'] : [w],
  );
  for (const cmd of SUPPORTED) {
    const target = cmd.split(' ');
    if (target.length !== norm.length) continue;
    if (target.every((t, i) => norm[i]!.length >= Math.min(2, t.length) && t.startsWith(norm[i]!)))
      return cmd;
  }
  return undefined;
}

/** The command whose output this looks like, for files pasted without a prompt. */
export function detectCommand(lines: readonly CaptureLine[], fileName: string): SupportedCommand | undefined {
  const text = lines
    .slice(0, 400)
    .map((l) => l.text)
    .join('\n');
  const has = (re: RegExp) => re.test(text);
  // Tech support is `show license all` plus scheduler, communication and agent internals.
  if (has(/^Smart Licensing Tech Support info/m)) return 'show license tech support';
  if (
    has(/^Smart Licensing Status\s*$/m) &&
    has(/^(Upcoming Scheduled Jobs|Communication Statistics:?|Other Info)\s*$/m)
  )
    return 'show license tech support';
  if (has(/^\s*Cisco IOS XR Software|^\s*Cisco IOS XE Software|^\s*Cisco IOS Software|^\s*IOS \(tm\)/m))
    return 'show version';
  if (has(/^\s*Cisco Nexus Operating System|^\s*Cisco Adaptive Security Appliance Software/m))
    return 'show version';
  if (has(/^\s*Index \d+ Feature:/m)) return 'show license';
  if (has(/^\s*Feature\s+Ins\s+Lic\s+Status/m)) return 'show license usage';
  if (has(/^Profile Name:/m) && has(/^\s+Profile status:/m)) return 'show call-home profile all';
  if (has(/^Smart Licensing Status\s*$/m) && has(/^(License Usage|Product Information)\s*$/m))
    return 'show license all';
  if (has(/^\s*License\s+Entitlement Tag\s+Count\s+Status/im)) return 'show license summary';
  if (has(/^Smart Licensing is (ENABLED|DISABLED)|^Smart Licensing Using Policy:|^Registration:\s*$/m))
    return 'show license status';
  if (has(/^\s*(Description|Count):/m) && has(/^\s*\S.*\):\s*$/m)) return 'show license usage';
  if (has(/^UDI: PID:|^\s*SlotID\s+PID\s+SN\s+UDI/m)) return 'show license udi';
  return commandFromFileName(fileName);
}

/** `sw1_show-license-summary.txt`, `sh_lic_all.txt`: the file name may say what was captured. */
export function commandFromFileName(fileName: string): SupportedCommand | undefined {
  const base = (fileName.split('/').pop() ?? '').replace(/\.[^.]*$/, '').toLowerCase();
  const words = base.split(/[^a-z]+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    if (!'show'.startsWith(words[i]!) || words[i]!.length < 2) continue;
    for (let n = Math.min(4, words.length - i); n >= 2; n--) {
      const cmd = canonicalCommand(words.slice(i, i + n).join(' '));
      if (cmd) return cmd;
    }
  }
  return undefined;
}
