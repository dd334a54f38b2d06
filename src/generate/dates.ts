/** ISO date arithmetic (UTC only) and the timestamp shapes Cisco CLI output prints. */

const DAY = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

// Date parsing and formatting dominate generation time at 200k devices; the estate uses a few
// thousand distinct dates, so both directions are memoised.
const dayOf = new Map<string, number>();
const isoOf = new Map<number, string>();

function toDay(iso: string): number {
  let d = dayOf.get(iso);
  if (d === undefined) {
    d = Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
    dayOf.set(iso, d);
  }
  return d;
}

function fromDay(day: number): string {
  let s = isoOf.get(day);
  if (s === undefined) {
    s = new Date(day * DAY).toISOString().slice(0, 10);
    isoOf.set(day, s);
  }
  return s;
}

export function addDays(iso: string, days: number): string {
  return fromDay(toDay(iso) + days);
}

/** Days from a to b, positive when b is later. */
export function daysBetween(a: string, b: string): number {
  return toDay(b) - toDay(a);
}

const monthsLater = new Map<string, string>();

export function addMonths(iso: string, months: number): string {
  const key = `${iso}|${months}`;
  let s = monthsLater.get(key);
  if (s === undefined) {
    const d = new Date(`${iso}T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + months);
    s = d.toISOString().slice(0, 10);
    monthsLater.set(key, s);
  }
  return s;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `Oct 14 12:10:32 2021 UTC`, as in `Last ACK received:` lines. */
export function ciscoTimestamp(iso: string, secondsOfDay: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  const h = Math.floor(secondsOfDay / 3600) % 24;
  const m = Math.floor(secondsOfDay / 60) % 60;
  const s = secondsOfDay % 60;
  return `${MONTHS[d.getUTCMonth()]} ${pad2(d.getUTCDate())} ${pad2(h)}:${pad2(m)}:${pad2(s)} ${d.getUTCFullYear()} UTC`;
}

/** `19:11:28 UTC Tue Aug 22 2017`, as in `System restarted at`. */
export function ciscoRestartStamp(iso: string, secondsOfDay: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  const h = Math.floor(secondsOfDay / 3600) % 24;
  const m = Math.floor(secondsOfDay / 60) % 60;
  const s = secondsOfDay % 60;
  return `${pad2(h)}:${pad2(m)}:${pad2(s)} UTC ${WEEKDAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${d.getUTCFullYear()}`;
}

/** `1 year, 22 weeks, 6 days, 9 hours, 38 minutes` for a span in minutes. */
export function uptimeText(minutes: number): string {
  const parts: string[] = [];
  const units: [string, number][] = [
    ['year', 525_600],
    ['week', 10_080],
    ['day', 1_440],
    ['hour', 60],
    ['minute', 1],
  ];
  let rest = minutes;
  for (const [name, size] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || (name === 'minute' && parts.length === 0)) parts.push(`${n} ${name}${n === 1 ? '' : 's'}`);
  }
  return parts.join(', ');
}
