import { createHash } from 'node:crypto';
import type { ClientInputs } from '../load/client-inputs.ts';
import type { Report } from '../model/report.ts';

/**
 * Redaction (`report.redact: true` or `--redact`): every serial number and hostname known from
 * the inputs is replaced, wherever it appears in the Report's text, by a token derived from it
 * (`SN-1a2b3c4d`, `HOST-5e6f7a8b`). The same device gets the same token in the site, the PDF and
 * every export, because they all read this one redacted Report.
 */
export function redactionTable(inputs: ClientInputs, salt: string): Map<string, string> {
  const table = new Map<string, string>();
  const token = (prefix: string, v: string) =>
    `${prefix}-${createHash('sha256').update(`${salt}\u0000${v.toUpperCase()}`).digest('hex').slice(0, 8)}`;
  const serial = (v: string | undefined) => {
    if (v && v.length >= 4) table.set(v.toUpperCase(), token('SN', v));
  };
  const host = (v: string | undefined) => {
    if (v && v.length >= 3 && !table.has(v.toUpperCase())) table.set(v.toUpperCase(), token('HOST', v));
  };
  for (const r of inputs.inventory) {
    serial(r.serial);
    host(r.hostname);
  }
  for (const r of inputs.productInstances) {
    serial(r.serial);
    host(r.name);
  }
  for (const c of inputs.captures) {
    serial(c.serial);
    for (const m of c.members) serial(m.serial);
    host(c.hostname);
  }
  for (const p of inputs.paks) for (const u of p.boundUdis) serial(u.serial);
  for (const s of inputs.support) serial(s.serial);
  for (const c of inputs.ciscoOne) for (const s of c.serials) serial(s);
  for (const t of inputs.transactions) serial(t.serial);
  return table;
}

const TOKEN = /[A-Za-z0-9][A-Za-z0-9_.-]*[A-Za-z0-9]|[A-Za-z0-9]/g;

function redactString(s: string, table: Map<string, string>): string {
  return s.replace(TOKEN, (t) => {
    const hit = table.get(t.toUpperCase());
    if (hit) return hit;
    // "lon-sw-01.txt", "sw01.corp": redact the dotted parts that are known names
    return t.includes('.')
      ? t
          .split('.')
          .map((p) => table.get(p.toUpperCase()) ?? p)
          .join('.')
      : t;
  });
}

function walk(v: unknown, table: Map<string, string>): unknown {
  if (typeof v === 'string') return redactString(v, table);
  if (Array.isArray(v)) return v.map((x) => walk(x, table));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(x, table);
    return out;
  }
  return v;
}

/** A redacted copy of the Report; capture file names (which often are hostnames) are redacted too. */
export function redactReport(report: Report, inputs: ClientInputs): Report {
  const table = redactionTable(inputs, `${report.client.id}|${report.client.asOf}`);
  return walk(report, table) as Report;
}
