import type { DeviceCapture } from '../../model/capture.ts';
import type { Catalog } from '../../model/catalog.ts';
import { resolveLicence } from '../catalog.ts';
import { readAsaLicenceLines, readNxosUsageTable } from './asa-nxos.ts';
import { readCallHomeProfiles } from './call-home.ts';
import { canonicalCommand, commandFromFileName, detectCommand, type SupportedCommand } from './commands.ts';
import { emptyCapture, evidenceCount, setField } from './draft.ts';
import { mergeCapture, mergeDeviceCaptures } from './merge.ts';
import { readLegacyLicences } from './show-license-legacy.ts';
import { readSmartStatus } from './show-license-smart.ts';
import { readLicences } from './show-license-summary-usage.ts';
import { readShowVersion } from './show-version.ts';
import { type RawSection, splitSections } from './split.ts';

/** What became of one command section of a capture file (one ledger row). */
export interface CaptureSection {
  command: string;
  line: number;
  status: 'parsed' | 'unsupported' | 'empty';
  /** Why a section was not used; set on `parsed` sections whose device has no identity. */
  reason?: string;
}

export interface CaptureParse {
  /** Devices with a hostname or serial, one per device named in the file. */
  devices: DeviceCapture[];
  /** What was read from sections that never say which device they came from. */
  anonymous: DeviceCapture[];
  sections: CaptureSection[];
}

export const NO_IDENTITY = 'no device identity found (no prompt, hostname, UDI or serial in this file)';

/**
 * Parse one capture file. Pure and total: any text gives a result, never an exception.
 * `file` is the path relative to the client folder, used in every evidence reference.
 */
export function parseCaptureText(file: string, text: string, catalog?: Catalog): CaptureParse {
  try {
    return parse(file, text, catalog);
  } catch (e) {
    const reason = `capture could not be read: ${e instanceof Error ? e.message : String(e)}`;
    return {
      devices: [],
      anonymous: [],
      sections: [{ command: '(file)', line: 1, status: 'unsupported', reason }],
    };
  }
}

function parse(file: string, text: string, catalog: Catalog | undefined): CaptureParse {
  const raws = splitSections(text);
  if (raws.length === 0) {
    const command = commandFromFileName(file) ?? '(empty file)';
    return {
      devices: [],
      anonymous: [],
      sections: [{ command, line: 1, status: 'empty', reason: 'empty file' }],
    };
  }
  const groups: { device: DeviceCapture; host?: string; sections: CaptureSection[] }[] = [];
  let current: (typeof groups)[number] | undefined;
  const sections: CaptureSection[] = [];
  for (const raw of raws) {
    const outcome = readSection(file, raw);
    sections.push(outcome.section);
    if (!outcome.device) continue;
    const host = raw.promptHost?.toLowerCase();
    let group = host ? groups.find((g) => g.host === host) : current;
    if (host && !group) group = groups.find((g) => g.host === undefined);
    if (!group) {
      group = { device: emptyCapture(file, outcome.section.line), sections: [] };
      groups.push(group);
    }
    if (host) group.host = host;
    mergeCapture(group.device, outcome.device);
    group.sections.push(outcome.section);
    current = group;
  }
  const devices: DeviceCapture[] = [];
  const anonymous: DeviceCapture[] = [];
  for (const g of groups) {
    if (catalog) resolveKeys(g.device, catalog);
    adoptActiveUdi(g.device);
    if (g.device.hostname || g.device.serial || g.device.members.length) devices.push(g.device);
    else {
      anonymous.push(g.device);
      for (const s of g.sections) s.reason = NO_IDENTITY;
    }
  }
  return { devices: mergeDeviceCaptures(devices), anonymous, sections };
}

