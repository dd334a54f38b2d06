/**
 * Day and percentage thresholds used by the checks, with the source of each. A flat list of named
 * constants so that a reviewer can find and argue every cut-off in one place.
 */

/** Late SWSS is forgiven within this many days; a longer gap loses portability (DOMAIN.md §5, [S31]). */
export const SWSS_GRACE_DAYS = 90;

/** A term Cisco ONE suite ending within this many days of asOf needs a renewal decision now. */
export const TERM_ENDING_SOON_DAYS = 90;
