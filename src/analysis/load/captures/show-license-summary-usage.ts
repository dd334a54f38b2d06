import type { CapturedLicence, DeviceCapture } from '../../model/capture.ts';
import type { SourceRef } from '../../model/evidence.ts';
import { setEra } from './draft.ts';
import type { CaptureLine } from './split.ts';

/**
 * Licences in use, in the three layouts the Smart Agent prints them:
 * - `show license summary`: a table `License  Entitlement Tag  Count Status`;
 * - `show license usage|all` (IOS-XE, ASA, NX-OS): blocks `name (tag):` + `Count:`/`Status:` lines;
 * - `show license tech support`: blocks `Handle: N` + `License:`/`Entitlement Tag:` lines.
 * The text in parentheses is what the device's own summary table calls the entitlement tag
 * (often a truncated description); tech support prints the real `regid.…` tag.
 */
export function readLicences(lines: readonly CaptureLine[], file: string, d: DeviceCapture): void {
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.text;
    if (/^\s*License\s+Entitlement Tag\s+Count\s+Status/i.test(t))
      i = readSummaryTable(lines, i + 1, file, d);
    else if (/^\s*Handle:\s*\d+\s*$/.test(t)) i = readBlock(lines, i, file, d, 'handle');
    else if (blockHead(t) && nextIsLicenceKey(lines, i)) i = readBlock(lines, i, file, d, 'named');
  }
}

function blockHead(t: string): { name: string; tag: string } | undefined {
  const m = /^\s{0,2}(\S.*?)?\s*\((.+)\):\s*$/.exec(t);
  if (!m) return undefined;
  return { name: (m[1] ?? '').trim(), tag: m[2]!.trim() };
}

/** A `name (tag):` line starts a licence only if its next line is a licence key (policy headings also end in `):`). */
function nextIsLicenceKey(lines: readonly CaptureLine[], i: number): boolean {
  for (let j = i + 1; j < lines.length; j++) {
    const t = lines[j]!.text;
    if (t.trim() !== '') return /^\s+(Description|Count|Version|Status):/.test(t);
  }
  return false;
}

function readSummaryTable(
  lines: readonly CaptureLine[],
  start: number,
  file: string,
  d: DeviceCapture,
): number {
  let i = start;
  for (; i < lines.length; i++) {
    const t = lines[i]!.text;
    if (/^\s*-+\s*$/.test(t)) continue;
    if (t.trim() === '') break;
    // 16.x prints display names with spaces (`C9300 24P Network Ad...`); 17.x short names.
    const m =
      /^\s*(.*?)\s*\(([^()]*)\)\s+(\d+)\s+(.+?)\s*$/.exec(t) ?? /^\s*(\S+)\s+()(\d+)\s+(.+?)\s*$/.exec(t);
    if (!m) break;
    add(d, {
      name: m[1] || m[2]!,
      ...(m[2] ? { entitlementTag: m[2] } : {}),
      count: Number(m[3]),
      status: m[4]!,
      source: { file, line: lines[i]!.line },
    });
  }
  return i - 1;
}

function readBlock(
  lines: readonly CaptureLine[],
  start: number,
  file: string,
  d: DeviceCapture,
  kind: 'handle' | 'named',
): number {
  const head = kind === 'named' ? blockHead(lines[start]!.text) : undefined;
  const source: SourceRef = { file, line: lines[start]!.line };
  const fields = new Map<string, string>();
  let i = start + 1;
  for (; i < lines.length; i++) {
    const t = lines[i]!.text;
    if (t.trim() === '' && kind === 'named') break;
    if (t.trim() === '') continue;
    // The block ends at the next unindented line (next handle, heading, or `name (tag):`).
    if (!/^\s/.test(t)) break;
    if (kind === 'named' && blockHead(t) && nextIsLicenceKey(lines, i)) break;
    const kv = /^\s+([^:]+?)\s*:\s*(.*)$/.exec(t);
    // Keys are read once: the first `Status:` is the licence's, deeper ones belong to measurements.
    if (kv && !fields.has(kv[1]!.toLowerCase())) fields.set(kv[1]!.toLowerCase(), kv[2]!.trim());
  }
  const name = kind === 'handle' ? (fields.get('license') ?? '') : head?.name || head?.tag || '';
  if (name) {
    const lic: CapturedLicence = { name, count: parseCount(fields.get('count')), source };
    const tag = kind === 'handle' ? fields.get('entitlement tag') : head?.tag;
    if (tag) lic.entitlementTag = tag;
    const desc = fields.get('description') || fields.get('feature description');
    if (desc) lic.description = desc;
    const status = fields.get('status');
    if (status) lic.status = status.replace(/\s*\(\d+\)\s*$/, '');
    const enforcement = fields.get('enforcement type');
    if (enforcement) lic.enforcement = enforcement;
    const type = fields.get('license type');
    if (type) lic.licenceType = type;
    const exp = fields.get('export status');
    if (exp) lic.exportStatus = exp;
    add(d, lic);
  }
  return i - 1;
}

function parseCount(s: string | undefined): number {
  const n = Number.parseInt(s ?? '', 10);
  return Number.isFinite(n) && n >= 0 ? n : 0;
}

function add(d: DeviceCapture, lic: CapturedLicence): void {
  d.licences.push(lic);
  d.evidence.licences ??= lic.source;
  // `IN USE` / `NOT IN USE` are policy-mode states (MIB inUse(15)/notInUse(16)); classic Smart
  // Licensing says AUTHORIZED, EVAL MODE, OUT OF COMPLIANCE.
  if (/^(NOT )?IN USE$/i.test(lic.status ?? '')) setEra(d, 'slup', lic.source);
}
