import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeRefs } from '../../src/analysis/model/evidence.ts';
import {
  compareFindings,
  FAMILIES,
  type Finding,
  SEVERITIES,
  sortFindings,
} from '../../src/analysis/model/finding.ts';
import {
  compareText,
  inCodeOrder,
  orderByText,
  orderOfDistinctText,
  orderOfPlainText,
} from '../../src/analysis/model/text-order.ts';
import { normaliseSerial } from '../../src/analysis/reconcile/udi.ts';
import { pickTopActions } from '../../src/analysis/report/build-report.ts';

/** The analysis's shortcuts give exactly what the plain versions they replace gave. */
const RUNS = Number(process.env.TRUEUP_PROPERTY_RUNS ?? 300);
const plain = fc.stringMatching(/^[0-9A-Z]{0,12}$/);
const sign = (n: number) => Math.sign(n);

describe('text order by code unit', () => {
  it('orders [0-9A-Z] strings as the collator does', () => {
    fc.assert(
      fc.property(plain, plain, (a, b) => {
        if (!inCodeOrder(a) || !inCodeOrder(b)) return;
        expect(sign(a < b ? -1 : a > b ? 1 : 0)).toBe(sign(compareText(a, b)));
      }),
      { numRuns: RUNS * 10 },
    );
  });

  it('sorts distinct strings as compareText sorts them, plain or not', () => {
    const any = fc.oneof(plain, fc.string({ maxLength: 8 }));
    fc.assert(
      fc.property(fc.uniqueArray(any, { maxLength: 40 }), (list) => {
        expect(orderOfDistinctText(list).map((i) => list[i])).toEqual([...list].sort(compareText));
      }),
      { numRuns: RUNS },
    );
  });

  it('orders plain keys that share their first ten characters by the rest', () => {
    // the radix sort ranks the first ten characters; the rest break its ties
    const shared = fc.constantFrom('', 'FOC2419KW0', 'FOC2419KW', 'FOC2419KW0U', 'Z');
    const tail = fc.stringMatching(/^[0-9A-Z]{0,4}$/);
    const key = fc.tuple(shared, tail).map(([a, b]) => a + b);
    fc.assert(
      fc.property(fc.uniqueArray(key, { maxLength: 60 }), (list) => {
        const expected = [...list].sort(compareText);
        expect(orderOfDistinctText(list).map((i) => list[i])).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
  });

  it('sorts plain keys with repeats stably: equal keys keep their order', () => {
    const key = fc.constantFrom('FOC2419KW0A', 'FOC2419KW0B', 'FOC2419KW0', 'JAE1', '', 'Z');
    fc.assert(
      fc.property(fc.array(key, { maxLength: 60 }), (list) => {
        const expected = [...list.keys()].sort((a, b) => compareText(list[a]!, list[b]!) || a - b);
        expect(orderOfPlainText(list)).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
    expect(orderOfPlainText(['A', 'b'])).toBeUndefined();
  });

  it('orders more keys than one radix digit holds', () => {
    // 5,000 keys: every 12-bit pass has many buckets in use, and the order must survive all five
    const list = Array.from({ length: 5000 }, (_, i) => `${((i * 7919) % 5003).toString(36).toUpperCase()}X`);
    const distinct = [...new Set(list)];
    expect(orderOfDistinctText(distinct).map((i) => distinct[i])).toEqual([...distinct].sort(compareText));
  });
});

describe('normaliseSerial', () => {
  it('gives what stripping white space and upper-casing gives', () => {
    // printable ASCII (the fast path) mixed with lower case, spaces and Unicode white space
    const ch = fc.oneof(
      fc.constantFrom(
        'a',
        'z',
        'A',
        'Z',
        '0',
        '-',
        '/',
        '~',
        ' ',
        '\t',
        '\u00a0',
        '\u2028',
        '\ufeff',
        'ß',
        'é',
      ),
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    );
    fc.assert(
      fc.property(
        fc.array(ch, { maxLength: 14 }).map((a) => a.join('')),
        (s) => {
          expect(normaliseSerial(s)).toBe(s.replace(/\s+/g, '').toUpperCase());
        },
      ),
      { numRuns: RUNS * 10 },
    );
  });
});

describe('mergeRefs', () => {
  const ref = fc.record({ file: fc.constantFrom('a.csv', 'B.csv', 'b.csv', 'c/x.csv'), line: fc.nat(5) });
  it('merges one or two refs as the general merge does', () => {
    // the general path, reached with a third list holding the refs again
    fc.assert(
      fc.property(fc.array(fc.array(ref, { maxLength: 2 }), { maxLength: 3 }), (lists) => {
        const refs = lists.flat();
        if (refs.length > 2) return;
        const general = mergeRefs(...lists, refs, refs);
        expect(mergeRefs(...lists)).toEqual(general);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('pickTopActions', () => {
  const byImportance = (a: Finding, b: Finding) =>
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    (b.amount ?? 0) - (a.amount ?? 0) ||
    (b.quantity ?? 0) - (a.quantity ?? 0) ||
    a.id.localeCompare(b.id);
  /** The version that sorted every finding. */
  const reference = (open: readonly Finding[], n = 5) => {
    const sorted = [...open].sort(byImportance);
    const firstOfFamily = FAMILIES.map((f) => sorted.find((x) => x.family === f)).filter(
      (x): x is Finding => !!x,
    );
    const picked = firstOfFamily.sort(byImportance).slice(0, n);
    for (const f of sorted) if (picked.length < n && !picked.includes(f)) picked.push(f);
    return picked;
  };
  const finding = fc
    .record({
      family: fc.constantFrom(...FAMILIES),
      severity: fc.constantFrom(...SEVERITIES),
      amount: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      quantity: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      n: fc.integer({ min: 0, max: 6 }),
    })
    .map(
      ({ family, severity, amount, quantity, n }) =>
        ({ id: `${family}-${n}`, family, severity, amount, quantity }) as unknown as Finding,
    );
  it('picks what sorting every finding picked, ties in input order', () => {
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 60 }), fc.integer({ min: 1, max: 7 }), (open, n) => {
        expect(pickTopActions(open, n)).toEqual(reference(open, n));
        // the same objects, not just equal ones
        pickTopActions(open, n).forEach((f, i) => {
          expect(f).toBe(reference(open, n)[i]);
        });
      }),
      { numRuns: RUNS },
    );
  });
});

describe('orderByText', () => {
  // printable ASCII, weighted to the characters whose order the collator and code units disagree
  // on (case, punctuation, space), after a prefix shared past the sixteen characters the numbers
  // hold; now and then an accent or a symbol, which sends a list to the collator
  const ascii = fc.constantFrom(
    ...' -_.,:;()/×éaAbBzZ09'.split(''),
    ...' !"#$%&\'*+<=>?@[\\]^`{|}~'.split(''),
  );
  const text = fc
    .tuple(
      fc.constantFrom('', 'ams-acc-sw-0', 'UDI_PID:ISR4451-X/K9; UDI_SN:', 'PAK 1002'),
      fc.array(ascii, { maxLength: 12 }),
    )
    .map(([prefix, tail]) => prefix + tail.join(''));
  it('orders as compareText does, texts that compare equal by the tie-break', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 60 }), (list) => {
        const expected = list.map((_, i) => i).sort((a, b) => compareText(list[a]!, list[b]!) || b - a);
        expect(orderByText(list, (a, b) => b - a)).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('sortFindings', () => {
  const finding = fc
    .record({
      family: fc.constantFrom(...FAMILIES),
      severity: fc.constantFrom(...SEVERITIES),
      title: fc.constantFrom('a', 'B', 'b', 'Device x (C9300)', 'device X', ''),
      n: fc.integer({ min: 0, max: 4 }),
    })
    .map(({ family, severity, title, n }) => ({ id: `${family}-${n}`, family, severity, title }) as Finding);
  it('orders as sorting with compareFindings does, the same objects, ties in input order', () => {
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 80 }), (list) => {
        const expected = [...list].sort(compareFindings);
        const got = sortFindings([...list]);
        expect(got.length).toBe(expected.length);
        got.forEach((f, i) => {
          expect(f).toBe(expected[i]);
        });
      }),
      { numRuns: RUNS },
    );
  });
});
