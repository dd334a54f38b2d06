import * as Plot from '@observablehq/plot';
import type { PositionRow } from '../analysis/checks/va-imbalance.ts';
import { licenceType, signed } from './format.ts';
import { plotToSvg } from './plot.ts';

/** Palette shared with the stylesheet: short = severity red, surplus = slate, balanced = grey. */
export const CHART_COLOURS = { short: '#b23a3a', surplus: '#5b7083', balanced: '#9aa5ad' } as const;

type Phase = 'Before transfers' | 'After transfers';
interface Bar {
  licence: string;
  phase: Phase;
  value: number;
  state: 'Short' | 'Surplus' | 'Balanced';
}

function state(v: number): Bar['state'] {
  return v < 0 ? 'Short' : v > 0 ? 'Surplus' : 'Balanced';
}

/** One row label per licence and type; the type is shown only where a licence has two. */
function labels(rows: readonly PositionRow[]): Map<PositionRow, string> {
  const types = new Map<string, Set<string>>();
  for (const r of rows) types.set(r.licence, (types.get(r.licence) ?? new Set()).add(r.licenceType));
  return new Map(
    rows.map((r) => [
      r,
      (types.get(r.licence)?.size ?? 0) > 1 ? `${r.licence} (${licenceType(r.licenceType)})` : r.licence,
    ]),
  );
}

/** The extent every VA chart shares, so that bars compare across charts. */
export function balanceExtent(rows: readonly PositionRow[]): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const r of rows) {
    lo = Math.min(lo, r.balance, r.afterTransfers);
    hi = Math.max(hi, r.balance, r.afterTransfers);
  }
  return [lo === 0 && hi === 0 ? -1 : lo, hi === 0 && lo === 0 ? 1 : hi];
}

/** Room for the longest licence label, so that stacked charts line up when given the same rows. */
export function labelMargin(rows: readonly PositionRow[]): number {
  const longest = Math.max(8, ...[...labels(rows).values()].map((l) => l.length));
  return Math.min(260, Math.round(16 + longest * 6.8));
}

/**
 * Diverging bars of one Virtual Account's balance per licence, before and after the transfer
 * plan side by side; negative is short. Rows sorted by the balance before transfers.
 */
export function balanceChart(
  rows: readonly PositionRow[],
  opts: { domain?: [number, number]; width?: number; title?: string; marginLeft?: number } = {},
): string {
  const name = labels(rows);
  const sorted = [...rows].sort((a, b) => a.balance - b.balance || name.get(a)!.localeCompare(name.get(b)!));
  const data: Bar[] = sorted.flatMap((r) => [
    { licence: name.get(r)!, phase: 'Before transfers', value: r.balance, state: state(r.balance) },
    {
      licence: name.get(r)!,
      phase: 'After transfers',
      value: r.afterTransfers,
      state: state(r.afterTransfers),
    },
  ]);
  const [lo, hi] = opts.domain ?? balanceExtent(rows);
  const pad = Math.max(1, (hi - lo) * 0.12);
  return plotToSvg({
    ...(opts.title ? { title: opts.title } : {}),
    width: opts.width ?? 880,
    height: 52 + sorted.length * 30,
    marginLeft: opts.marginLeft ?? labelMargin(rows),
    marginRight: 28,
    marginTop: 28,
    style: { fontFamily: 'inherit', fontSize: '13px', color: '#2b3238', background: 'transparent' },
    x: {
      domain: [lo - pad, hi + pad],
      nice: false,
      grid: true,
      label: null,
      tickFormat: (d: number) => signed(d),
    },
    y: { domain: sorted.map((r) => name.get(r)!), label: null, tickSize: 0 },
    fx: { domain: ['Before transfers', 'After transfers'], label: null, padding: 0.12 },
    color: {
      type: 'ordinal',
      domain: ['Short', 'Surplus', 'Balanced'],
      range: [CHART_COLOURS.short, CHART_COLOURS.surplus, CHART_COLOURS.balanced],
    },
    marks: [
      Plot.barX(data, { fx: 'phase', y: 'licence', x: 'value', fill: 'state', insetTop: 4, insetBottom: 4 }),
      Plot.ruleX([0], { stroke: '#2b3238', strokeWidth: 1 }),
      Plot.text(data, {
        fx: 'phase',
        y: 'licence',
        x: 'value',
        text: (d: Bar) => signed(d.value),
        textAnchor: 'start',
        dx: 4,
        filter: (d: Bar) => d.value >= 0,
        fill: '#2b3238',
      }),
      Plot.text(data, {
        fx: 'phase',
        y: 'licence',
        x: 'value',
        text: (d: Bar) => signed(d.value),
        textAnchor: 'end',
        dx: -4,
        filter: (d: Bar) => d.value < 0,
        fill: CHART_COLOURS.short,
        fontWeight: 600,
      }),
    ],
  });
}
