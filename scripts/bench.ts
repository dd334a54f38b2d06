/**
 * `npm run bench [-- --sizes 2000,20000,200000 --seed 8 --no-pdf --label name]`
 * `--no-site`: analysis and exports only.
 * Builds generated estates of each size (cached in .cache/bench/), each in a child process, and
 * measures per step time and peak RSS, papaparse alone on the same CSV files, a bare Chromium
 * print of the same print page, the site's page sizes, a rebuild after a workbook change and one
 * after a template change.
 * Writes bench/results.json and bench/history/<time>[-label].json; README "Performance".
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { NODE_FLAGS } from '../bin/node-flags.js';
import { findBrowser } from '../src/render/browser.ts';
import { barePrint, CHROMIUM, type PageSize, pageSizes, readJson, runNode } from './bench/measure.ts';
import { type RatioPairs, ratioPairs } from './bench/ratio-pairs.ts';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const o = new Command()
  .option('--sizes <list>', 'device counts', '2000,20000,200000')
  .option('--seed <seed>', 'generator seed', '8')
  .option('--no-pdf', 'skip the PDF step and the bare Chromium print')
  .option('--no-site', 'analysis and exports only (no site, no PDF, no XLSX)')
  .option('--no-rebuild', 'skip the rebuilds after a workbook and a template change')
  .option('--label <name>', 'suffix of the history file')
  .option('--pairs <n>', 'interleaved papaparse / load + analyse pairs per size', '3')
  .parse()
  .opts<{
    sizes: string;
    seed: string;
    pdf: boolean;
    site: boolean;
    rebuild: boolean;
    label?: string;
    pairs: string;
  }>();
if (!o.site) o.pdf = false;
if (!/^\d+$/.test(o.pairs)) {
  console.error(`bench: --pairs takes a whole number of pairs, found "${o.pairs}"`);
  process.exit(2);
}

const CACHE = join(ROOT, '.cache', 'bench');
// the browser the build prints with (no browser is needed without the PDF)
const printBrowser = o.pdf ? (await findBrowser(join(ROOT, '.cache', 'chromium'))).executablePath : 'none';
const HOUR = 3_600_000;
const PAGE_LIMIT_KB = 1536;

interface ChildResult {
  timings: Record<string, number>;
  total: number;
  peakRssMb: Record<string, number>;
  maxRssMb: number;
  findings: number;
  log: string[];
}

async function ensureClient(devices: number): Promise<string> {
  const id = `bench-${devices}-s${o.seed}`;
  const dir = join(CACHE, 'clients', id);
  if (!existsSync(`${dir}.planted.json`)) {
    console.log(`generating ${devices} devices (seed ${o.seed}) into ${dir}`);
    rmSync(dir, { recursive: true, force: true });
    const r = await runNode(
      join(ROOT, 'scripts/generate.ts'),
      ['--devices', String(devices), '--seed', o.seed, '--out', join(CACHE, 'clients'), '--id', id],
      HOUR,
    );
    if (!r.ok) throw new Error(`generate failed: ${r.stderr}`);
  }
  return dir;
}

async function build(
  client: string,
  out: string,
  tag: string,
  childFlags = [...(o.pdf ? [] : ['--no-pdf']), ...(o.site ? [] : ['--no-site'])],
): Promise<ChildResult & { wallMs: number }> {
  const file = join(CACHE, `result-${tag}.json`);
  rmSync(file, { force: true });
  const r = await runNode(
    join(ROOT, 'scripts/bench/child-build.ts'),
    [client, out, file, ...childFlags],
    HOUR,
    // the V8 options bin/trueup.js gives the CLI; the papaparse baseline runs without them
    NODE_FLAGS,
  );
  if (!r.ok) throw new Error(`build ${tag} failed after ${r.ms} ms: ${r.stderr}`);
  return { ...readJson<ChildResult>(file), wallMs: r.ms };
}

/** Papaparse alone on the client's CSV files, in a child started without NODE_FLAGS. */
async function papaparse(client: string, tag: string) {
  const file = join(CACHE, `papa-${tag}.json`);
  const r = await runNode(join(ROOT, 'scripts/bench/child-papaparse.ts'), [client, file], HOUR);
  if (!r.ok) throw new Error(`papaparse ${tag} failed after ${r.ms} ms: ${r.stderr}`);
  return readJson<{ ms: number; files: number; rows: number; mb: number }>(file);
}

