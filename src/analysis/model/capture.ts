import type { SourceRef } from './evidence.ts';

/** Licensing era a device reports (DOMAIN.md §4). */
export type LicensingEra = 'traditional' | 'smart' | 'slup' | 'unknown';

/** A licence a device says it uses, from `show license summary|usage|all`. */
export interface CapturedLicence {
  name: string;
  licenceKey?: string;
  entitlementTag?: string;
  count: number;
  status?: string;
  enforcement?: string;
  licenceType?: string;
  source: SourceRef;
}

/**
 * Everything trueup learns about one device from its CLI captures. Fields are absent when no
 * command in the capture says them; `evidence` maps a field name to the line that stated it.
 */
export interface DeviceCapture {
  source: SourceRef;
  hostname?: string;
  pid?: string;
  serial?: string;
  members: { pid: string; serial: string; role?: string }[];
  os?: string;
  osVersion?: string;
  era: LicensingEra;
  transportType?: string;
  transportUrl?: string;
  registrationStatus?: string;
  authorizationStatus?: string;
  reservation?: { enabled: boolean; type?: 'SPECIFIC' | 'UNIVERSAL'; status?: string };
  smartAccount?: string;
  virtualAccount?: string;
  accountAsOf?: string;
  lastAck?: string;
  nextAckDeadline?: string;
  lastContact?: string;
  trustCode?: string;
  evaluationMode?: boolean;
  licences: CapturedLicence[];
  commands: string[];
  evidence: Record<string, SourceRef>;
}
