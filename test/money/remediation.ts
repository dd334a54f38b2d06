import type { Check, CheckResult } from '../../src/analysis/checks/check.ts';
import type { ClientConfig } from '../../src/analysis/model/client.ts';
import type { Family, Finding } from '../../src/analysis/model/finding.ts';
import type { LicenceRecord } from '../../src/analysis/model/records.ts';

/** A stand-in for another engineer's check: returns the given findings and section data. */
export function fakeCheck(
  family: Family,
  findings: Finding[],
  data: unknown,
  status: 'complete' | 'unavailable' = 'complete',
): Check {
  const result: CheckResult = {
    findings,
    section: { family, title: family, status, usedInputs: [], missingInputs: [], figures: [], data },
  };
  return { family, title: family, needs: [], uses: [], run: () => result };
}

export const CONFIG: ClientConfig = {
  id: 't',
  name: 'Test',
  asOf: '2026-11-15',
  currency: 'EUR',
  dateOrder: 'MDY',
  pricing: { discountPct: 0, swssUpliftPct: 0 },
  report: { confidentiality: '', redact: false },
};

let line = 1;
export function licence(
  va: string,
  key: string,
  name: string,
  purchased: number,
  inUse: number,
  type: LicenceRecord['licenceType'] = 'PERPETUAL',
  extra: Partial<LicenceRecord> = {},
): LicenceRecord {
  line++;
  return {
    source: { file: 'cssm/licenses.csv', line },
    virtualAccount: va,
    licenceName: name,
    licenceKey: key,
    known: true,
    purchased,
    inUse,
    reserved: 0,
    licenceType: type,
    ...extra,
  };
}
