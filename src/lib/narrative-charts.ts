import type { DeploymentModeData } from '../analysis/checks/deployment-mode.ts';
import type { ExposureData } from '../analysis/checks/exposure.ts';
import type { OrphanedData } from '../analysis/checks/orphaned.ts';
import type { PakEstateData } from '../analysis/checks/pak-estate.ts';
import type { UnactivatedPakData } from '../analysis/checks/unactivated-pak.ts';
import type { Report } from '../analysis/model/report.ts';
import {
  deploymentModeChart,
  estateChart,
  orphanKindChart,
  pakAgeChart,
  riskSeverityChart,
} from './family-charts.ts';
import { familyData } from './family-data.ts';
import { perReport } from './per-report.ts';
import { waterfallChart } from './waterfall-chart.ts';

/**
 * The charts narrative may embed with <Chart name="…"/>, by name. Only those whose family ran are
 * present; each is drawn once per Report.
 */
export const CHART_NAMES = [
  'deployment-mode.modes',
  'deployment-mode.risks',
  'pak-estate.estate',
  'unactivated-pak.age',
  'orphaned.kinds',
  'exposure.waterfall',
] as const;

export const narrativeCharts = perReport('narrative-charts', (report: Report): Record<string, string> => {
  const out: Record<string, string> = {};
  const dm = familyData<DeploymentModeData>(report, 'deployment-mode');
  if (dm) {
    out['deployment-mode.modes'] = deploymentModeChart(dm.data);
    out['deployment-mode.risks'] = riskSeverityChart(dm.data);
  }
  const pe = familyData<PakEstateData>(report, 'pak-estate');
  if (pe && pe.data.byFamily.length > 0) out['pak-estate.estate'] = estateChart(pe.data);
  const up = familyData<UnactivatedPakData>(report, 'unactivated-pak');
  if (up) out['unactivated-pak.age'] = pakAgeChart(up.data);
  const or = familyData<OrphanedData>(report, 'orphaned');
  if (or) out['orphaned.kinds'] = orphanKindChart(or.data);
  const ex = familyData<ExposureData>(report, 'exposure');
  if (ex?.data.summary)
    out['exposure.waterfall'] = waterfallChart(ex.data.scenarios, ex.data.summary.currency);
  return out;
});
