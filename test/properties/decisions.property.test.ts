import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadClientFolder } from '../../src/analysis/load/client-folder.ts';
import type { WorkbookEntry } from '../../src/analysis/load/client-inputs.ts';
import type { Report } from '../../src/analysis/model/report.ts';
import { analyseInputs, applyDecisions, topActions } from '../../src/analysis/report/build-report.ts';
import { withoutDecisions } from '../../src/analysis/report/decision-ledger.ts';
import { applyWorkbook, DECISION_FIELDS } from '../../src/analysis/report/workbook.ts';
import { catalog, FIXTURES, reportFor } from '../helpers/fixtures.ts';

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

describe('top actions after decisions', () => {
  let analysed: Report;
  beforeAll(async () => {
    const c = await catalog();
    analysed = analyseInputs(withoutDecisions(await loadClientFolder(`${FIXTURES}/workbook`, c)), c);
  });

  it('are those of the decided findings, whichever decisions are taken', () => {
    const entry = fc.record({
      pick: fc.nat(),
      status: fc.constantFrom('open' as const, 'accepted' as const, 'disputed' as const, 'resolved' as const),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), fc.boolean(), (picks, unknownId) => {
        const entries: WorkbookEntry[] = picks.map(({ pick, status }, line) => ({
          status,
          id: analysed.findings[pick % analysed.findings.length]!.id,
          line: line + 1,
        }));
        if (unknownId) entries.push({ id: 'va-imbalance-00000000', status: 'resolved', line: 99 });
        const decided = applyDecisions(analysed, entries);
        expect(decided.summary.topActions).toEqual(topActions(decided.findings));
      }),
      { numRuns: Math.min(RUNS, 300) },
    );
  });

  it('leave out a finding the workbook resolves', () => {
    const top = analysed.summary.topActions[0]!;
    const after = applyDecisions(analysed, [{ id: top.findingId, status: 'resolved', line: 1 }]);
    expect(after.summary.topActions.map((a) => a.findingId)).not.toContain(top.findingId);
    expect(applyDecisions(analysed, []).summary.topActions).toEqual(analysed.summary.topActions);
  });
});
