import type { TermStatus } from '../analysis/checks/cisco-one.ts';
import type { ViewRow } from '../analysis/checks/cisco-view.ts';
import type { OrphanKind } from '../analysis/checks/orphaned.ts';
import type { SwssContinuity } from '../analysis/checks/swss-continuity.ts';
import type { Coverage } from '../analysis/checks/unactivated-pak.ts';
import type { DeploymentMode } from '../analysis/load/captures/classify.ts';

/** Words for the codes family data carries, as the pages and charts show them. */

export const MODE_LABEL: Record<DeploymentMode, string> = {
  cloud: 'Cloud (direct to Cisco)',
  'on-prem': 'SSM On-Prem',
  cslu: 'CSLU',
  slr: 'SLR (specific reservation)',
  plr: 'PLR (permanent reservation)',
  offline: 'Offline',
  unknown: 'Unknown',
};

export const COVERAGE_LABEL: Record<Coverage, string> = {
  covered: 'Service covered',
  lapsed: 'Service lapsed',
  'none-found': 'No service found',
  unknown: 'Coverage unknown',
};

export const ORPHAN_KIND_LABEL: Record<OrphanKind, string> = {
  consuming: 'Retired device still consuming',
  reservation: 'Reservation on a retired device',
  'pak-node-locked': 'PAK node-locked to a retired device',
  silent: 'Silent, not in inventory',
};

export const SWSS_LABEL: Record<SwssContinuity['status'], string> = {
  continuous: 'Continuous',
  grace: 'Late renewal, within grace',
  lapsed: 'Lapsed: portability lost',
  'no-record': 'No SWSS record',
  embedded: 'Embedded in the term suite',
  unknown: 'Unknown (no support export)',
};

export const TERM_LABEL: Record<TermStatus, string> = {
  'not-term': 'Perpetual',
  'no-end-date': 'Term, no end date',
  ok: 'Term, runs past the agreement',
  expired: 'Expired',
  'ending-soon': 'Ending soon',
  'ends-before-agreement': 'Ends before the agreement',
};

export const VERDICT_LABEL: Record<ViewRow['verdict'], string> = {
  agree: 'Agree',
  'cisco-only': 'Cisco only',
  'trueup-only': 'trueup only',
};

export const RIGHT_LABEL: Record<ViewRow['right'], string> = {
  cisco: 'Cisco',
  trueup: 'trueup',
  both: 'Both',
  unclear: 'Unclear',
};

export const TOPIC_LABEL: Record<ViewRow['topic'], string> = {
  shortage: 'Shortage',
  expired: 'Expired',
  sync: 'Sync',
  other: 'Other',
  'invisible-estate': 'Invisible estate',
};

export const ERA_LABEL: Record<string, string> = {
  traditional: 'Traditional (PAK)',
  smart: 'Smart Licensing',
  slup: 'Smart Licensing Using Policy',
  unknown: 'Unknown',
};

/** Age bands of PAK orders, oldest last; "Date unknown" when the order has no date. */
export const AGE_BANDS = [
  'Under 1 year',
  '1–2 years',
  '2–3 years',
  '3–5 years',
  'Over 5 years',
  'Date unknown',
];

export function ageBand(days: number | undefined): string {
  if (days === undefined) return 'Date unknown';
  const years = days / 365;
  return years < 1
    ? AGE_BANDS[0]!
    : years < 2
      ? AGE_BANDS[1]!
      : years < 3
        ? AGE_BANDS[2]!
        : years < 5
          ? AGE_BANDS[3]!
          : AGE_BANDS[4]!;
}
