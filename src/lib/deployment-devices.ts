import type { DeploymentModeData } from '../analysis/checks/deployment-mode.ts';
import { SEVERITIES } from '../analysis/model/finding.ts';
import type { Report } from '../analysis/model/report.ts';
import { familyData } from './family-data.ts';
import { perReport } from './per-report.ts';

type Device = DeploymentModeData['devices'][number];

const collator = new Intl.Collator('en');

/**
 * The deployment-mode devices at risk first (most severe first), then by hostname. Sorted once per
 * Report: the family page and the print chapter both list them, and sorting 170,000 devices by
 * name takes a second (a shared Intl.Collator is a third faster than localeCompare(…, 'en'),
 * with the same order).
 */
export const devicesAtRiskFirst = perReport((report: Report): Device[] => {
  const data = familyData<DeploymentModeData>(report, 'deployment-mode')?.data;
  if (!data) return [];
  const rank = new Map<Device, number>();
  for (const d of data.devices)
    rank.set(d, Math.min(SEVERITIES.length, ...d.risks.map((r) => SEVERITIES.indexOf(r.severity))));
  return [...data.devices].sort(
    (a, b) => rank.get(a)! - rank.get(b)! || collator.compare(a.hostname ?? a.key, b.hostname ?? b.key),
  );
});
