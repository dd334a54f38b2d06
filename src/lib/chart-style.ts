/** Shared look of the family charts: the site's font and ink, transparent background. */
export const CHART_STYLE = {
  fontFamily: 'inherit',
  fontSize: '13px',
  color: '#2b3238',
  background: 'transparent',
} as const;

/** Discrete colours the charts share with the stylesheet (severity scale, slate, greys). */
export const PALETTE = {
  risk: '#b23a3a',
  ok: '#5b7083',
  neutral: '#9aa5ad',
  good: '#3d7a52',
  accent: '#1f4e79',
  critical: '#7f1d1d',
  high: '#b23a3a',
  medium: '#b86e00',
  low: '#5b7083',
  info: '#8a959e',
} as const;

/** Left margin for horizontal bars: room for the longest label. */
export function marginFor(labels: readonly string[], min = 60, max = 240): number {
  const longest = Math.max(0, ...labels.map((l) => l.length));
  return Math.max(min, Math.min(max, Math.round(16 + longest * 7)));
}
