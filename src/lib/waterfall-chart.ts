import * as Plot from '@observablehq/plot';
import type { ScenarioStep } from '../analysis/checks/exposure.ts';
import { CHART_STYLE, PALETTE } from './chart-style.ts';
import { money } from './format.ts';
import { plotToSvg } from './plot.ts';

/** Short names of the scenario steps, for the waterfall's axis. */
export const STEP_LABEL: Record<ScenarioStep['step'], string> = {
  start: 'High',
  'invisible-estate': 'Invisible estate',
  transfers: 'Transfers',
  reclaims: 'Reclaims',
  'pak-conversion': 'PAK conversion',
  substitution: 'Substitution',
};

export type WaterfallKind = 'Total' | 'Reduction' | 'Increase' | 'No change' | 'Not applied';
export interface WaterfallBar {
  label: string;
  y1: number;
  y2: number;
  kind: WaterfallKind;
  text: string;
}

/**
 * The bars of the waterfall from high to low: the high figure as a total, each scenario step as
 * the change it makes (from the amount before it to its own amount), and the low figure as a
 * total. The amounts are the Report's; the bars only place them.
 */
export function waterfallBars(steps: readonly ScenarioStep[], currency: string): WaterfallBar[] {
  if (steps.length === 0) return [];
  const out: WaterfallBar[] = [];
  const first = steps[0]!;
  out.push({
    label: STEP_LABEL[first.step],
    y1: 0,
    y2: first.amount,
    kind: 'Total',
    text: money(first.amount, currency),
  });
  let previous = first.amount;
  for (const s of steps.slice(1)) {
    const change = s.amount - previous;
    const kind: WaterfallKind = !s.applied
      ? 'Not applied'
      : change < 0
        ? 'Reduction'
        : change > 0
          ? 'Increase'
          : 'No change';
    const label = s.step === 'transfers' ? 'Transfers (expected)' : STEP_LABEL[s.step];
    const text =
      change === 0 ? (s.applied ? '±0' : 'skipped') : `${change > 0 ? '+' : ''}${money(change, currency)}`;
    out.push({ label, y1: previous, y2: s.amount, kind, text });
    previous = s.amount;
  }
  out.push({ label: 'Low', y1: 0, y2: previous, kind: 'Total', text: money(previous, currency) });
  return out;
}

const KINDS: WaterfallKind[] = ['Total', 'Reduction', 'Increase', 'No change', 'Not applied'];
const COLOURS = [PALETTE.accent, PALETTE.good, PALETTE.risk, PALETTE.neutral, '#c9d0d5'];

/** Waterfall of the exposure from high to low over the scenario steps (discrete colours). */
export function waterfallChart(steps: readonly ScenarioStep[], currency: string): string {
  const bars = waterfallBars(steps, currency);
  const top = Math.max(1, ...bars.map((b) => Math.max(b.y1, b.y2)));
  return plotToSvg({
    width: 880,
    height: 320,
    marginLeft: 80,
    marginTop: 28,
    marginBottom: 40,
    style: CHART_STYLE,
    x: { domain: bars.map((b) => b.label), label: null, tickSize: 0, padding: 0.25 },
    y: {
      domain: [0, top * 1.12],
      grid: true,
      label: `Exposure (${currency})`,
      tickFormat: (d: number) => money(d, currency),
    },
    color: { domain: KINDS, range: COLOURS },
    marks: [
      Plot.barY(bars, {
        x: 'label',
        y1: 'y1',
        y2: (b: WaterfallBar) => (b.y1 === b.y2 ? b.y1 + top * 0.004 : b.y2),
        fill: 'kind',
      }),
      ...[true, false].map((total) =>
        Plot.text(bars, {
          x: 'label',
          y: (b: WaterfallBar) => Math.max(b.y1, b.y2),
          text: 'text',
          dy: -8,
          lineAnchor: 'bottom',
          fontWeight: total ? 600 : 400,
          filter: (b: WaterfallBar) => (b.kind === 'Total') === total,
        }),
      ),
      Plot.ruleY([0]),
    ],
  });
}

export const WATERFALL_LEGEND = KINDS.map((k, i) => ({ label: k, colour: COLOURS[i]! }));
