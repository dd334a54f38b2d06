/**
 * Day counts and sizes that decide findings, in one place so the methodology page and the
 * checks agree. Plain exported constants: every check imports the ones it uses.
 */

/** Smart Licensing authorization expires after 90 days without contact (DOMAIN.md §4). */
export const SILENT_INSTANCE_DAYS = 90;

/** Past the 180-day grace period (CISCO-SMART-LIC-MIB gracePeriodExpired): almost surely gone. */
export const SILENT_INSTANCE_HIGH_DAYS = 180;

/** A PAK line unfulfilled for a year is at risk of being forgotten at conversion time. */
export const PAK_OLD_DAYS = 365;

/** Three years unfulfilled: very old licences need a request to Cisco Licensing Support (DOMAIN.md §3). */
export const PAK_VERY_OLD_DAYS = 1095;

/** Unfulfilled units on one PAK line from which the line is high severity whatever its age. */
export const PAK_LARGE_UNFULFILLED = 10;
