import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_FLAGS } from '../../bin/node-flags.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/trueup.js');

let tmp: string;
let probe: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'trueup-launcher-'));
  // loaded into every Node process the launcher starts (NODE_OPTIONS is inherited): each one
  // appends its own V8 options to the log
  probe = join(tmp, 'probe.mjs');
  await writeFile(
    probe,
    `import { appendFileSync } from 'node:fs';\nappendFileSync(process.env.LAUNCH_LOG, JSON.stringify(process.execArgv) + '\\n');\n`,
  );
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

function launch(log: string, args: string[], execArgv: string[] = []) {
  return spawnSync(process.execPath, [...execArgv, BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, LAUNCH_LOG: log, NODE_OPTIONS: `--import=${pathToFileURL(probe).href}` },
  });
}

async function processes(log: string): Promise<string[][]> {
  return (await readFile(log, 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as string[]);
}

describe('bin/trueup.js', () => {
  it('starts the CLI once more with NODE_FLAGS when Node was started without them', async () => {
    const log = join(tmp, 'plain.log');
    const run = launch(log, ['--help']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Usage: trueup');
    const seen = await processes(log);
    expect(seen).toHaveLength(2);
    expect(seen[0]).not.toEqual(expect.arrayContaining(NODE_FLAGS));
    expect(seen[1]).toEqual(expect.arrayContaining(NODE_FLAGS));
  });

  it('runs the CLI in its own process when Node already has NODE_FLAGS', async () => {
    const log = join(tmp, 'flagged.log');
    const run = launch(log, ['--help'], NODE_FLAGS);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Usage: trueup');
    expect(await processes(log)).toHaveLength(1);
  });

  it("passes on the CLI's exit status and its error output", async () => {
    const run = launch(join(tmp, 'missing.log'), ['validate', join(tmp, 'no-such-client')]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('no-such-client');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
