import { addDays, daysBetween } from '../load/values.ts';
import { mergeRefs, type SourceRef } from '../model/evidence.ts';
import type { CiscoOneRecord, SupportRecord } from '../model/records.ts';
import { udiKey } from '../reconcile/udi.ts';
import { recordsUnder, supportByContract, supportByUdiKey } from './support-index.ts';
import { SWSS_GRACE_DAYS } from './thresholds.ts';

/** A stretch of days with no SWSS coverage; `open` when it runs up to asOf (not yet closed). */
export interface CoverageGap {
  serial?: string;
  from: string;
  to: string;
  days: number;
  open: boolean;
}

/**
 * SWSS continuity of one Cisco ONE line (DOMAIN.md §5, [S31]): perpetual licences stay portable
 * only with continuous SWSS from purchase; a late renewal is forgiven within SWSS_GRACE_DAYS.
 * `embedded`: term suites carry their support, so they are portable without a separate contract.
 */
export interface SwssContinuity {
  status: 'continuous' | 'grace' | 'lapsed' | 'no-record' | 'embedded' | 'unknown';
  longestGapDays: number;
  gaps: CoverageGap[];
  contracts: string[];
  from?: string;
  evidence: SourceRef[];
}

/** Uncovered days between `from` and `to` (both inclusive) given covering intervals. */
export function coverageGaps(
  intervals: readonly { startDate: string; endDate: string }[],
  from: string,
  to: string,
  serial?: string,
): CoverageGap[] {
  const gaps: CoverageGap[] = [];
  let cursor = from;
  const sorted = [...intervals].sort((a, b) => a.startDate.localeCompare(b.startDate));
  for (const i of sorted) {
    if (cursor > to) break;
    if (i.startDate > cursor) {
      const end = i.startDate <= to ? addDays(i.startDate, -1) : to;
      gaps.push({
        ...(serial ? { serial } : {}),
        from: cursor,
        to: end,
        days: daysBetween(cursor, end) + 1,
        open: end === to,
      });
    }
    const next = addDays(i.endDate, 1);
    if (next > cursor) cursor = next;
  }
  if (cursor <= to) {
    gaps.push({
      ...(serial ? { serial } : {}),
      from: cursor,
      to,
      days: daysBetween(cursor, to) + 1,
      open: true,
    });
  }
  return gaps;
}

/**
 * The support records behind a line: those of its serials, or, when it lists no serials, those of
 * its SWSS contract id. Each serial must be covered on its own; the line takes the worst gap.
 */
export function swssContinuity(
  line: CiscoOneRecord,
  model: 'perpetual' | 'term',
  support: readonly SupportRecord[],
  supportPresent: boolean,
  asOf: string,
): SwssContinuity {
  if (model === 'term')
    return { status: 'embedded', longestGapDays: 0, gaps: [], contracts: [], evidence: [] };
  // nothing to match support on (no serials, no contract id), or no support file: cannot tell
  if (!supportPresent || (line.serials.length === 0 && !line.swssContract)) {
    return { status: 'unknown', longestGapDays: 0, gaps: [], contracts: [], evidence: [] };
  }
  const groups = new Map<string, SupportRecord[]>();
  if (line.serials.length) {
    for (const s of line.serials)
      groups.set(udiKey(s), recordsUnder(support, supportByUdiKey(support), [udiKey(s)]));
  } else if (line.swssContract) {
    groups.set('', recordsUnder(support, supportByContract(support), [line.swssContract]));
  }
  const records = [...groups.values()].flat();
  const contracts = [...new Set(records.map((r) => r.contract))].sort();
  const evidence = mergeRefs(records.map((r) => r.source));
  const starts = records.map((r) => r.startDate).sort();
  const from = line.startDate ?? starts[0];
  if (records.length === 0 || from === undefined) {
    return { status: 'no-record', longestGapDays: 0, gaps: [], contracts, evidence };
  }
  const gaps = [...groups.entries()].flatMap(([serial, rs]) =>
    coverageGaps(rs, from, asOf, serial || undefined),
  );
  const longestGapDays = Math.max(0, ...gaps.map((g) => g.days));
  const status = longestGapDays === 0 ? 'continuous' : longestGapDays > SWSS_GRACE_DAYS ? 'lapsed' : 'grace';
  return { status, longestGapDays, gaps, contracts, from, evidence };
}
