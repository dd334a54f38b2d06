import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromExcelSerial, parseCount, parseDate, parseMoney } from '../../src/analysis/load/values.ts';
import { parseUdi, parseUdiList, serialOf } from '../../src/analysis/reconcile/udi.ts';

/** 2,000 runs each; TRUEUP_PROPERTY_RUNS changes it. */
const RUNS = Number(process.env.TRUEUP_PROPERTY_RUNS ?? 2_000);
const opts = { numRuns: RUNS };
const anyText = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));

/** n with its digits grouped by `sep` in threes: 1234567 → 1,234,567. */
const grouped = (n: number, sep: string) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);

describe('parseCount', () => {
  it('never throws, whatever the cell', () => {
    fc.assert(
      fc.property(anyText, (s) => void parseCount(s)),
      opts,
    );
  });

  it('reads back any whole number, plain or grouped by , . space or NBSP', () => {
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom('', ',', '.', ' ', '\u00a0'), (n, sep) => {
        expect(parseCount(` ${grouped(n, sep)} `)).toEqual({ ok: true, value: n });
      }),
      opts,
    );
  });

  it('rejects negatives and fractions, naming why', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 1, max: 99 }), (n, f) => {
        expect(parseCount(`-${n}`)).toMatchObject({ ok: false, reason: expect.stringContaining('negative') });
        expect(parseCount(`${n}.${String(f).padStart(2, '0').replace(/0$/, '5')}`)).toMatchObject({
          ok: false,
          reason: expect.stringContaining('fractional'),
        });
      }),
      opts,
    );
  });
});

describe('parseMoney', () => {
  it('never throws, whatever the cell', () => {
    fc.assert(
      fc.property(anyText, (s) => void parseMoney(s)),
      opts,
    );
  });

  it('reads back any amount in US, European and currency-marked forms', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (cents) => {
        const value = cents / 100;
        const whole = Math.floor(cents / 100);
        const dec = String(cents % 100).padStart(2, '0');
        for (const s of [
          `${grouped(whole, ',')}.${dec}`,
          `${grouped(whole, '.')},${dec}`,
          `€ ${grouped(whole, ' ')},${dec}`,
          `USD ${whole}.${dec}`,
          `${whole},${dec} EUR`,
        ]) {
          const r = parseMoney(s);
          expect(r.ok, s).toBe(true);
          if (r.ok) expect(r.value).toBeCloseTo(value, 2);
        }
      }),
      opts,
    );
  });
});

describe('parseDate', () => {
  const day = fc
    .integer({ min: Date.UTC(1980, 0, 1) / 86_400_000, max: Date.UTC(2100, 11, 31) / 86_400_000 })
    .map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));

  it('never throws, whatever the cell and the date order', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom('MDY' as const, 'DMY' as const), (s, o) => void parseDate(s, o)),
      opts,
    );
  });

  it('reads back any date written ISO, dotted, with slashes in the client order, or with a month name', () => {
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    fc.assert(
      fc.property(day, (iso) => {
        const [y, m, d] = iso.split('-');
        const mon = months[Number(m) - 1]!;
        expect(parseDate(iso)).toEqual({ ok: true, value: iso });
        expect(parseDate(`${iso}T12:30:00Z`)).toEqual({ ok: true, value: iso });
        expect(parseDate(`${d}.${m}.${y}`)).toEqual({ ok: true, value: iso });
        expect(parseDate(`${m}/${d}/${y}`, 'MDY')).toEqual({ ok: true, value: iso });
        expect(parseDate(`${d}/${m}/${y}`, 'DMY')).toEqual({ ok: true, value: iso });
        expect(parseDate(`${d}-${mon}-${y}`)).toEqual({ ok: true, value: iso });
        expect(parseDate(`${mon} ${Number(d)}, ${y}`)).toEqual({ ok: true, value: iso });
      }),
      opts,
    );
  });

  it('reads Excel serials as the day they count to from 1899-12-30', () => {
    fc.assert(
      fc.property(fc.integer({ min: 20_000, max: 80_000 }), (serial) => {
        const r = fromExcelSerial(serial);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect((Date.parse(`${r.value}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000).toBe(serial);
        expect(parseDate(String(serial))).toEqual(r);
      }),
      opts,
    );
  });
});

describe('UDI parser', () => {
  const pid = fc.stringMatching(/^[A-Z0-9][A-Z0-9-]{2,15}$/);
  const serial = fc.stringMatching(/^[A-Z0-9]{4,14}$/);

  it('never throws, whatever the cell', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        parseUdi(s);
        parseUdiList(s);
        serialOf(s);
      }),
      opts,
    );
  });

  it('reads the PID and serial of every accepted spelling, in any case, alone or in a list', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(pid, serial), { minLength: 1, maxLength: 5 }), fc.nat(), (udis, k) => {
        const forms = [
          (p: string, s: string) => `PID:${p},SN:${s}`,
          (p: string, s: string) => `UDI_PID:${p.toLowerCase()}; UDI_SN:${s.toLowerCase()}`,
          (p: string, s: string) => `${p}:${s}`,
          (p: string, s: string) => `PID: ${p} , SN: ${s}`,
        ];
        const written = udis.map(([p, s], i) => forms[(k + i) % forms.length]!(p, s));
        for (const [i, w] of written.entries()) {
          expect(parseUdi(w)).toEqual({ pid: udis[i]![0], serial: udis[i]![1] });
          expect(serialOf(w)).toBe(udis[i]![1]);
        }
        const list = parseUdiList(written.join(k % 2 ? ' ; ' : '|'));
        expect(list.invalid).toEqual([]);
        expect(list.udis).toEqual(udis.map(([p, s]) => ({ pid: p, serial: s })));
      }),
      opts,
    );
  });
});
