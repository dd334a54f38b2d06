/**
 * Day counts behind deployment-mode risks, in one place (DOMAIN.md §1 alerts, §4 timers).
 * Ages count from the client's asOf date.
 */

/** CSSM raises "Upcoming Satellite Sync Deadline (30 Day)" after 30 days without an On-Prem sync. */
export const ONPREM_SYNC_WARNING_DAYS = 30;
/** "Satellite expired and removed (90 Days of no sync)": the On-Prem server's devices drop out of CSSM. */
export const ONPREM_SYNC_REMOVED_DAYS = 90;
/** Legacy Smart Licensing: authorization expires after about 90 days without contact. */
export const AUTHORIZATION_EXPIRY_DAYS = 90;
/** ... and the grace period after about 180 days (MIB gracePeriodExpired). */
export const GRACE_EXPIRY_DAYS = 180;
