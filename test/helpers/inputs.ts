import { type ClientInputs, emptyInputs } from '../../src/analysis/load/client-inputs.ts';
import type { ClientConfig } from '../../src/analysis/model/client.ts';
import type { LedgerEntry } from '../../src/analysis/model/ledger.ts';
import type { LicenceRecord } from '../../src/analysis/model/records.ts';

export const CONFIG: ClientConfig = {
  id: 'prop',
  name: 'Property Client',
  asOf: '2026-11-15',
  currency: 'EUR',
  dateOrder: 'MDY',
  pricing: { discountPct: 0, swssUpliftPct: 0 },
  report: { confidentiality: 'Confidential', redact: false },
};

/** Client inputs made in memory for property tests: licences only unless more are given. */
export function inputsWith(licences: LicenceRecord[], more: Partial<ClientInputs> = {}): ClientInputs {
  return { ...emptyInputs(CONFIG), licences, present: ['client', 'licenses'], ...more };
}

export function licence(
  va: string,
  name: string,
  purchased: number,
  inUse: number,
  reserved = 0,
  type: LicenceRecord['licenceType'] = 'PERPETUAL',
  line = 2,
): LicenceRecord {
  return {
    source: { file: 'cssm/licenses.csv', line },
    virtualAccount: va,
    licenceName: name,
    licenceKey: name.toLowerCase().replace(/\s+/g, '-'),
    known: true,
    purchased,
    inUse,
    reserved,
    licenceType: type,
  };
}

/** A ledger entry for one file read whole: one row per line, nothing rejected, no note. */
export function ledgerEntry(file: string, over: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    file,
    kind: 'captures',
    format: 'text',
    rowsRead: 1,
    rowsAccepted: 1,
    rowsRejected: 0,
    rejections: [],
    notes: [],
    ...over,
  };
}
