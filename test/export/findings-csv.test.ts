import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/analysis/model/finding.ts';
import type { Report } from '../../src/analysis/model/report.ts';
import { type CsvReuse, findingsCsv, findingsCsvPieces } from '../../src/export/findings-csv.ts';
import { FIXTURES, reportFor } from '../helpers/fixtures.ts';
import { bytesOf } from '../helpers/pieces.ts';

let report: Report;

beforeAll(async () => {
  const base = await reportFor(`${FIXTURES}/deploy-modes`);
  // 700 findings (three blocks of rows), with text that CSV quotes or neutralises
  const odd = ['a, "quoted" title', 'two\nlines', '=1+1', '48 × C9300 – “smart”', ' padded '];
  const findings: Finding[] = Array.from({ length: 700 }, (_, i) => {
    const f = base.findings[i % base.findings.length]!;
    return { ...f, id: `${f.id}-${i}`, title: i % 7 === 0 ? odd[i % odd.length]! : f.title };
  });
  report = { ...base, findings };
});

/** The CSV of `r` as the analysis cache keeps it. */
function kept(r: Report): CsvReuse {
  const blocks: [number, number][] = [];
  const text = bytesOf(findingsCsvPieces(r, { blocks }));
  return { findings: r.findings, currency: r.client.currency, text, blocks };
}

describe('findings.csv in blocks', () => {
  it('is exactly the CSV written in one piece', () => {
    expect(bytesOf(findingsCsvPieces(report)).toString()).toBe(findingsCsv(report));
    const none = { ...report, findings: [] };
    expect(bytesOf(findingsCsvPieces(none)).toString()).toBe(findingsCsv(none));
  });

  it('copies the blocks whose findings a decision left alone, and gives the CSV written afresh', () => {
    const cache = kept(report);
    const findings = report.findings.map((f, i) => (i === 300 ? { ...f, status: 'accepted' as const } : f));
    const decided = { ...report, findings };
    const pieces = [...findingsCsvPieces(decided, { reuse: cache })];
    expect(bytesOf(pieces).toString()).toBe(findingsCsv(decided));
    const text = cache.text as Uint8Array;
    const copied = pieces.filter((p) => typeof p !== 'string' && text.buffer === p.buffer);
    // blocks 0 and 2 are copied; block 1 (findings 256-511) holds the decision and is written
    expect(copied.map((p) => (p as Uint8Array).byteOffset - text.byteOffset)).toEqual([
      cache.blocks[0]![0],
      cache.blocks[2]![0],
    ]);
  });

  it('writes every row again when the currency is not the cached one', () => {
    const cache = kept(report);
    const other = { ...report, client: { ...report.client, currency: 'XYZ' } };
    const pieces = [...findingsCsvPieces(other, { reuse: cache })];
    expect(bytesOf(pieces).toString()).toBe(findingsCsv(other));
    expect(pieces.some((p) => typeof p !== 'string' && p.buffer === (cache.text as Uint8Array).buffer)).toBe(
      false,
    );
  });
});
