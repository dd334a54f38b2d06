/**
 * Regenerate the shipped demo client, data/clients/demo/ (and data/clients/demo.planted.json),
 * deterministically: the Northwind Logistics profile, a fixed seed, 350 devices.
 *   npx node scripts/make-demo.ts
 */
import { fileURLToPath } from 'node:url';
import { generateClient } from '../src/generate/generate.ts';
import { readLicenceCatalog, writeClientFolder } from '../src/generate/io.ts';
import { DEMO_PROFILE, DEMO_RUN } from '../src/generate/profile.ts';

const folder = fileURLToPath(new URL('../data/clients/demo', import.meta.url));
const client = generateClient({ ...DEMO_RUN, profile: DEMO_PROFILE, catalog: readLicenceCatalog() });
const { bytes, files } = writeClientFolder(folder, client);
const p = client.planted;
console.log(`${folder}: ${files} files, ${(bytes / 1e3).toFixed(0)} kB`);
console.log(
  `hidden imbalances: ${p.vaImbalance.hiddenImbalances.map((h) => h.licence).join(', ')}; ` +
    `residual: ${p.vaImbalance.residualShortages.map((h) => h.licence).join(', ')}; ` +
    `unpriced: ${p.exposure.unpricedLicences.join(', ')}`,
);
