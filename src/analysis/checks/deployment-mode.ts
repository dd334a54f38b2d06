import { classifyDeploymentMode, type DeploymentMode } from '../load/captures/classify.ts';
import type { DeviceCapture } from '../model/capture.ts';
import { formatRef, mergeRefs, type SourceRef } from '../model/evidence.ts';
import { type Finding, makeFinding, SEVERITIES, type Severity } from '../model/finding.ts';
import type { ProductInstanceRecord } from '../model/records.ts';
import { devicesInOrder } from '../reconcile/estate.ts';
import type { Check, CheckContext, CheckResult } from './check.ts';
import { partitionInputs, unavailableSection } from './check.ts';
import { type DeploymentRisk, deviceRisks } from './deployment-risks.ts';

export const MODES: DeploymentMode[] = ['cloud', 'on-prem', 'cslu', 'slr', 'plr', 'offline', 'unknown'];

export interface DeploymentDevice {
  key: string;
  hostname?: string;
  pid?: string;
  serial?: string;
  virtualAccount?: string;
  mode: DeploymentMode;
  reason: string;
  /**
   * The line that decided the mode: the record's own ref, not a `file:line` string made per
   * device (200,000 strings of two cons cells and a number each, kept for the report).
   */
  evidence?: SourceRef;
  seenIn: 'capture' | 'cssm' | 'both';
  era?: string;
  risks: DeploymentRisk[];
  findingId?: string;
}

export interface DeploymentModeData {
  devices: DeploymentDevice[];
  byMode: { mode: DeploymentMode; devices: number; atRisk: number }[];
  bySeverity: { severity: Severity; devices: number }[];
  captured: number;
}

/** What a CSSM product instance alone says about its connection (reservation first, then transport). */
export function classifyInstance(p: ProductInstanceRecord): { mode: DeploymentMode; reason: string } {
  if (p.reservation === 'UNIVERSAL') return { mode: 'plr', reason: 'CSSM shows a universal reservation' };
  if (p.reservation === 'SPECIFIC') return { mode: 'slr', reason: 'CSSM shows a specific reservation' };
  const t = (p.transport ?? '').toLowerCase();
  if (/smartreceiver|cloud|direct|^smart$/.test(t))
    return { mode: 'cloud', reason: `CSSM transport "${p.transport}"` };
  if (/on-?prem|satellite|ssm/.test(t)) return { mode: 'on-prem', reason: `CSSM transport "${p.transport}"` };
  if (/cslu/.test(t)) return { mode: 'cslu', reason: `CSSM transport "${p.transport}"` };
  if (/^off|offline|air/.test(t)) return { mode: 'offline', reason: `CSSM transport "${p.transport}"` };
  return {
    mode: 'unknown',
    reason: p.transport
      ? `CSSM transport "${p.transport}" not recognised`
      : 'no capture and no transport in CSSM',
  };
}

const rank = (s: Severity) => SEVERITIES.indexOf(s);

/**
 * `classifyInstance` remembered by (reservation, transport): an estate has a handful of each, and
 * the answer depends on nothing else. Callers only read the result, so sharing it is safe.
 */
const instanceModes = new Map<string, Map<string, { mode: DeploymentMode; reason: string }>>();

function instanceMode(p: ProductInstanceRecord): { mode: DeploymentMode; reason: string } {
  let byTransport = instanceModes.get(p.reservation);
  if (!byTransport) {
    byTransport = new Map();
    instanceModes.set(p.reservation, byTransport);
  }
  // an absent transport classifies as an empty one (both read as "no transport")
  const transport = p.transport ?? '';
  let hit = byTransport.get(transport);
  if (!hit) {
    hit = classifyInstance(p);
    byTransport.set(transport, hit);
  }
  return hit;
}

const UNIDENTIFIED_NAME = /PID\s*:|SN\s*:/i;

