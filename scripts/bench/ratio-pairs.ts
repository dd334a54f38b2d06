/**
 * The load + analyse ÷ papaparse ratio measured again in `n` interleaved pairs: papaparse alone,
 * then a build child without the PDF into a fresh output folder, so no analysis cache is found.
 * One run of each is at the mercy of the machine's spell (a shared 2-core VM: the same step varies
 * by up to 30% between runs); a pair shares its spell, and the median of the pairs' ratios is
 * reported beside the full build's. The child builds the site, as `trueup build` does, so that
 * the renderer's modules are loaded before the load: without them the old generation starts
 * smaller, and a mark-compact fell inside the analysis (3.34-3.40 s against the full build's
 * 3.01 s in one run).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { readJson, runNode } from './measure.ts';

export interface RatioPair {
  papaparseMs: number;
  loadMs: number;
  analyseMs: number;
  ratio: number;
}

export interface RatioPairs {
  pairs: RatioPair[];
  median: number;
  min: number;
  max: number;
}

interface PairOptions {
  root: string;
  cache: string;
  /** the V8 options the CLI runs with (bin/node-flags.js); papaparse runs without them */
  nodeFlags: readonly string[];
  timeoutMs: number;
}

export async function ratioPairs(client: string, n: number, p: PairOptions): Promise<RatioPairs | null> {
  const pairs: RatioPair[] = [];
  const out = join(p.cache, 'out-pairs');
  const papaFile = join(p.cache, 'pair-papaparse.json');
  const buildFile = join(p.cache, 'pair-build.json');
  for (let i = 0; i < n; i++) {
    const papa = await runNode(
      join(p.root, 'scripts/bench/child-papaparse.ts'),
      [client, papaFile],
      p.timeoutMs,
    );
    if (!papa.ok) throw new Error(`papaparse pair ${i + 1} failed: ${papa.stderr}`);
    rmSync(out, { recursive: true, force: true });
    const build = await runNode(
      join(p.root, 'scripts/bench/child-build.ts'),
      [client, out, buildFile, '--no-pdf'],
      p.timeoutMs,
      p.nodeFlags,
    );
    if (!build.ok) throw new Error(`build pair ${i + 1} failed: ${build.stderr}`);
    const papaparseMs = readJson<{ ms: number }>(papaFile).ms;
    const t = readJson<{ timings: Record<string, number> }>(buildFile).timings;
    const loadMs = t.load ?? 0;
    const analyseMs = t.analyse ?? 0;
    pairs.push({ papaparseMs, loadMs, analyseMs, ratio: round2((loadMs + analyseMs) / papaparseMs) });
  }
  rmSync(out, { recursive: true, force: true });
  if (pairs.length === 0) return null;
  const ratios = pairs.map((x) => x.ratio).sort((a, b) => a - b);
  const mid = ratios.length >> 1;
  const median = ratios.length % 2 ? ratios[mid]! : round2((ratios[mid - 1]! + ratios[mid]!) / 2);
  return { pairs, median, min: ratios[0]!, max: ratios.at(-1)! };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
