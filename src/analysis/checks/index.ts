import type { Check } from './check.ts';
import { ciscoOne } from './cisco-one.ts';
import { ciscoView } from './cisco-view.ts';
import { dataQuality } from './data-quality.ts';
import { exposure } from './exposure.ts';
import { vaImbalance } from './va-imbalance.ts';

/**
 * Every finding family, in run order: a check may read the results of the ones before it
 * (exposure prices what the others found), so dependencies come first. The legacy families
 * (deploymentMode, pakEstate, unactivatedPak, orphaned) go between vaImbalance and ciscoOne.
 */
export const CHECKS: Check[] = [
  vaImbalance as Check,
  ciscoOne as Check,
  ciscoView as Check,
  exposure as Check,
  dataQuality as Check,
];
