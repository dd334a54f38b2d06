/**
 * Synthetic client-folder generator.
 *   npm run generate -- --devices 2000 --seed 7 --out /tmp/clients --id acme
 * writes /tmp/clients/acme/ and /tmp/clients/acme.planted.json. Without --id, --out is the folder.
 */
import { basename, join, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { generateClient } from '../src/generate/generate.ts';
import { readLicenceCatalog, writeClientFolder } from '../src/generate/io.ts';
import { DEMO_PROFILE, syntheticProfile } from '../src/generate/profile.ts';

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
}

const program = new Command()
  .name('generate')
  .description('Write a deterministic synthetic client folder (DESIGN.md §4) and <folder>.planted.json')
  .requiredOption('--out <dir>', 'output folder (or its parent when --id is given)')
  .option('--devices <n>', 'number of devices in the estate', positiveInt, 350)
  .option('--seed <seed>', 'seed: the same seed gives byte-identical output', '1')
  .option('--id <name>', 'client id (folder name) under --out')
  .option('--demo', 'use the Northwind Logistics demo profile (about a dozen licences)')
  .option('--max-captures <n>', 'upper bound on captures/*.txt files', positiveInt)
  .parse();

const o = program.opts<{
  out: string;
  devices: number;
  seed: string;
  id?: string;
  demo?: boolean;
  maxCaptures?: number;
}>();
const folder = resolve(o.id ? join(o.out, o.id) : o.out);
const id = basename(folder);
if (!/^[a-z0-9][a-z0-9_-]{0,63}$/i.test(id)) {
  console.error(`client id "${id}" must be letters, digits, - and _ (it becomes a folder name)`);
  process.exit(2);
}
const t0 = performance.now();
const client = generateClient({
  id,
  seed: o.seed,
  devices: o.devices,
  profile: o.demo ? DEMO_PROFILE : syntheticProfile(id),
  catalog: readLicenceCatalog(),
  ...(o.maxCaptures ? { maxCaptures: o.maxCaptures } : {}),
});
const t1 = performance.now();
const { bytes, files } = writeClientFolder(folder, client);
const t2 = performance.now();
const p = client.planted;
console.log(
  `${folder}: ${files} files, ${(bytes / 1e6).toFixed(1)} MB (generate ${((t1 - t0) / 1000).toFixed(2)} s, write ${((t2 - t1) / 1000).toFixed(2)} s)`,
);
console.log(
  `planted: ${p.vaImbalance.shortages.length} VA shortages, ${p.vaImbalance.hiddenImbalances.length} hidden imbalances, ` +
    `${p.pakEstate.activeDevicesAbsentFromCssm} devices absent from CSSM, ${p.unactivatedPak.openLinesNotMigrated} open PAK lines, ` +
    `${p.orphaned.instancesOnRetiredDevices} instances on retired devices -> ${folder}.planted.json`,
);
