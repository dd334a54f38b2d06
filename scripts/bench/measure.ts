import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { serveStatic } from '../../src/render/serve.ts';

/** Run `node [nodeFlags] <script> …args` in a child process; resolves with its wall time. */
export function runNode(
  script: string,
  args: string[],
  timeoutMs: number,
  nodeFlags: readonly string[] = [],
): Promise<{ ms: number; ok: boolean; stderr: string }> {
  return run(process.execPath, [...nodeFlags, script, ...args], timeoutMs);
}

export function run(
  cmd: string,
  args: string[],
  timeoutMs: number,
): Promise<{ ms: number; ok: boolean; stderr: string }> {
  const t0 = performance.now();
  return new Promise((done) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ ms: Math.round(performance.now() - t0), ok: code === 0, stderr });
    });
  });
}

/** Debian's full Chromium: the bare print the issue names, measured beside the build's own browser. */
export const CHROMIUM = '/usr/lib/chromium/chromium';

/** A bare print of the site's print route by `browser`, served by the same static server. */
export async function barePrint(siteDir: string, outFile: string, timeoutMs: number, browser: string) {
  const server = await serveStatic(siteDir);
  try {
    const r = await run(
      browser,
      ['--headless', '--no-sandbox', '--disable-gpu', `--print-to-pdf=${outFile}`, `${server.origin}/print/`],
      timeoutMs,
    );
    return { ms: r.ms, ok: r.ok, bytes: r.ok ? statSync(outFile).size : 0 };
  } finally {
    await server.close();
  }
}

export interface PageSize {
  page: string;
  kb: number;
}

/** Every HTML page of a built site with its size, largest first. */
export function pageSizes(siteDir: string): PageSize[] {
  return readdirSync(siteDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => {
      const file = join(e.parentPath, e.name);
      return { page: relative(siteDir, file), kb: Math.round(statSync(file).size / 1024) };
    })
    .sort((a, b) => b.kb - a.kb || a.page.localeCompare(b.page));
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}
