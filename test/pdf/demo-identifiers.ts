import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

/** A small quote-aware CSV reader: header row → records (no multi-line fields in these files). */
function records(text: string): Record<string, string>[] {
  const rows = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const cells: string[] = [];
      let cell = '';
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const c = line[i]!;
        if (quoted && c === '"' && line[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (c === '"') quoted = !quoted;
        else if (c === ',' && !quoted) {
          cells.push(cell);
          cell = '';
        } else cell += c;
      }
      cells.push(cell);
      return cells;
    });
  const [header = [], ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/**
 * The serial numbers and hostnames of a client folder, collected independently of trueup's own
 * loaders (so a redaction test does not share their blind spots): inventory and product-instance
 * CSVs, and the capture files (file names, prompts, serial lines).
 */
export async function deviceIdentifiers(
  client: string,
): Promise<{ serials: Set<string>; hosts: Set<string> }> {
  const serials = new Set<string>();
  const hosts = new Set<string>();
  const csv = async (file: string) => records(await readFile(join(client, file), 'utf8'));
  for (const r of await csv('inventory/cmdb.csv')) {
    if (r['Serial Number']) serials.add(r['Serial Number']);
    if (r.Hostname) hosts.add(r.Hostname);
  }
  for (const r of await csv('cssm/product-instances.csv')) {
    if (r['Serial Number']) serials.add(r['Serial Number']);
    if (r.Name && !r.Name.startsWith('UDI_')) hosts.add(r.Name);
  }
  for (const f of await readdir(join(client, 'captures'))) {
    hosts.add(basename(f, '.txt'));
    const text = await readFile(join(client, 'captures', f), 'utf8');
    for (const m of text.matchAll(/^([A-Za-z0-9][\w.-]*)[#>]/gm)) hosts.add(m[1]!);
    for (const m of text.matchAll(/(?:Serial Number\s*:|Processor board ID|SN:)\s*([A-Z0-9]{6,})/g))
      serials.add(m[1]!);
  }
  return { serials, hosts };
}
