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

/** The bench's own children: papaparse alone, and a build's step timings (scripts/bench.ts). */
export interface PairRuns {
  papaparseMs(pair: number): Promise<number>;
  buildTimings(pair: number): Promise<Record<string, number>>;
}

export async function ratioPairs(n: number, runs: PairRuns): Promise<RatioPairs | null> {
  const pairs: RatioPair[] = [];
  for (let i = 0; i < n; i++) {
    const papaparseMs = await runs.papaparseMs(i);
    const t = await runs.buildTimings(i);
    const loadMs = t.load ?? 0;
    const analyseMs = t.analyse ?? 0;
    pairs.push({ papaparseMs, loadMs, analyseMs, ratio: round2((loadMs + analyseMs) / papaparseMs) });
  }
  if (pairs.length === 0) return null;
  const ratios = pairs.map((x) => x.ratio).sort((a, b) => a - b);
  const mid = ratios.length >> 1;
  const median = ratios.length % 2 ? ratios[mid]! : round2((ratios[mid - 1]! + ratios[mid]!) / 2);
  return { pairs, median, min: ratios[0]!, max: ratios.at(-1)! };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
