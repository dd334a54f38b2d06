import type { Report } from '../analysis/model/report.ts';

export type FigureValue = { value: number | null; unit: string; label: string };

export function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * Named figures that narrative can cite with <Figure name="…"/>: the summary counts, the exposure
 * range, and every family's headline figure as `<family>.<slug of its label>`.
 */
export function namedFigures(report: Report): Map<string, FigureValue> {
  const m = new Map<string, FigureValue>();
  const s = report.summary;
  m.set('findings', { value: s.findings, unit: 'count', label: 'Findings' });
  m.set('virtual-accounts', { value: s.virtualAccounts, unit: 'count', label: 'Virtual Accounts' });
  m.set('licences', { value: s.licences, unit: 'count', label: 'Licences' });
  m.set('devices', { value: s.devices, unit: 'devices', label: 'Devices' });
  for (const [sev, n] of Object.entries(s.bySeverity))
    m.set(`findings.${sev}`, { value: n, unit: 'count', label: `${sev} findings` });
  if (s.exposure) {
    for (const k of ['low', 'expected', 'high'] as const) {
      m.set(`exposure.${k}`, { value: s.exposure[k], unit: 'money', label: `Exposure (${k})` });
    }
  }
  for (const [family, section] of Object.entries(report.families)) {
    for (const f of section?.figures ?? [])
      m.set(`${family}.${slug(f.label)}`, { value: f.value, unit: f.unit, label: f.label });
  }
  return m;
}

export function formatFigure(f: FigureValue, currency: string): string {
  if (f.value === null) return 'not computed';
  if (f.unit === 'money') {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency, maximumFractionDigits: 0 }).format(
      f.value,
    );
  }
  return new Intl.NumberFormat('en-GB').format(f.value);
}