function readSection(file: string, raw: RawSection): { section: CaptureSection; device?: DeviceCapture } {
  const blank = raw.lines.every((l) => l.text.trim() === '');
  let command: SupportedCommand | undefined;
  if (raw.rawCommand !== undefined) {
    const typed = raw.rawCommand.replace(/\s+/g, ' ').trim();
    const [base, ...filter] = typed.split('|');
    command = canonicalCommand(base ?? '');
    const section = { command: typed, line: raw.line };
    if (!command) {
      return {
        section: {
          ...section,
          status: 'unsupported',
          reason: `unsupported command "${typed}" at line ${raw.line}`,
        },
      };
    }
    if (filter.length) {
      const reason = `unsupported command "${typed}" at line ${raw.line}: filtered output is partial; capture "${command}" without "|"`;
      return { section: { ...section, status: 'unsupported', reason } };
    }
    if (blank)
      return { section: { command, line: raw.line, status: 'empty', reason: 'no output after the command' } };
  } else {
    command = detectCommand(raw.lines, file);
    if (!command) {
      const reason = `unsupported command: output at line ${raw.line} has no prompt and matches no supported command`;
      return { section: { command: '(unrecognised output)', line: raw.line, status: 'unsupported', reason } };
    }
  }
  const d = emptyCapture(file, raw.line);
  // A typed command says what follows; output pasted without prompts may be several commands
  // run together (`show version` then `show license status`), so every reader looks at it.
  const typed = raw.rawCommand !== undefined;
  if (command === 'show version' || !typed) readShowVersion(raw.lines, file, d);
  if (command === 'show call-home profile all' || !typed) readCallHomeProfiles(raw.lines, file, d);
  if ((command !== 'show version' && command !== 'show call-home profile all') || !typed) {
    readSmartStatus(raw.lines, file, d);
    readLicences(raw.lines, file, d);
    readLegacyLicences(raw.lines, file, d);
    readNxosUsageTable(raw.lines, file, d);
    readAsaLicenceLines(raw.lines, file, d);
  }
  // A call-home listing without a licensing profile was still read: it says licensing is not there.
  const profiles =
    command === 'show call-home profile all' && raw.lines.some((l) => /^Profile Name:/i.test(l.text));
  if (evidenceCount(d) === 0 && !profiles) {
    const reason = `unsupported command: no ${command} content recognised at line ${raw.line}`;
    return { section: { command, line: raw.line, status: 'unsupported', reason } };
  }
  if (raw.promptHost) setField(d, 'hostname', raw.promptHost, { file, line: raw.line });
  d.commands.push(command);
  if (!typed && command !== 'show version' && d.os) d.commands.push('show version');
  return { section: { command, line: raw.line, status: 'parsed' }, device: d };
}

/** A stack or HA pair is known to CSSM by its active member's UDI (`show license status` prints only the list). */
function adoptActiveUdi(d: DeviceCapture): void {
  if (d.serial || d.members.length === 0) return;
  const active =
    d.members.find((m) => /active/i.test(m.role ?? '')) ??
    (d.members.length === 1 ? d.members[0] : undefined);
  const at = d.evidence.members;
  if (!active || !at) return;
  setField(d, 'pid', active.pid || undefined, at);
  setField(d, 'serial', active.serial, at);
}

/**
 * Licence names to catalog keys: the device's `name (tag)` form first, then the tag, then the name.
 * An unknown licence is keyed by its regid tag (without the version/uuid suffix) or its name, so
 * the same licence on two devices groups together.
 */
function resolveKeys(d: DeviceCapture, catalog: Catalog): void {
  for (const l of d.licences) {
    const tag = l.entitlementTag;
    const regid = tag?.startsWith('regid.') ? tag.replace(/,.*$/, '') : undefined;
    const paren = regid ? l.description : (tag ?? l.description);
    const tries = [
      paren && paren !== l.name ? `${l.name} (${paren})` : undefined,
      tag && tag !== paren ? `${l.name} (${tag})` : undefined,
      regid ?? tag,
      l.description,
      l.name,
    ].filter((s): s is string => !!s);
    // the first known spelling wins: the ones after it need not be looked up
    let hit: { key: string } | undefined;
    for (const t of tries) {
      const r = resolveLicence(catalog, t);
      if (r.known) {
        hit = r;
        break;
      }
    }
    l.licenceKey = hit?.key ?? resolveLicence(catalog, regid ?? l.name).key;
    l.known = hit !== undefined;
  }
}
