import * as Plot from '@observablehq/plot';
import type { DeploymentModeData } from '../analysis/checks/deployment-mode.ts';
import type { OrphanedData } from '../analysis/checks/orphaned.ts';
import type { PakEstateData } from '../analysis/checks/pak-estate.ts';
import type { UnactivatedPakData } from '../analysis/checks/unactivated-pak.ts';
import { SEVERITIES } from '../analysis/model/finding.ts';
import { CHART_STYLE, marginFor, PALETTE } from './chart-style.ts';
import { AGE_BANDS, ageBand, COVERAGE_LABEL, MODE_LABEL, ORPHAN_KIND_LABEL } from './family-labels.ts';
import { num, SEVERITY_LABEL } from './format.ts';
import { plotToSvg } from './plot.ts';

/**
 * Bar charts of the family pages, rendered to SVG at build time. Each one draws numbers the
 * Report already holds (counts per mode, per family, per age band); none computes analysis.
 */

/** Devices per deployment mode, stacked: at risk vs not. */
export function deploymentModeChart(data: DeploymentModeData): string {
  const rows = data.byMode.filter((m) => m.devices > 0);
  const bars = rows.flatMap((m) => [
    { mode: MODE_LABEL[m.mode], state: 'At risk', devices: m.atRisk },
    { mode: MODE_LABEL[m.mode], state: 'No risk found', devices: m.devices - m.atRisk },
  ]);
  const labels = rows.map((m) => MODE_LABEL[m.mode]);
  return plotToSvg({
    width: 880,
    height: 40 + rows.length * 34,
    marginLeft: marginFor(labels),
    marginRight: 130,
    style: CHART_STYLE,
    x: { grid: true, label: null },
    y: { domain: labels, label: null, tickSize: 0 },
    color: { domain: ['At risk', 'No risk found'], range: [PALETTE.risk, PALETTE.ok] },
    marks: [
      Plot.barX(bars, { y: 'mode', x: 'devices', fill: 'state', insetTop: 5, insetBottom: 5 }),
      Plot.text(rows, {
        y: (m) => MODE_LABEL[m.mode as keyof typeof MODE_LABEL],
        x: 'devices',
        text: (m) => `${num(m.devices)}${m.atRisk ? ` (${num(m.atRisk)} at risk)` : ''}`,
        textAnchor: 'start',
        dx: 6,
      }),
      Plot.ruleX([0]),
    ],
  });
}

/** Devices per highest risk severity. */
export function riskSeverityChart(data: DeploymentModeData): string {
  const rows = SEVERITIES.map((s) => ({
    severity: SEVERITY_LABEL[s],
    devices: data.bySeverity.find((b) => b.severity === s)?.devices ?? 0,
  }));
  return plotToSvg({
    width: 880,
    height: 40 + rows.length * 30,
    marginLeft: 80,
    marginRight: 50,
    style: CHART_STYLE,
    x: { grid: true, label: null },
    y: { domain: rows.map((r) => r.severity), label: null, tickSize: 0 },
    color: { domain: rows.map((r) => r.severity), range: SEVERITIES.map((s) => PALETTE[s]) },
    marks: [
      Plot.barX(rows, { y: 'severity', x: 'devices', fill: 'severity', insetTop: 5, insetBottom: 5 }),
      Plot.text(rows, {
        y: 'severity',
        x: 'devices',
        text: (r) => num(r.devices),
        textAnchor: 'start',
        dx: 6,
      }),
      Plot.ruleX([0]),
    ],
  });
}

/** Per PID family: devices CSSM knows vs devices the inventory has (active). */
export function estateChart(data: PakEstateData): string {
  const families = data.byFamily.map((f) => f.family);
  const bars = data.byFamily.flatMap((f) => [
    { family: f.family, source: 'Inventory (active)', devices: f.inventory },
    { family: f.family, source: 'CSSM', devices: f.cssm },
  ]);
  return plotToSvg({
    width: 880,
    height: 40 + families.length * 52,
    marginLeft: marginFor(families),
    marginRight: 50,
    style: CHART_STYLE,
    x: { grid: true, label: null },
    fy: { domain: families, label: null, padding: 0.2 },
    y: { domain: ['Inventory (active)', 'CSSM'], axis: null },
    color: { domain: ['Inventory (active)', 'CSSM'], range: [PALETTE.neutral, PALETTE.accent] },
    marks: [
      Plot.barX(bars, { fy: 'family', y: 'source', x: 'devices', fill: 'source' }),
      Plot.text(bars, {
        fy: 'family',
        y: 'source',
        x: 'devices',
        text: (d) => num(d.devices),
        textAnchor: 'start',
        dx: 4,
      }),
      Plot.ruleX([0]),
    ],
  });
}

/** Units not fulfilled on flagged PAK lines, by age since order, coloured by service coverage. */
export function pakAgeChart(data: UnactivatedPakData): string {
  const lines = data.lines.filter((l) => l.unfulfilled > 0 && !l.migrated);
  const bars = lines.map((l) => ({
    band: ageBand(l.ageDays),
    coverage: COVERAGE_LABEL[l.coverage],
    units: l.unfulfilled,
  }));
  const coverages = Object.values(COVERAGE_LABEL);
  return plotToSvg({
    width: 880,
    height: 260,
    marginLeft: 60,
    marginBottom: 40,
    style: CHART_STYLE,
    x: { domain: AGE_BANDS, label: 'Age since order', labelAnchor: 'center', labelOffset: 34, padding: 0.3 },
    y: { grid: true, label: 'Units not fulfilled' },
    color: { domain: coverages, range: [PALETTE.ok, PALETTE.risk, PALETTE.medium, PALETTE.neutral] },
    marks: [
      Plot.barY(bars, Plot.stackY({ x: 'band', y: 'units', fill: 'coverage', order: coverages })),
      Plot.text(
        bars,
        Plot.groupX(
          { y: 'sum', text: 'sum' },
          { x: 'band', y: 'units', text: 'units', dy: -8, lineAnchor: 'bottom' },
        ),
      ),
      Plot.ruleY([0]),
    ],
  });
}

/** Orphaned entitlements per kind. */
export function orphanKindChart(data: OrphanedData): string {
  const rows = (Object.keys(ORPHAN_KIND_LABEL) as (keyof typeof ORPHAN_KIND_LABEL)[]).map((k) => ({
    kind: ORPHAN_KIND_LABEL[k],
    count: data.counts[k] ?? 0,
  }));
  return plotToSvg({
    width: 880,
    height: 40 + rows.length * 32,
    marginLeft: marginFor(rows.map((r) => r.kind)),
    marginRight: 50,
    style: CHART_STYLE,
    x: { grid: true, label: null },
    y: { domain: rows.map((r) => r.kind), label: null, tickSize: 0 },
    marks: [
      Plot.barX(rows, { y: 'kind', x: 'count', fill: PALETTE.ok, insetTop: 5, insetBottom: 5 }),
      Plot.text(rows, { y: 'kind', x: 'count', text: (r) => num(r.count), textAnchor: 'start', dx: 6 }),
      Plot.ruleX([0]),
    ],
  });
}
