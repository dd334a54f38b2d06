/**
 * Support records packed for the trip from the worker to the main thread: each distinct string
 * once, and each record as numbers.
 *
 * A structured clone of the records themselves made every record again field by field on the
 * main thread, with its own copy of every string (46,000 copies of `contracts/support.csv`, of
 * "SWSS", of each PID) and a second object per record for the fields that did not fit: at
 * 200,000 devices receiving the 46,000 records took 75-126 ms of the main thread, the busier one.
 * Packed, they arrive as one list of strings and one array of numbers, and are made again here as
 * the loader makes them, in one literal.
 */
import { ref } from '../model/ledger.ts';
import type { SupportRecord } from '../model/records.ts';

export interface PackedSupport {
  /** Every distinct string of the records: files, serials, contracts, dates, PIDs, levels. */
  strings: string[];
  /** `FIELDS` numbers per record: the line, then the index in `strings` of each text field. */
  cells: Int32Array;
}

/** line, file, serial, contract, startDate, endDate, pid, serviceLevel (-1: absent) */
const FIELDS = 8;

export function packSupport(records: readonly SupportRecord[]): PackedSupport {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const at = (s: string | undefined): number => {
    if (s === undefined) return -1;
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  const cells = new Int32Array(records.length * FIELDS);
  for (let r = 0, c = 0; r < records.length; r++, c += FIELDS) {
    const x = records[r]!;
    cells[c] = x.source.line;
    cells[c + 1] = at(x.source.file);
    cells[c + 2] = at(x.serial);
    cells[c + 3] = at(x.contract);
    cells[c + 4] = at(x.startDate);
    cells[c + 5] = at(x.endDate);
    cells[c + 6] = at(x.pid);
    cells[c + 7] = at(x.serviceLevel);
  }
  return { strings, cells };
}

export function unpackSupport({ strings, cells }: PackedSupport): SupportRecord[] {
  const text = (i: number) => strings[i]!;
  const optional = (i: number) => (i < 0 ? undefined : strings[i]);
  const records: SupportRecord[] = [];
  for (let c = 0; c < cells.length; c += FIELDS) {
    // the fields in the order support.ts makes them, so both share one shape
    records.push({
      source: ref(text(cells[c + 1]!), cells[c]!),
      serial: text(cells[c + 2]!),
      contract: text(cells[c + 3]!),
      startDate: text(cells[c + 4]!),
      endDate: text(cells[c + 5]!),
      pid: optional(cells[c + 6]!),
      serviceLevel: optional(cells[c + 7]!),
    });
  }
  return records;
}
