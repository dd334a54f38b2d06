import type { DeviceCapture } from '../../model/capture.ts';
import { setEra, setField, setReservation } from './draft.ts';
import type { CaptureLine } from './split.ts';

/**
 * NX-OS traditional `show license usage`: a table
 * `Feature  Ins  Lic Count  Status  Expiry Date  Comments`, one row per licence package.
 * (NX-OS Smart Licensing prints the Smart Agent blocks instead: see show-license-summary-usage.ts.)
 */
export function readNxosUsageTable(lines: readonly CaptureLine[], file: string, d: DeviceCapture): void {
  const start = lines.findIndex((l) => /^\s*Feature\s+Ins\s+Lic\s+Status/.test(l.text));
  if (start < 0) return;
  for (const l of lines.slice(start + 1)) {
    const m = /^(\S+)\s+(Yes|No)\s+(-|\d+)\s+(In use|Unused|\S+)\s*(.*)$/i.exec(l.text.trim());
    if (!m) continue;
    const [, name, installed, lic, status, rest] = m as unknown as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const expiry = /^Never\b/i.test(rest) ? 'Never' : (/^(\S+ \S+ \S+)\s/.exec(rest)?.[1] ?? '');
    const comment = rest.replace(/^Never\s*/i, '').trim();
    const inUse = /^in use$/i.test(status);
    const source = { file, line: l.line };
    d.licences.push({
      name,
      count: inUse ? (/^\d+$/.test(lic) ? Number(lic) || 1 : 1) : 0,
      status: installed === 'Yes' ? status : `${status} (not installed)`,
      // Grace means in use without an installed licence: NX-OS's honour-based evaluation.
      ...(/grace/i.test(comment) ? { enforcement: comment } : {}),
      licenceType:
        installed === 'No' ? 'not installed' : expiry === 'Never' ? 'Permanent' : expiry || 'unknown',
      source,
    });
    d.evidence.licences ??= source;
    setEra(d, 'traditional', source);
    if (inUse && installed === 'No') setField(d, 'evaluationMode', true, source);
  }
}

/**
 * ASA licence lines, in `show version` and classic (activation-key) `show license all`: `License mode: Smart Licensing`, `License reservation: Enabled`,
 * and the classic activation-key licence (`This platform has an ASA 5520 VPN Plus license.`).
 */
export function readAsaLicenceLines(lines: readonly CaptureLine[], file: string, d: DeviceCapture): void {
  if (!lines.some((l) => /Activation Key|Licensed features for this platform|^License mode:/i.test(l.text)))
    return;
  for (const l of lines) {
    const at = { file, line: l.line };
    const t = l.text.trim();
    const mode = /^License mode:\s*(.*)$/i.exec(t);
    if (mode) setEra(d, /smart/i.test(mode[1]!) ? 'smart' : 'traditional', at);
    const res = /^License reservation:\s*(\S+)/i.exec(t);
    if (res) setReservation(d, { enabled: /enabled/i.test(res[1]!) }, at);
    const platform = /^This platform has an? (.+?) license\.?$/i.exec(t);
    if (platform) {
      d.licences.push({
        name: platform[1]!,
        count: 1,
        status: 'active',
        licenceType: 'activation key',
        source: at,
      });
      d.evidence.licences ??= at;
      setEra(d, 'traditional', at);
    }
    if (/^Running (Permanent|Timebased) Activation Key/i.test(t)) setEra(d, 'traditional', at);
    setField(d, 'serial', /^Serial Number:\s*(\S+)/i.exec(t)?.[1], at);
  }
}
