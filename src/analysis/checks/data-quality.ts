import { formatRef } from '../model/evidence.ts';
import { type Finding, makeFinding } from '../model/finding.ts';
import type { LedgerEntry } from '../model/ledger.ts';
import { deviceHostnames, devicePids } from '../reconcile/device-names.ts';
import { devicesInOrder } from '../reconcile/estate.ts';
import type { Check, CheckContext, CheckResult } from './check.ts';

export interface LedgerRow {
  file: string;
  kind: string;
  format: string;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  fatal?: string;
  balances: boolean;
}

export interface DataQualityData {
  ledger: LedgerRow[];
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  unknownLicences: number;
  contradictions: number;
  serialsInTwoVas: number;
  datesAfterAsOf: number;
}

const MAX_EVIDENCE = 200;

export function rejectedRowFindings(e: LedgerEntry): Finding[] {
  if (e.fatal) {
    return [
      makeFinding({
        key: `fatal|${e.file}`,
        family: 'data-quality',
        severity: e.kind === 'licenses' ? 'critical' : 'high',
        title: `${e.file} could not be read`,
        detail: e.fatal,
        action: 'Export the file again in a supported format (CSV, XLSX or the CSSM API JSON) and rebuild.',
        evidence: [{ file: e.file, line: 1 }],
      }),
    ];
  }
  if (e.rowsRejected === 0) return [];
  const reasons = new Map<string, number>();
  for (const r of e.rejections) {
    const k = r.column ? `${r.column}: ${r.reason}` : r.reason;
    reasons.set(k, (reasons.get(k) ?? 0) + 1);
  }
  const top = [...reasons.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
  return [
    makeFinding({
      key: `rejected|${e.file}`,
      family: 'data-quality',
      severity: e.rowsRejected / Math.max(1, e.rowsRead) > 0.05 ? 'high' : 'medium',
      title: `${e.rowsRejected} of ${e.rowsRead} rows rejected in ${e.file}`,
      detail: `Rejected rows are not in any figure. Most common: ${top.map(([r, n]) => `${r} (${n})`).join('; ')}.`,
      quantity: e.rowsRejected,
      action: 'Correct the rows named in the ledger in the source export and rebuild.',
      evidence: e.rejections.slice(0, MAX_EVIDENCE).map((r) => ({ file: e.file, line: r.line })),
    }),
  ];
}

export function ledgerRow(e: LedgerEntry): LedgerRow {
  return {
    file: e.file,
    kind: e.kind,
    format: e.format,
    rowsRead: e.rowsRead,
    rowsAccepted: e.rowsAccepted,
    rowsRejected: e.rowsRejected,
    ...(e.fatal ? { fatal: e.fatal } : {}),
    balances: e.rowsRead === e.rowsAccepted + e.rowsRejected,
  };
}

export function runDataQuality(ctx: CheckContext): CheckResult<DataQualityData> {
  const { inputs } = ctx;
  const findings: Finding[] = inputs.ledger.flatMap(rejectedRowFindings);

  // Licence names the catalog cannot map: compared by name they would silently mismatch.
  const unknown = Map.groupBy(
    inputs.licences.filter((l) => !l.known),
    (l) => l.licenceName,
  );
  for (const [name, rows] of [...unknown.entries()].sort()) {
    const refs = rows.map((l) => l.source);
    findings.push(
      makeFinding({
        key: `unknown-licence|${name.toLowerCase()}`,
        family: 'data-quality',
        severity: 'medium',
        title: `Licence name not in the catalog: ${name}`,
        detail: `"${name}" maps to no licence in data/catalog/licences.csv, so it is matched by its exact name only: devices, orders and prices that spell it differently will not match it.`,
        licence: name,
        quantity: refs.length,
        action:
          'Add the name (or its entitlement tag / SKU) to data/catalog/licences.csv, or correct the export.',
        evidence: refs,
      }),
    );
  }

  // Balance column that contradicts purchased − in use.
  let contradictions = 0;
  for (const l of inputs.licences) {
    if (l.balance === undefined || l.balance === l.purchased - l.inUse) continue;
    contradictions++;
    findings.push(
      makeFinding({
        key: `balance|${formatRef(l.source)}`,
        family: 'data-quality',
        severity: 'low',
        title: `Balance contradicts Purchased − In Use: ${l.licenceName} in ${l.virtualAccount}`,
        detail: `The export says balance ${l.balance}, but ${l.purchased} purchased − ${l.inUse} in use = ${l.purchased - l.inUse}. trueup uses ${l.purchased - l.inUse}.`,
        virtualAccount: l.virtualAccount,
        licence: l.licenceName,
        quantity: Math.abs(l.balance - (l.purchased - l.inUse)),
        action: 'Re-export the licences from CSSM; a stale or hand-edited export may hide other changes.',
        evidence: [l.source],
        facts: { exported: l.balance, computed: l.purchased - l.inUse },
      }),
    );
  }

  // The same serial registered in two Virtual Accounts.
  let serialsInTwoVas = 0;
  // indexed: a for...of over 200,000 devices ran unoptimised at first (see deployment-mode.ts)
  const devices = devicesInOrder(ctx.estate);
  for (let i = 0; i < devices.length; i++) {
    const d = devices[i]!;
    if (d.instances.length < 2) continue;
    const vas = [...new Set(d.instances.map((i) => i.virtualAccount))].sort();
    if (vas.length < 2) continue;
    serialsInTwoVas++;
    findings.push(
      makeFinding({
        key: `serial-two-vas|${d.key}`,
        family: 'data-quality',
        severity: 'medium',
        title: `Serial ${d.serial} is registered in ${vas.length} Virtual Accounts`,
        detail: `Product instances in ${vas.join(' and ')} carry the same serial; the device may be counted (and consume licences) twice.`,
        serial: d.serial,
        pid: devicePids(d)[0],
        hostname: deviceHostnames(d)[0],
        virtualAccount: vas.join('; '),
        quantity: d.instances.length,
        action:
          'Remove the stale product instance in CSSM so the device consumes licences in one Virtual Account only.',
        evidence: d.instances.map((i) => i.source),
      }),
    );
  }

  // Dates later than asOf mean the asOf in client.yaml is older than the exports.
  const late = [
    ...inputs.productInstances
      .filter((p) => p.lastContact && p.lastContact > inputs.config.asOf)
      .map((p) => p.source),
    ...inputs.licences.filter((l) => l.startDate && l.startDate > inputs.config.asOf).map((l) => l.source),
  ];
  if (late.length) {
    findings.push(
      makeFinding({
        key: 'dates-after-asof',
        family: 'data-quality',
        severity: 'medium',
        title: `${late.length} dates fall after the asOf date ${inputs.config.asOf}`,
        detail: 'Exports taken after the stated asOf date make every age in this report too short.',
        quantity: late.length,
        action: 'Set asOf in client.yaml to the date the exports were taken.',
        evidence: late.slice(0, MAX_EVIDENCE),
      }),
    );
  }

  const ledger: LedgerRow[] = inputs.ledger.map(ledgerRow);
  const sum = (f: (r: LedgerRow) => number) => ledger.reduce((s, r) => s + f(r), 0);
  const data: DataQualityData = {
    ledger,
    rowsRead: sum((r) => r.rowsRead),
    rowsAccepted: sum((r) => r.rowsAccepted),
    rowsRejected: sum((r) => r.rowsRejected),
    unknownLicences: unknown.size,
    contradictions,
    serialsInTwoVas,
    datesAfterAsOf: late.length,
  };
  return {
    findings,
    section: {
      family: 'data-quality',
      title: dataQuality.title,
      status: 'complete',
      usedInputs: [...inputs.present],
      missingInputs: [],
      figures: [
        { label: 'Input rows read', value: data.rowsRead, unit: 'lines' },
        { label: 'Rows rejected', value: data.rowsRejected, unit: 'lines' },
        { label: 'Unknown licence names', value: data.unknownLicences, unit: 'count' },
        { label: 'Serials in two Virtual Accounts', value: data.serialsInTwoVas, unit: 'devices' },
      ],
      data,
    },
  };
}

export const dataQuality: Check<DataQualityData> = {
  family: 'data-quality',
  title: 'Data quality and input ledger',
  needs: [],
  uses: ['licenses', 'product-instances'],
  run: runDataQuality,
};