function describe(
  key: string,
  captures: DeviceCapture[],
  instances: ProductInstanceRecord[],
  asOf: string,
  inventoryHost?: string,
): DeploymentDevice {
  const capture = captures[0];
  const fromCapture = capture ? classifyDeploymentMode(capture) : undefined;
  const fromCssm = instances[0] ? instanceMode(instances[0]) : undefined;
  // a capture is the device's own word; CSSM fills in when the capture cannot tell
  const chosen =
    fromCapture && (fromCapture.mode !== 'unknown' || !fromCssm) ? fromCapture : (fromCssm ?? fromCapture)!;
  const evidence: SourceRef | undefined =
    chosen === fromCapture ? (fromCapture?.evidence ?? capture?.source) : instances[0]?.source;
  const risks = deviceRisks(asOf, chosen.mode, captures, instances);
  if (risks.length > 1) risks.sort((a, b) => rank(a.severity) - rank(b.severity));
  // SLUP product instances are named by UDI, not hostname: prefer the inventory's or the device's own name
  const hostname =
    inventoryHost ??
    capture?.hostname ??
    instances.find((i) => !UNIDENTIFIED_NAME.test(i.name))?.name ??
    instances[0]?.name;
  // Every field in one literal, in the order the JSON has always had them, `undefined` where a
  // device has none (JSON leaves those out): V8 then keeps them all in the object, where fields
  // added one by one went to a second object per device (173,000 more objects kept for the report,
  // in about the same memory).
  return {
    key,
    mode: chosen.mode,
    reason: chosen.reason,
    seenIn: captures.length && instances.length ? 'both' : captures.length ? 'capture' : 'cssm',
    risks,
    hostname: hostname || undefined,
    pid: (capture?.pid ?? instances[0]?.pid) || undefined,
    serial: (capture?.serial ?? instances[0]?.serial) || undefined,
    virtualAccount: (instances[0]?.virtualAccount ?? capture?.virtualAccount) || undefined,
    evidence,
    era: capture?.era || undefined,
    findingId: undefined,
  };
}

