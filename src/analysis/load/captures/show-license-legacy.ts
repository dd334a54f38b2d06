import type { CapturedLicence, DeviceCapture } from '../../model/capture.ts';
import { setEra, setField } from './draft.ts';
import type { CaptureLine } from './split.ts';

/**
 * Pre-Smart `show license` (right-to-use / PAK licences on ISR G2, ISR4K 3.x, Cat3K/4K):
 * `Index N Feature: name` followed by `License Type:`, `License State:`, `License Count:` lines.
 * A feature listed without those lines is only known to the image, not licensed: skipped.
 */
export function readLegacyLicences(lines: readonly CaptureLine[], file: string, d: DeviceCapture): void {
  let current: { lic: CapturedLicence; fields: Map<string, string> } | undefined;
  const flush = () => {
    if (current?.fields.has('license type')) finish(d, current.lic, current.fields);
    current = undefined;
  };
  for (const l of lines) {
    const head = /^\s*(?:Store)?Index:?\s*\d+\s+Feature:\s*(\S+)/i.exec(l.text);
    if (head) {
      flush();
      current = { lic: { name: head[1]!, count: 0, source: { file, line: l.line } }, fields: new Map() };
      continue;
    }
    if (!current) continue;
    const kv = /^\s+([^:]+?)\s*:\s*(.*)$/.exec(l.text);
    if (kv) current.fields.set(kv[1]!.toLowerCase(), kv[2]!.trim());
  }
  flush();
}

function finish(d: DeviceCapture, lic: CapturedLicence, fields: Map<string, string>): void {
  const type = fields.get('license type') ?? '';
  const state = fields.get('license state') ?? '';
  const inUse = /\bIn Use\b/i.test(state) && !/Not in Use/i.test(state);
  lic.licenceType = type;
  if (state) lic.status = state;
  // `0/0  (In-use/Violation)` is counted; `Non-Counted` means one device-wide right to use.
  const counted = /^(\d+)\s*\/\s*(\d+)/.exec(fields.get('license count') ?? '');
  lic.count = counted ? Number(counted[1]) : inUse ? 1 : 0;
  d.licences.push(lic);
  d.evidence.licences ??= lic.source;
  setEra(d, 'traditional', lic.source);
  // A feature running on an evaluation licence is the RTU equivalent of Smart Licensing's EVAL MODE.
  if (inUse && /eval/i.test(type)) setField(d, 'evaluationMode', true, lic.source);
}
