import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { CLIENT_ID } from '../analysis/load/client-config.ts';
import { UserError } from './user-error.ts';

const README = new URL('../../templates/init/README.md', import.meta.url).pathname;
const FOLDERS = ['cssm', 'legacy', 'inventory', 'captures', 'contracts', 'workbook/sections'];

function clientYaml(id: string): string {
  return `# trueup client file. asOf is the date the exports were taken: every age counts from it.
name: ${id}
asOf: 2026-01-01
currency: EUR
# smartAccount: example.com
# agreement:
#   type: EA            # EA | ELA | none
#   start: 2024-02-01
#   end: 2029-01-31
#   trueForward: [2025-02-01, 2026-02-01]
#   growthAllowancePct: 20
pricing:
  discountPct: 0
  swssUpliftPct: 0
report:
  preparedBy: ""
  redact: false
`;
}

/** Scaffold a client folder: the contract's folders, client.yaml and a README of what goes where. */
export async function runInit(dir: string): Promise<void> {
  const root = resolve(dir);
  const id = basename(root);
  if (!CLIENT_ID.test(id)) throw new UserError(`"${id}" is not a valid client id (letters, digits, - and _)`);
  const existing = await readdir(root).catch(() => [] as string[]);
  if (existing.length) throw new UserError(`${dir} exists and is not empty; choose a new folder`);
  for (const f of FOLDERS) await mkdir(join(root, f), { recursive: true });
  await writeFile(join(root, 'client.yaml'), clientYaml(id));
  await writeFile(join(root, 'README.md'), await readFile(README, 'utf8'));
  process.stdout.write(`created ${dir}: put the exports in the folders named in ${join(dir, 'README.md')}\n`);
}
