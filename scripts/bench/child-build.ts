/**
 * One benchmark build in its own process:
 * `node scripts/bench/child-build.ts <client> <out> <result.json> [--no-pdf] [--no-site]`.
 * Times every build step (buildClient's own timings) and samples this process's RSS every 20 ms;
 * a step's peak is the highest sample taken while it ran (including its first and last
 * instant), and `maxRss` is the kernel's high-water mark for the whole process. Chromium runs in
 * processes of its own and is not counted here.
 */
import { writeFileSync } from 'node:fs';
import { prestartCaptureWorker, stopWarmWorker } from '../../src/analysis/load/captures/warm-worker.ts';
import { loadCatalog } from '../../src/analysis/load/catalog.ts';
import { wantsLoadWorker } from '../../src/analysis/load/client-folder.ts';
import { buildClient } from '../../src/build/build-client.ts';
import { FileEffects } from '../../src/build/effects.ts';
import { createRenderer } from '../../src/build/renderer.ts';

const [client, out, resultFile, ...flags] = process.argv.slice(2);
if (!client || !out || !resultFile)
  throw new Error('usage: child-build.ts <client> <out> <result.json> [--no-pdf] [--no-site]');

const mb = (b: number) => Math.round(b / 1048576);
const peaks: Record<string, number> = {};
let current: string | undefined;
const sample = () => {
  const rss = process.memoryUsage.rss();
  if (current) peaks[current] = Math.max(peaks[current] ?? 0, rss);
};
const timer = setInterval(sample, 20);

const t0 = performance.now();
// as `trueup build` does: the load's worker starts while this thread loads the renderer's modules
if (await wantsLoadWorker(client)) prestartCaptureWorker();
const catalog = await loadCatalog();
const renderer = flags.includes('--no-site') ? undefined : await createRenderer();
const effects = new FileEffects(true, true);
const { timings, report } = await buildClient(
  client,
  catalog,
  {
    out,
    pdf: !flags.includes('--no-pdf'),
    onStep: (step, phase) => {
      if (phase === 'start') current = step;
      sample();
      if (phase === 'end') current = undefined;
    },
  },
  effects,
  renderer,
);
// a worker started for a build whose analysis came from the cache, as the CLI ends it
stopWarmWorker();
const total = Math.round(performance.now() - t0);
clearInterval(timer);
const result = {
  timings,
  total,
  peakRssMb: Object.fromEntries(Object.entries(peaks).map(([k, v]) => [k, mb(v)])),
  maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  findings: report.findings.length,
  log: effects.lines!.filter((l) => !/^ {2}(captures|contracts|cssm|inventory|legacy)\//.test(l)),
};
writeFileSync(resultFile, JSON.stringify(result, null, 2));
