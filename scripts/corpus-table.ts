/**
 * Markdown table of how the device-capture reader fares on the shared corpus, per command and OS:
 * `node scripts/corpus-table.ts [corpus-dir]` (default `<repo>/../shared/corpus`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SUPPORTED } from '../src/analysis/load/captures/commands.ts';
import { parseCaptureText } from '../src/analysis/load/captures/parse.ts';

const READ = new Set<string>(SUPPORTED);

interface Sample {
  path: string;
  os: string;
  command: string;
}

const dir = process.argv[2] ?? fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
const manifest = `${dir.replace(/\/?$/, '/')}manifest.json`;
if (!existsSync(manifest)) {
  console.error(`corpus not found: ${manifest} (expected the shared/ folder beside the repository)`);
  process.exit(1);
}
const samples = (JSON.parse(readFileSync(manifest, 'utf8')) as { samples: Sample[] }).samples.filter((s) =>
  READ.has(s.command.replace(/\s*\|.*$/, '')),
);

type Row = { read: number; parsed: number; identified: number; unsupported: number; empty: number };
const rows = new Map<string, Row>();
for (const s of samples) {
  const key = `${s.command}\t${s.os}`;
  const row = rows.get(key) ?? { read: 0, parsed: 0, identified: 0, unsupported: 0, empty: 0 };
  rows.set(key, row);
  row.read++;
  const r = parseCaptureText(s.path, readFileSync(dir.replace(/\/?$/, '/') + s.path, 'utf8'));
  const parsed = r.sections.some((x) => x.status === 'parsed');
  if (parsed) {
    row.parsed++;
    if (r.devices.length) row.identified++;
  } else if (r.sections.every((x) => x.status === 'empty')) row.empty++;
  else row.unsupported++;
}

const total: Row = { read: 0, parsed: 0, identified: 0, unsupported: 0, empty: 0 };
const lines = [
  '| command | OS | samples read | parsed | of which with device identity | unsupported | empty |',
  '|---|---|---:|---:|---:|---:|---:|',
];
for (const [key, r] of [...rows].sort(([a], [b]) => a.localeCompare(b))) {
  const [command, os] = key.split('\t');
  lines.push(
    `| \`${command!.replace(/\|/g, '\\|')}\` | ${os} | ${r.read} | ${r.parsed} | ${r.identified} | ${r.unsupported} | ${r.empty} |`,
  );
  for (const k of Object.keys(total) as (keyof Row)[]) total[k] += r[k];
}
lines.push(
  `| **total** | | ${total.read} | ${total.parsed} | ${total.identified} | ${total.unsupported} | ${total.empty} |`,
);
console.log(lines.join('\n'));
