import type { DeviceCapture } from '../../model/capture.ts';
import type { Catalog } from '../../model/catalog.ts';
import { LedgerBuilder } from '../../model/ledger.ts';
import { decodeText } from '../decode.ts';
import { parseCaptureText } from './parse.ts';

/**
 * Loader for `captures/**\/*.txt`: one ledger row per command section, accepted when it was read
 * into a device with an identity, rejected (with line and reason) otherwise. Never throws.
 */
export async function loadCaptures(
  file: string,
  bytes: Uint8Array,
  catalog: Catalog,
): Promise<{ records: DeviceCapture[]; ledger: LedgerBuilder }> {
  const ledger = new LedgerBuilder(file, 'captures', 'text');
  let text: string;
  try {
    const decoded = decodeText(bytes);
    text = decoded.text;
    if (decoded.encoding !== 'utf-8') ledger.note('info', `decoded as ${decoded.encoding}`);
  } catch (e) {
    ledger.fail(e instanceof Error ? e.message : String(e));
    return { records: [], ledger };
  }
  const result = parseCaptureText(file, text, catalog);
  for (const s of result.sections) {
    if (s.status === 'parsed' && !s.reason) {
      ledger.accept();
      continue;
    }
    const reason = s.reason ?? (s.status === 'empty' ? 'no output' : 'unsupported command');
    ledger.reject(s.line, reason);
    if (s.status === 'unsupported') ledger.note('info', reason, { line: s.line });
  }
  return { records: result.devices, ledger };
}
