import type { Check } from './check.ts';
import { dataQuality } from './data-quality.ts';
import { deploymentMode } from './deployment-mode.ts';
import { vaImbalance } from './va-imbalance.ts';

/**
 * Every finding family, in run order: a check may read the results of the ones before it
 * (exposure prices what the others found), so dependencies come first.
 */
export const CHECKS: Check[] = [vaImbalance as Check, deploymentMode as Check, dataQuality as Check];
