/**
 * Device dates to ISO `YYYY-MM-DD`. Cisco prints several shapes, often inside a longer value
 * (`AUTHORIZED on Mar 13 08:09:28 2024 UTC`), so the first date found anywhere in the text wins.
 * The date is kept as the device printed it: no time-zone shift (a report ages dates by days).
 */
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MON = '(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*';
const TIME = '\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\.\\d+)?';

const SHAPES: { re: RegExp; y: number; m: number; d: number }[] = [
  // Nov 08 2023 19:33:46 UTC, Dec 03 2018
  { re: new RegExp(`\\b${MON}\\s+(\\d{1,2}),?\\s+(\\d{4})\\b`, 'i'), m: 1, d: 2, y: 3 },
  // Mar 15 16:47:50 2023 UTC
  {
    re: new RegExp(`\\b${MON}\\s+(\\d{1,2})\\s+${TIME}\\s+(?:[A-Z]{2,5}\\s+)?(\\d{4})\\b`, 'i'),
    m: 1,
    d: 2,
    y: 3,
  },
  // 2023-11-08
  { re: /\b(\d{4})-(\d{2})-(\d{2})\b/, y: 1, m: 2, d: 3 },
  // 08-Nov-2023 (compile dates)
  { re: new RegExp(`\\b(\\d{1,2})-${MON}-(\\d{4})\\b`, 'i'), d: 1, m: 2, y: 3 },
];

export function parseDeviceDate(text: string | undefined): string | undefined {
  if (!text) return undefined;
  let best: { at: number; iso: string } | undefined;
  for (const s of SHAPES) {
    const m = s.re.exec(text);
    if (!m) continue;
    const iso = toIso(m[s.y]!, m[s.m]!, m[s.d]!);
    if (iso && (!best || m.index < best.at)) best = { at: m.index, iso };
  }
  return best?.iso;
}

function toIso(y: string, m: string, d: string): string | undefined {
  const month = /^\d+$/.test(m) ? Number(m) : MONTHS.indexOf(m.slice(0, 3).toLowerCase()) + 1;
  const day = Number(d);
  const year = Number(y);
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1990 || year > 2100) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}
