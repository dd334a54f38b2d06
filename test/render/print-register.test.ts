import { describe, expect, it } from 'vitest';
import { type Finding, SEVERITIES } from '../../src/analysis/model/finding.ts';
import { printRegister } from '../../src/lib/print-limits.ts';

const finding = (i: number, severity: Finding['severity']): Finding =>
  ({
    id: `f-${String(i).padStart(4, '0')}`,
    status: 'open',
    family: 'orphaned',
    severity,
    title: `t${i}`,
    detail: '',
    action: '',
    evidence: [{ file: 'a.csv', line: i + 2 }],
  }) as Finding;

// register order: a mix of severities, as a big estate's register interleaves them
const many = Array.from({ length: 1000 }, (_, i) => finding(i, SEVERITIES[(i * 7) % 5]!));

describe('the PDF appendix register of a large estate', () => {
  it('prints every finding when there are no more than the limit', () => {
    const r = printRegister(many.slice(0, 40), 40);
    expect(r.shown.map((f) => f.id)).toEqual(many.slice(0, 40).map((f) => f.id));
    expect(r.omitted).toEqual([]);
  });

  it('keeps the most severe, in register order, and counts what it left off per severity', () => {
    const r = printRegister(many, 300);
    expect(r.shown).toHaveLength(300);
    const rank = (f: Finding) => SEVERITIES.indexOf(f.severity);
    const worstLeft = Math.min(...many.filter((f) => !r.shown.includes(f)).map(rank));
    expect(Math.max(...r.shown.map(rank))).toBeLessThanOrEqual(worstLeft);
    const order = r.shown.map((f) => many.indexOf(f));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const left = r.omitted.reduce((n, o) => n + o.count, 0);
    expect(left).toBe(700);
    for (const o of r.omitted)
      expect(o.count).toBe(many.filter((f) => f.severity === o.severity && !r.shown.includes(f)).length);
  });
});
