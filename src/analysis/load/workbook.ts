import { isMap, isScalar, parseDocument } from 'yaml';
import { STATUSES } from '../model/finding.ts';
import { LedgerBuilder } from '../model/ledger.ts';
import type { WorkbookEntry } from './client-inputs.ts';
import { decodeText } from './decode.ts';

const KEYS = ['status', 'owner', 'comment'] as const;

/**
 * workbook/findings.yaml: the advisor's decisions, keyed by finding id.
 *   va-imbalance-1a2b3c4d:
 *     status: disputed        # open | accepted | disputed | resolved
 *     owner: Jane Advisor
 *     comment: Cisco agreed to move these in the Q3 call.
 * Each id is one ledger row; a bad entry is rejected with its line and column.
 */
export function loadWorkbook(
  file: string,
  bytes: Uint8Array,
): { records: WorkbookEntry[]; ledger: LedgerBuilder } {
  const ledger = new LedgerBuilder(file, 'workbook', 'yaml');
  const text = decodeText(bytes).text;
  const lineOf = (offset: number | undefined) =>
    offset === undefined ? 1 : text.slice(0, offset).split('\n').length;
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    ledger.fail(`line ${lineOf(e.pos[0])}: ${e.message.split('\n')[0]}; expected a mapping of finding ids`);
    return { records: [], ledger };
  }
  if (doc.contents === null) return { records: [], ledger };
  if (!isMap(doc.contents)) {
    ledger.fail('expected a mapping of finding id → { status, owner, comment }');
    return { records: [], ledger };
  }
  const records: WorkbookEntry[] = [];
  for (const item of doc.contents.items) {
    const line = lineOf((item.key as { range?: number[] } | null)?.range?.[0]);
    const id = isScalar(item.key) ? String(item.key.value) : '';
    if (!/^[a-z-]+-[0-9a-f]{8}$/.test(id)) {
      ledger.reject(line, `expected a finding id like va-imbalance-1a2b3c4d, found "${id}"`, 'id');
      continue;
    }
    if (!isMap(item.value)) {
      ledger.reject(line, 'expected status, owner and/or comment under the id', id);
      continue;
    }
    const entry: WorkbookEntry = { id, line };
    let problem: { reason: string; column: string } | undefined;
    for (const pair of item.value.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = isScalar(pair.value) ? String(pair.value.value ?? '') : undefined;
      if (!(KEYS as readonly string[]).includes(key)) {
        problem = { reason: `unknown key "${key}"; expected ${KEYS.join(', ')}`, column: key };
      } else if (value === undefined) {
        problem = { reason: `expected text for ${key}`, column: key };
      } else if (key === 'status') {
        if (!(STATUSES as readonly string[]).includes(value)) {
          problem = { reason: `expected status ${STATUSES.join(' | ')}, found "${value}"`, column: key };
        } else entry.status = value as WorkbookEntry['status'] & string;
      } else entry[key as 'owner' | 'comment'] = value;
    }
    if (problem) ledger.reject(line, problem.reason, problem.column);
    else {
      records.push(entry);
      ledger.accept();
    }
  }
  return { records, ledger };
}