/**
 * A workbook change only: one decision on the first finding and the overview's narrative
 * replaced (a client's override of templates/overview.mdx); undone after the rebuild.
 */
function touchWorkbook(client: string, outDir: string): () => void {
  const csv = readFileSync(join(outDir, 'findings.csv'), 'utf8').split('\n');
  const id = csv[1]?.split(',')[0] ?? 'va-imbalance-00000000';
  const dir = join(client, 'workbook');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'findings.yaml'), `${id}:\n  status: accepted\n  comment: bench rebuild\n`);
  mkdirSync(join(dir, 'sections'), { recursive: true });
  writeFileSync(join(dir, 'sections', 'overview.mdx'), 'The benchmark rebuild replaced this narrative.\n');
  return () => rmSync(dir, { recursive: true, force: true });
}

/** The template the template-change rebuild edits: a family chapter with a page and a PDF part of its own. */
const TEMPLATE = join(ROOT, 'templates', 'pak-estate.mdx');

/**
 * A template change only: a sentence added to templates/pak-estate.mdx, as an advisor editing the
 * narrative would. The file's bytes are put back when the rebuild ends, and on an interrupt.
 */
function touchTemplate(): () => void {
  const original = readFileSync(TEMPLATE);
  const restore = () => writeFileSync(TEMPLATE, original);
  const onSignal = () => {
    restore();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  writeFileSync(TEMPLATE, `${original.toString('utf8')}\nThe benchmark rebuild added this sentence.\n`);
  return () => {
    restore();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : null);

interface SizeResult {
  devices: number;
  seed: string;
  papaparseMs: number;
  csv: { ms: number; files: number; rows: number; mb: number };
  build: ChildResult & { wallMs: number };
  /** The browser the build printed with, and the bare print's. */
  printBrowser: string;
  barePrintMs: number | null;
  /** Debian's full Chromium's bare print, when the build printed with another browser. */
  barePrintChromiumMs: number | null;
  largestPages: PageSize[];
  pagesOver1_5MB: PageSize[];
  rebuild: (ChildResult & { wallMs: number }) | null;
  /** The rebuild after a template change (on top of the workbook change, which stays in place). */
  templateRebuild: (ChildResult & { wallMs: number }) | null;
  /** load + analyse ÷ papaparse again, in interleaved pairs (scripts/bench/ratio-pairs.ts) */
  pairs: RatioPairs | null;
  ratios: {
    loadAnalyseOverPapaparse: number | null;
    /** the median of the pairs' ratios */
    loadAnalyseOverPapaparseMedian: number | null;
    pdfOverBarePrint: number | null;
    pdfOverChromiumPrint: number | null;
    rebuildOverFull: number | null;
    templateRebuildOverFull: number | null;
    msPerDevice: number;
  };
}

const results: SizeResult[] = [];
for (const devices of o.sizes.split(',').map(Number)) {
  const client = await ensureClient(devices);
  // a workbook/ left in a generated client (by a run that stopped, or by hand) would be in the full
  // build already and make the rebuild's change a no-op
  if (existsSync(join(client, 'workbook'))) {
    rmSync(join(client, 'workbook'), { recursive: true, force: true });
    console.log(`removed a workbook/ folder left in ${client}`);
  }
  const tag = `${devices}`;
  const out = join(CACHE, 'out');
  const outDir = join(out, `bench-${devices}-s${o.seed}`);
  rmSync(outDir, { recursive: true, force: true });
  console.log(`\n== ${devices} devices`);
  const papa = await papaparse(client, tag);
  console.log(`papaparse alone: ${papa.ms} ms for ${papa.files} CSV files, ${papa.rows} rows, ${papa.mb} MB`);
  const full = await build(client, out, `${tag}-full`);
  console.log(`build: ${JSON.stringify(full.timings)} total ${full.total} ms, max RSS ${full.maxRssMb} MB`);
  console.log(`peak RSS per step (MB): ${JSON.stringify(full.peakRssMb)}`);
  // the ratio's baseline is a bare print by the browser the build prints with; Debian's full
  // Chromium, when that is another binary, is timed too
  const bare = o.pdf
    ? await barePrint(join(outDir, 'site'), join(CACHE, `bare-${tag}.pdf`), HOUR, printBrowser)
    : undefined;
  if (bare) console.log(`bare print (${printBrowser}): ${bare.ms} ms (${bare.ok ? 'ok' : 'FAILED'})`);
  const bareChromium =
    o.pdf && printBrowser !== CHROMIUM && existsSync(CHROMIUM)
      ? await barePrint(join(outDir, 'site'), join(CACHE, `bare-chromium-${tag}.pdf`), HOUR, CHROMIUM)
      : undefined;
  if (bareChromium)
    console.log(`bare print (${CHROMIUM}): ${bareChromium.ms} ms (${bareChromium.ok ? 'ok' : 'FAILED'})`);
  const pages: PageSize[] = existsSync(join(outDir, 'site')) ? pageSizes(join(outDir, 'site')) : [];
  const over = pages.filter((p) => p.kb > PAGE_LIMIT_KB);
  console.log(
    `largest pages: ${pages
      .slice(0, 4)
      .map((p) => `${p.page} ${p.kb} KB`)
      .join(', ')}; ${over.length} over 1.5 MB`,
  );
  let rebuild: (ChildResult & { wallMs: number }) | undefined;
  let templateRebuild: (ChildResult & { wallMs: number }) | undefined;
  if (o.rebuild) {
    const undo = touchWorkbook(client, outDir);
    try {
      rebuild = await build(client, out, `${tag}-rebuild`);
      console.log(
        `rebuild after a workbook change: ${JSON.stringify(rebuild.timings)} total ${rebuild.total} ms`,
      );
      for (const l of rebuild.log.filter((x) => /cache|changed|site:|pdf:/.test(x))) console.log(`  ${l}`);
      // the workbook stays as the last build saw it: the template is the only change
      const untouch = touchTemplate();
      try {
        templateRebuild = await build(client, out, `${tag}-template-rebuild`);
      } finally {
        untouch();
      }
      console.log(
        `rebuild after a template change: ${JSON.stringify(templateRebuild.timings)} total ${templateRebuild.total} ms`,
      );
      for (const l of templateRebuild.log.filter((x) => /cache|changed|site:|pdf:/.test(x)))
        console.log(`  ${l}`);
    } finally {
      undo();
    }
  }
  // each pair's build goes to a fresh folder, so that it finds no analysis cache
  const pairsOut = join(CACHE, 'out-pairs');
  const pairs = await ratioPairs(Number(o.pairs), {
    papaparseMs: async (i) => (await papaparse(client, `${tag}-pair-${i + 1}`)).ms,
    buildTimings: async (i) => {
      rmSync(pairsOut, { recursive: true, force: true });
      return (await build(client, pairsOut, `${tag}-pair-${i + 1}`, ['--no-pdf'])).timings;
    },
  });
  rmSync(pairsOut, { recursive: true, force: true });
  if (pairs)
    console.log(
      `load + analyse ÷ papaparse in ${pairs.pairs.length} interleaved pairs: ${pairs.pairs.map((x) => x.ratio).join(', ')} (median ${pairs.median})`,
    );
  const t = full.timings;
  const loadAnalyse = (t.load ?? 0) + (t.analyse ?? 0);
  const r: SizeResult = {
    devices,
    seed: o.seed,
    papaparseMs: papa.ms,
    csv: papa,
    build: full,
    printBrowser,
    barePrintMs: bare?.ms ?? null,
    barePrintChromiumMs: bareChromium?.ms ?? null,
    largestPages: pages.slice(0, 10),
    pagesOver1_5MB: over,
    rebuild: rebuild ?? null,
    templateRebuild: templateRebuild ?? null,
    pairs,
    ratios: {
      loadAnalyseOverPapaparse: ratio(loadAnalyse, papa.ms),
      loadAnalyseOverPapaparseMedian: pairs?.median ?? null,
      pdfOverBarePrint: bare && t.pdf !== undefined ? ratio(t.pdf, bare.ms) : null,
      pdfOverChromiumPrint: bareChromium && t.pdf !== undefined ? ratio(t.pdf, bareChromium.ms) : null,
      rebuildOverFull: rebuild ? ratio(rebuild.total, full.total) : null,
      templateRebuildOverFull: templateRebuild ? ratio(templateRebuild.total, full.total) : null,
      msPerDevice: Math.round((full.total / devices) * 1000) / 1000,
    },
  };
  console.log(`ratios: ${JSON.stringify(r.ratios)}`);
  results.push(r);
}

const doc = {
  at: new Date().toISOString(),
  node: process.version,
  // the V8 options the build child ran with (the papaparse child ran with none)
  buildNodeFlags: NODE_FLAGS.join(' '),
  cpus: (await import('node:os')).cpus().length,
  label: o.label ?? null,
  results,
};
mkdirSync(join(ROOT, 'bench', 'history'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(doc, null, 2)}\n`);
const stamp = doc.at.replace(/[:.]/g, '-').slice(0, 19);
writeFileSync(
  join(ROOT, 'bench', 'history', `${stamp}${o.label ? `-${o.label}` : ''}.json`),
  `${JSON.stringify(doc, null, 2)}\n`,
);
/**
 * How each step's time grows between consecutive sizes, as the exponent k in time ∝ devices^k:
 * 1 is linear, below 1 is better (fixed costs amortised), above 1 grows faster than the data.
 */
const growth = results.slice(1).map((r, i) => {
  const prev = results[i]!;
  const k = (a: number | undefined, b: number | undefined) =>
    a && b ? Math.round((Math.log(b / a) / Math.log(r.devices / prev.devices)) * 100) / 100 : null;
  const steps = Object.keys(r.build.timings);
  return {
    from: prev.devices,
    to: r.devices,
    total: k(prev.build.total, r.build.total),
    steps: Object.fromEntries(steps.map((st) => [st, k(prev.build.timings[st], r.build.timings[st])])),
  };
});
if (growth.length) {
  Object.assign(doc, { growth });
  writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(doc, null, 2)}\n`);
  writeFileSync(
    join(ROOT, 'bench', 'history', `${stamp}${o.label ? `-${o.label}` : ''}.json`),
    `${JSON.stringify(doc, null, 2)}\n`,
  );
  console.log('\ngrowth exponent k (time ∝ devices^k; 1 = linear)');
  for (const g of growth) console.log(`${g.from} → ${g.to}: total ${g.total} ${JSON.stringify(g.steps)}`);
}
console.log(
  '\nsize      load+analyse/papa (pairs: median, range)  pdf/bare  rebuild/full (workbook, template)  ms/device  total ms  max RSS MB',
);
for (const r of results)
  console.log(
    `${String(r.devices).padEnd(9)} ${`${r.ratios.loadAnalyseOverPapaparse} (${r.pairs ? `${r.pairs.median}, ${r.pairs.min}-${r.pairs.max}` : '-'})`.padEnd(42)} ${String(r.ratios.pdfOverBarePrint).padEnd(9)} ${`${r.ratios.rebuildOverFull}, ${r.ratios.templateRebuildOverFull}`.padEnd(35)} ${String(r.ratios.msPerDevice).padEnd(10)} ${String(r.build.total).padEnd(9)} ${r.build.maxRssMb}`,
  );
