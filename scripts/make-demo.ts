/**
 * Regenerate the shipped demo client, data/clients/demo/ (and data/clients/demo.planted.json),
 * deterministically: the Northwind Logistics profile, a fixed seed, 350 devices.
 *   npx node scripts/make-demo.ts
 */
import { fileURLToPath } from 'node:url';
import { generateClient } from '../src/generate/generate.ts';
import { readLicenceCatalog, writeClientFolder } from '../src/generate/io.ts';
import { DEMO_PROFILE } from '../src/generate/profile.ts';

export const DEMO_SEED = 'northwind-2026';
export const DEMO_DEVICES = 350;

const folder = fileURLToPath(new URL('../data/clients/demo', import.meta.url));
const client = generateClient({
  id: 'demo',
  seed: DEMO_SEED,
  devices: DEMO_DEVICES,
  profile: DEMO_PROFILE,
  catalog: readLicenceCatalog(),
  maxCaptures: 60,
});
const { bytes, files } = writeClientFolder(folder, client);
console.log(`${folder}: ${files} files, ${(bytes / 1e3).toFixed(0)} kB`);
console.log(
  JSON.stringify({ vaImbalance: client.planted.vaImbalance, exposure: client.planted.exposure }, null, 2),
);
