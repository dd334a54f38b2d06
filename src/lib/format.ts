import type { SourceRef } from '../analysis/model/evidence.ts';
import type { FamilySection } from '../analysis/model/report.ts';

/** A fixed locale so the same Report gives the same bytes on every machine. */
const LOCALE = 'en-GB';

const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 });
const moneyFormats = new Map<string, Intl.NumberFormat>();

/** 12,345 (whole numbers) or 12,345.67; an em dash for missing values, never a zero. */
export function num(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const text = Number.isInteger(value) ? integer.format(value) : decimal.format(value);
  return text.replace('-', '−');
}

/** A signed balance: +3, −6, 0. */
export function signed(value: number): string {
  return value > 0 ? `+${num(value)}` : num(value);
}

/** Money in the client's currency, whole units: €12,345. Null means unpriced, said in words. */
export function money(value: number | null | undefined, currency: string): string {
  if (value === null || value === undefined) return 'unpriced';
  let f = moneyFormats.get(currency);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE, { style: 'currency', currency, maximumFractionDigits: 0 });
    moneyFormats.set(currency, f);
  }
  return f.format(value).replace('-', '−');
}

const longDate = new Intl.DateTimeFormat(LOCALE, {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** An ISO date (2026-11-15) as 15 November 2026; anything unparseable is shown as given. */
export function date(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : longDate.format(d);
}

export const SEVERITY_LABEL = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
} as const;

export const STATUS_LABEL = {
  open: 'Open',
  accepted: 'Accepted',
  disputed: 'Disputed',
  resolved: 'Resolved',
} as const;

export const SECTION_STATUS_LABEL: Record<FamilySection['status'], string> = {
  complete: 'Complete',
  partial: 'Partial',
  unavailable: 'Not run',
};

/** A figure in its unit; money in the report currency. */
export function figure(
  value: number | null,
  unit: FamilySection['figures'][number]['unit'],
  currency: string,
): string {
  if (value === null) return 'not computed';
  return unit === 'money' ? money(value, currency) : num(value);
}

export function evidenceRef(ref: SourceRef): string {
  return `${ref.file}:${ref.line}`;
}

/** Sentence-case licence type (PERPETUAL → Perpetual). */
export function licenceType(type: string): string {
  return type ? type.charAt(0).toUpperCase() + type.slice(1).toLowerCase() : '—';
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${num(n)} ${n === 1 ? one : many}`;
}
