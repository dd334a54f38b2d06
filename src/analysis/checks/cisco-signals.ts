import { resolveLicence } from '../load/catalog.ts';
import type { Catalog } from '../model/catalog.ts';
import type { SourceRef } from '../model/evidence.ts';
import type { AlertRecord, LicenceRecord } from '../model/records.ts';

/** What CSSM itself says about a licence in a VA, or about the account: statuses and alerts. */
export interface CiscoSignal {
  topic: 'shortage' | 'expired' | 'sync' | 'other';
  /** Undefined when the alert names no Virtual Account (Smart Account level). */
  virtualAccount?: string;
  licenceKey?: string;
  licence?: string;
  /** The words Cisco used: the alert message or the status. */
  text: string;
  source: SourceRef;
}

const SHORTAGE = /insufficient|out of compliance|non-?compliant|shortage/i;
const EXPIRED = /expired/i;
const SYNC = /sync|satellite|connect|renew|authori[sz]ation|reserv/i;

function topicOf(text: string): CiscoSignal['topic'] {
  if (SHORTAGE.test(text)) return 'shortage';
  if (EXPIRED.test(text)) return 'expired';
  if (SYNC.test(text)) return 'sync';
  return 'other';
}

/** Signals from the licences export (Status and Alerts columns) and the alerts export (DOMAIN.md §1). */
export function ciscoSignals(
  licences: readonly LicenceRecord[],
  alerts: readonly AlertRecord[],
  catalog: Catalog,
): CiscoSignal[] {
  const out: CiscoSignal[] = [];
  for (const l of licences) {
    for (const text of [l.status, l.alerts]) {
      if (!text) continue;
      const topic = topicOf(text);
      if (topic === 'shortage' || topic === 'expired') {
        out.push({
          topic,
          virtualAccount: l.virtualAccount,
          licenceKey: l.licenceKey,
          licence: l.licenceName,
          text,
          source: l.source,
        });
      }
    }
  }
  for (const a of alerts) {
    const named = a.licenceName ?? a.alertSource;
    const resolved = named ? resolveLicence(catalog, named) : undefined;
    const licence = a.licenceName ?? (resolved?.known ? a.alertSource : undefined);
    out.push({
      topic: topicOf(a.message),
      ...(a.virtualAccount ? { virtualAccount: a.virtualAccount } : {}),
      ...(licence && resolved ? { licenceKey: resolved.key, licence } : {}),
      text: a.message,
      source: a.source,
    });
  }
  return out;
}

/** True when the inputs carry any Cisco view at all (an alerts file, or a Status/Alerts column). */
export function hasCiscoView(licences: readonly LicenceRecord[], alertsPresent: boolean): boolean {
  return alertsPresent || licences.some((l) => l.status !== undefined || l.alerts !== undefined);
}