export function runDeploymentMode(ctx: CheckContext): CheckResult<DeploymentModeData> {
  const { estate, inputs } = ctx;
  if (!inputs.present.includes('captures') && !inputs.present.includes('product-instances')) {
    return {
      findings: [],
      section: {
        ...unavailableSection(deploymentMode as Check, ['captures', 'product-instances']),
        note: 'This check needs device captures (captures/**/*.txt) or the CSSM product instances export; neither was supplied.',
        data: { devices: [], byMode: [], bySeverity: [], captured: 0 },
      },
    };
  }
  const asOf = inputs.config.asOf;
  const devices: DeploymentDevice[] = [];
  const seen = new Set<DeviceCapture>();
  // indexed loops over the 200,000 devices: this runs once, and V8 ran its for...of loops (an
  // iterator and a result per step) until it had optimised them
  const views = devicesInOrder(estate);
  for (let i = 0; i < views.length; i++) {
    const d = views[i]!;
    if (!d.captures.length && !d.instances.length) continue;
    for (let k = 0; k < d.captures.length; k++) seen.add(d.captures[k]!);
    devices.push(describe(d.key, d.captures, d.instances, asOf, d.inventory[0]?.hostname));
  }
  for (const c of inputs.captures.filter((c) => !seen.has(c)))
    devices.push(describe(`capture:${formatRef(c.source)}`, [c], [], asOf));
  for (const p of estate.unkeyedInstances)
    devices.push(describe(`instance:${p.virtualAccount}/${p.name}`, [], [p], asOf));

  const findings: Finding[] = [];
  for (let i = 0; i < devices.length; i++) {
    const d = devices[i]!;
    const top = d.risks[0];
    if (!top) continue;
    const label = d.hostname ?? d.serial ?? d.key;
    const evidenceRefs = mergeRefs(d.risks.flatMap((r) => (r.evidence ? [r.evidence] : [])));
    const f = makeFinding({
      key: d.key,
      family: 'deployment-mode',
      severity: top.severity,
      title: `${label} (${d.mode}): ${top.text}`,
      detail: `Connection mode ${d.mode}: ${d.reason}. Risks: ${d.risks.map((r) => r.text).join('; ')}.`,
      ...(d.virtualAccount ? { virtualAccount: d.virtualAccount } : {}),
      ...(d.pid ? { pid: d.pid } : {}),
      ...(d.serial ? { serial: d.serial } : {}),
      ...(d.hostname ? { hostname: d.hostname } : {}),
      quantity: 1,
      action: actionFor(top.code),
      evidence: evidenceRefs.length ? evidenceRefs : [],
      facts: { mode: d.mode, risks: d.risks.map((r) => r.code).join(';'), seenIn: d.seenIn },
    });
    d.findingId = f.id;
    findings.push(f);
  }
  // every count in one pass over the devices (there is one per serial)
  const perMode = new Map<DeploymentMode, { devices: number; atRisk: number }>();
  let airGapped = 0;
  let captured = 0;
  for (let i = 0; i < devices.length; i++) {
    const d = devices[i]!;
    let m = perMode.get(d.mode);
    if (!m) {
      m = { devices: 0, atRisk: 0 };
      perMode.set(d.mode, m);
    }
    m.devices++;
    if (d.risks.length) m.atRisk++;
    if (d.mode === 'slr' || d.mode === 'plr' || d.mode === 'offline') airGapped++;
    if (d.seenIn !== 'cssm') captured++;
  }
  const byMode = MODES.map((mode) => ({
    mode,
    devices: perMode.get(mode)?.devices ?? 0,
    atRisk: perMode.get(mode)?.atRisk ?? 0,
  }));
  const bySeverity = SEVERITIES.map((severity) => ({
    severity,
    devices: findings.filter((f) => f.severity === severity).length,
  }));
  const { used, missing } = partitionInputs(inputs, ['captures', 'product-instances']);
  return {
    findings,
    section: {
      family: 'deployment-mode',
      title: deploymentMode.title,
      status: missing.length ? 'partial' : 'complete',
      usedInputs: used,
      missingInputs: missing,
      ...(missing.includes('captures')
        ? {
            note: 'No device captures were supplied: modes come from CSSM product instance data alone, and device-side states (evaluation mode, ACK deadlines, out of compliance) cannot be seen.',
          }
        : {}),
      figures: [
        { label: 'Devices classified', value: devices.length, unit: 'devices' },
        { label: 'Devices with a licensing risk', value: findings.length, unit: 'devices' },
        { label: 'Air-gapped (SLR, PLR, offline)', value: airGapped, unit: 'devices' },
        { label: 'Mode unknown', value: perMode.get('unknown')?.devices ?? 0, unit: 'devices' },
      ],
      data: { devices, byMode, bySeverity, captured },
    },
    assumptions: [
      {
        id: 'deployment-mode',
        text: 'Connection mode comes from the device capture when it states one (transport URL, reservation, transport off), otherwise from the CSSM product instance. Risk ages count from asOf: On-Prem sync older than 30 days (CSSM alert) and 90 days (server removed); last contact older than 90 days (authorization expires) and 180 days (grace period over).',
      },
    ],
  };
}

function actionFor(code: string): string {
  switch (code) {
    case 'out-of-compliance':
    case 'reservation-exceeded':
      return 'Reconcile the device’s licences with its Virtual Account (transfer or buy) before Cisco’s telemetry reports it.';
    case 'authorization-expired':
    case 'contact-180':
    case 'contact-90':
    case 'communication-deadline-passed':
      return 'Restore the device’s connection to CSSM (or its On-Prem server) and force a sync; remove it in CSSM if it is retired.';
    case 'onprem-sync-90':
    case 'onprem-sync-30':
      return 'Synchronise the SSM On-Prem server with CSSM now; after 90 days without sync CSSM removes it and its devices.';
    case 'ack-deadline-passed':
    case 'ack-never':
      return 'Send a usage report (license smart sync all, or through CSLU/On-Prem) and install the ACK.';
    case 'evaluation':
      return 'Register the device or install its licence; evaluation mode ends and Cisco counts it as unlicensed use.';
    default:
      return 'Review the device’s licensing connection.';
  }
}

export const deploymentMode: Check<DeploymentModeData> = {
  family: 'deployment-mode',
  title: 'Deployment mode and connection risk',
  needs: [],
  uses: ['captures', 'product-instances'],
  run: runDeploymentMode,
};
