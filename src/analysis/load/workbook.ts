import { type Document, isAlias, isMap, isScalar, type Node, parseDocument, type YAMLMap } from 'yaml';
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
  try {
    // aliases are fine; an alias bomb ("billion laughs") is refused before anything expands it
    doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    ledger.fail(`${(e as Error).message}; expected plain values (YAML aliases expand too far)`);
    return { records: [], ledger };
  }
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
    const body = resolved(doc, item.value as Node | null);
    if (!isMap(body)) {
      ledger.reject(line, 'expected status, owner and/or comment under the id', id);
      continue;
    }
    const entry: WorkbookEntry = { id, line };
    let problem: { reason: string; column: string } | undefined;
    for (const pair of pairsOf(doc, body)) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const node = resolved(doc, pair.value as Node | null);
      const value = isScalar(node) ? String(node.value ?? '') : undefined;
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

/** The node an alias points to (`*name`), or the node itself. */
function resolved(doc: Document, node: Node | null | undefined): Node | null | undefined {
  return isAlias(node) ? (node.resolve(doc) as Node | undefined) : node;
}

/** A mapping's pairs with `<<: *other` merge keys spread in (keys written here win). */
function pairsOf(doc: Document, map: YAMLMap): YAMLMap['items'] {
  const own = map.items.filter((p) => !(isScalar(p.key) && p.key.value === '<<'));
  const merged = map.items
    .filter((p) => isScalar(p.key) && p.key.value === '<<')
    .flatMap((p) => {
      const m = resolved(doc, p.value as Node | null);
      return isMap(m) ? m.items : [];
    });
  const keyOf = (p: YAMLMap['items'][number]) => (isScalar(p.key) ? String(p.key.value) : '');
  const ownKeys = new Set(own.map(keyOf));
  return [...own, ...merged.filter((p) => !ownKeys.has(keyOf(p)))];
}
