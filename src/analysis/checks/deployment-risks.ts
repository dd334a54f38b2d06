import type { DeploymentMode } from '../load/captures/classify.ts';
import { daysBetween } from '../load/values.ts';
import type { DeviceCapture } from '../model/capture.ts';
import type { SourceRef } from '../model/evidence.ts';
import type { Severity } from '../model/finding.ts';
import type { ProductInstanceRecord } from '../model/records.ts';
import { NONE } from '../reconcile/estate.ts';
import {
  AUTHORIZATION_EXPIRY_DAYS,
  GRACE_EXPIRY_DAYS,
  ONPREM_SYNC_REMOVED_DAYS,
  ONPREM_SYNC_WARNING_DAYS,
} from './deployment-thresholds.ts';

export interface DeploymentRisk {
  code: string;
  severity: Severity;
  text: string;
  evidence?: SourceRef;
}

/** The latest of the dates the captures and instances show (ISO dates compare as text). */
function latestContact(
  captures: readonly DeviceCapture[],
  instances: readonly ProductInstanceRecord[],
): string | undefined {
  // no closure: this runs for each of 200,000 devices
  let latest: string | undefined;
  for (let k = 0; k < captures.length; k++) latest = later(latest, captures[k]!.lastAck);
  for (let k = 0; k < captures.length; k++) latest = later(latest, captures[k]!.lastContact);
  for (let k = 0; k < instances.length; k++) latest = later(latest, instances[k]!.lastContact);
  return latest;
}

const later = (a: string | undefined, b: string | undefined) => (b && (a === undefined || b > a) ? b : a);

/** `risks` with `r` added, unless it has a risk of that code already (the first one stays). */
function withRisk(risks: DeploymentRisk[], r: DeploymentRisk): DeploymentRisk[] {
  // most devices have none: they share the one empty list (NONE)
  if (risks === NONE) return [r];
  if (!risks.some((x) => x.code === r.code)) risks.push(r);
  return risks;
}

/**
 * The risks of one device, from what its captures and CSSM product instances say, against asOf.
 * Each risk names the threshold it crossed and the line that shows it.
 */
export function deviceRisks(
  asOf: string,
  mode: DeploymentMode,
  captures: readonly DeviceCapture[],
  instances: readonly ProductInstanceRecord[],
): DeploymentRisk[] {
  let risks: DeploymentRisk[] = NONE;
  for (const c of captures) {
    const ev = (k: string) => c.evidence[k] ?? c.source;
    const auth = (c.authorizationStatus ?? '').toUpperCase();
    if (/OUT OF COMPLIANCE/.test(auth)) {
      risks = withRisk(risks, {
        code: 'out-of-compliance',
        severity: 'critical',
        text: 'device reports OUT OF COMPLIANCE',
        evidence: ev('authorizationStatus'),
      });
    }
    if (/AUTHORI[SZ]ATION EXPIRED|EXPIRED/.test(auth)) {
      risks = withRisk(risks, {
        code: 'authorization-expired',
        severity: 'critical',
        text: `device reports ${c.authorizationStatus}`,
        evidence: ev('authorizationStatus'),
      });
    }
    if (/NOT AUTHORI[SZ]ED\s*-\s*RESERVED/.test(auth)) {
      risks = withRisk(risks, {
        code: 'reservation-exceeded',
        severity: 'high',
        text: 'reserved device uses more than its reservation (Not Authorized - Reserved)',
        evidence: ev('authorizationStatus'),
      });
    }
    if (c.evaluationMode || /EVAL/.test(auth)) {
      risks = withRisk(risks, {
        code: 'evaluation',
        severity: 'high',
        text: 'licences run in evaluation mode',
        evidence: ev('evaluationMode') ?? ev('authorizationStatus'),
      });
    }
    if (c.nextAckDeadline && c.nextAckDeadline < asOf) {
      risks = withRisk(risks, {
        code: 'ack-deadline-passed',
        severity: 'high',
        text: `next ACK deadline ${c.nextAckDeadline} has passed`,
        evidence: ev('nextAckDeadline'),
      });
    }
    if (c.communicationDeadline && c.communicationDeadline < asOf) {
      risks = withRisk(risks, {
        code: 'communication-deadline-passed',
        severity: 'high',
        text: `communication deadline ${c.communicationDeadline} has passed`,
        evidence: ev('communicationDeadline'),
      });
    }
    if (c.ackNeverReceived && c.era === 'slup' && mode !== 'slr' && mode !== 'plr') {
      risks = withRisk(risks, {
        code: 'ack-never',
        severity: 'medium',
        text: 'no usage report has ever been acknowledged (Last ACK received: <none>)',
        evidence: ev('lastAck'),
      });
    }
  }
  // the freshest contact any source shows: a device only needs one path to Cisco
  const contact = latestContact(captures, instances);
  if (contact && mode !== 'slr' && mode !== 'plr' && mode !== 'offline') {
    const risk = contactRisk(mode, daysBetween(contact, asOf));
    // the line that shows the contact, looked up only for the few devices at risk
    if (risk) {
      const contactRef =
        captures.find((c) => c.lastAck === contact)?.evidence.lastAck ??
        captures.find((c) => c.lastContact === contact)?.evidence.lastContact ??
        instances.find((i) => i.lastContact === contact)?.source;
      risks = withRisk(risks, contactRef ? { ...risk, evidence: contactRef } : risk);
    }
  }
  return risks;
}

/** The risk of a last contact `age` days old, in a mode that reports to Cisco; none when recent. */
function contactRisk(mode: DeploymentMode, age: number): DeploymentRisk | undefined {
  if (mode === 'on-prem') {
    if (age > ONPREM_SYNC_REMOVED_DAYS) {
      return {
        code: 'onprem-sync-90',
        severity: 'critical',
        text: `last sync/ACK ${age} days ago: past the ${ONPREM_SYNC_REMOVED_DAYS}-day limit after which CSSM removes the On-Prem server`,
      };
    }
    if (age > ONPREM_SYNC_WARNING_DAYS) {
      return {
        code: 'onprem-sync-30',
        severity: 'medium',
        text: `last sync/ACK ${age} days ago: past CSSM's ${ONPREM_SYNC_WARNING_DAYS}-day sync deadline alert`,
      };
    }
    return undefined;
  }
  if (age > GRACE_EXPIRY_DAYS) {
    return {
      code: 'contact-180',
      severity: 'critical',
      text: `last contact ${age} days ago: past the ${GRACE_EXPIRY_DAYS}-day grace period`,
    };
  }
  if (age > AUTHORIZATION_EXPIRY_DAYS) {
    return {
      code: 'contact-90',
      severity: 'high',
      text: `last contact ${age} days ago: authorization expires after ${AUTHORIZATION_EXPIRY_DAYS} days`,
    };
  }
  return undefined;
}
