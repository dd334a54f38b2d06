import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WorkbookEntry } from '../../src/analysis/load/client-inputs.ts';
import type { Report } from '../../src/analysis/model/report.ts';
import { applyWorkbook, DECISION_FIELDS } from '../../src/analysis/report/workbook.ts';
import { FIXTURES, reportFor } from '../helpers/fixtures.ts';

/**
 * A decision sets DECISION_FIELDS and nothing else. The site keeps a register page from the last
 * build when the analysis and these fields of its findings are unchanged (src/render/page-reuse.ts),
 * so a decision that set any other field would leave a stale page.
 */
const RUNS = Number(process.env.TRUEUP_PROPERTY_RUNS ?? 2_000);

// every field a workbook entry can carry besides its id and line: adding one to WorkbookEntry
// makes this literal fail to type-check until it is listed here (and then in DECISION_FIELDS)
const ENTRY_FIELDS: Record<Exclude<keyof WorkbookEntry, 'id' | 'line'>, true> = {
  status: true,
  owner: true,
  comment: true,
};

let report: Report;
beforeAll(async () => {
  report = await reportFor(`${FIXTURES}/workbook`);
});

describe('workbook decisions', () => {
  it('are exactly the fields a workbook entry can carry', () => {
    expect([...DECISION_FIELDS].sort()).toEqual(Object.keys(ENTRY_FIELDS).sort());
  });

  it('change no field of a finding but DECISION_FIELDS', () => {
    const entry = fc.record(
      {
        pick: fc.nat(),
        status: fc.constantFrom(
          'open' as const,
          'accepted' as const,
          'disputed' as const,
          'resolved' as const,
        ),
        owner: fc.string(),
        comment: fc.string(),
      },
      { requiredKeys: ['pick'] },
    );
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), (picks) => {
        const entries: WorkbookEntry[] = picks.map(({ pick, ...rest }, line) => ({
          ...rest,
          id: report.findings[pick % report.findings.length]!.id,
          line: line + 1,
        }));
        const after = applyWorkbook(report.findings, entries, []);
        expect(after.length).toBe(report.findings.length);
        for (const [i, f] of after.entries()) {
          const before = report.findings[i]!;
          const keys = new Set([...Object.keys(before), ...Object.keys(f)]);
          for (const k of keys) {
            if (JSON.stringify(before[k as keyof typeof f]) === JSON.stringify(f[k as keyof typeof f]))
              continue;
            expect(DECISION_FIELDS as readonly string[]).toContain(k);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });
});
