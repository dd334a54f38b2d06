/**
 * The baseline: papaparse alone on a client folder's CSV files, the same way the loaders read
 * them (bytes → text → Papa.parse with header), in a fresh process.
 * `node scripts/bench/child-papaparse.ts <client> <result.json>`
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';

const [client, resultFile] = process.argv.slice(2);
if (!client || !resultFile) throw new Error('usage: child-papaparse.ts <client> <result.json>');
const files = readdirSync(client, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.csv'))
  .map((e) => join(e.parentPath, e.name))
  .sort();
const t0 = performance.now();
let rows = 0;
let bytes = 0;
for (const f of files) {
  const b = readFileSync(f);
  bytes += b.length;
  const text = new TextDecoder().decode(b);
  rows += Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data.length;
}
const ms = Math.round(performance.now() - t0);
writeFileSync(
  resultFile,
  JSON.stringify({
    ms,
    files: files.length,
    rows,
    mb: Math.round(bytes / 1e5) / 10,
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
