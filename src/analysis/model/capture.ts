import type { SourceRef } from './evidence.ts';

/** Licensing era a device reports (DOMAIN.md §4). */
export type LicensingEra = 'traditional' | 'smart' | 'slup' | 'unknown';

/** A licence a device says it uses, from `show license summary|usage|all|tech support`, `show license` (RTU) or NX-OS. */
export interface CapturedLicence {
  /** Short name as the device prints it, e.g. `network-advantage`, `appxk9`, `LAN_ENTERPRISE_SERVICES_PKG`. */
  name: string;
  licenceKey?: string;
  /** Whether `licenceKey` came from the catalog (false: a key made from the name). */
  known?: boolean;
  entitlementTag?: string;
  /** The text in parentheses or `Description:`, e.g. `C9300-48 Network Advan...` (may be truncated by the device). */
  description?: string;
  count: number;
  status?: string;
  enforcement?: string;
  /** `Perpetual`, `Subscription`, `Permanent`, `EvalRightToUse`, … as printed. */
  licenceType?: string;
  exportStatus?: string;
  source: SourceRef;
}

/** One member of a stack or HA pair, from `HA UDI List`, trust-code or authorization blocks. */
export interface CapturedMember {
  pid: string;
  serial: string;
  role?: string;
}

/**
 * Everything trueup learns about one device from its CLI captures. Fields are absent when no
 * command in the capture says them; `evidence` maps a field name to the line that stated it.
 */
export interface DeviceCapture {
  source: SourceRef;
  /** Every file that contributed to this record (several files of one device are merged). */
  files: string[];
  hostname?: string;
  pid?: string;
  serial?: string;
  members: CapturedMember[];
  /** `IOS`, `IOS-XE`, `IOS-XR`, `NX-OS`, `ASA`. */
  os?: string;
  osVersion?: string;
  era: LicensingEra;
  /** Lower-case transport type: `smart`, `cslu`, `callhome`, `off`, `automatic`, or as printed. */
  transportType?: string;
  transportUrl?: string;
  /** HTTP address of the active call-home profile that reports Smart Licensing (`show call-home profile all`). */
  callHomeUrl?: string;
  registrationStatus?: string;
  /** Status word(s) only, e.g. `AUTHORIZED`, `EVAL MODE`, `OUT OF COMPLIANCE`, `Not Applicable`. */
  authorizationStatus?: string;
  /** The date in `AUTHORIZED on <date>` and the like. */
  authorizationDate?: string;
  /** `Communication Deadline` (legacy SL): authorization expires if the device has not called home by then. */
  communicationDeadline?: string;
  registrationExpires?: string;
  exportControlled?: string;
  reservation?: { enabled: boolean; type?: 'SPECIFIC' | 'UNIVERSAL'; status?: string };
  smartAccount?: string;
  virtualAccount?: string;
  accountAsOf?: string;
  lastAck?: string;
  /** `Last ACK received: <none>`: the device has never had a usage report acknowledged. */
  ackNeverReceived?: boolean;
  nextAckDeadline?: string;
  lastReportPush?: string;
  lastContact?: string;
  /** `none`, or `installed` / `installed <date>` for SLUP trust codes. */
  trustCode?: string;
  evaluationMode?: boolean;
  /** Boot licence level / technology packages printed by `show version` (`network-advantage`, `ipbasek9`, …). */
  licenceLevels?: string[];
  licences: CapturedLicence[];
  commands: string[];
  evidence: Record<string, SourceRef>;
}
