import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `<out>` of one real `trueup build data/clients/demo`: site, PDF and exports in `<out>/demo/`, its log in `<out>/build.log`. */
    demoOut: string;
  }
}

const REPO = new URL('../', import.meta.url).pathname;

/**
 * Build the demo client once, through the real command line, for every test that reads the
 * demo's site, PDF or exports (a demo build with its PDF takes seconds; doing it per file would
 * multiply that).
 */
export default function setup(project: TestProject) {
  const out = mkdtempSync(join(tmpdir(), 'trueup-demo-'));
  const r = spawnSync(
    process.execPath,
    [join(REPO, 'src/cli/main.ts'), 'build', join(REPO, 'data/clients/demo'), '--out', out],
    {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC' },
    },
  );
  if (r.status !== 0) throw new Error(`demo build failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  writeFileSync(join(out, 'build.log'), r.stdout);
  project.provide('demoOut', out);
  return () => rmSync(out, { recursive: true, force: true });
}
