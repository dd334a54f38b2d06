import type { Check } from './check.ts';
import { dataQuality } from './data-quality.ts';
import { deploymentMode } from './deployment-mode.ts';
import { orphaned } from './orphaned.ts';
import { pakEstate } from './pak-estate.ts';
import { unactivatedPak } from './unactivated-pak.ts';
import { vaImbalance } from './va-imbalance.ts';

/**
 * Every finding family, in run order: a check may read the results of the ones before it
 * (exposure prices what the others found), so dependencies come first.
 */
export const CHECKS: Check[] = [
  vaImbalance as Check,
  deploymentMode as Check,
  pakEstate as Check,
  unactivatedPak as Check,
  // after va-imbalance: its "after remediation" positions start from the transfer plan
  orphaned as Check,
  dataQuality as Check,
];
