import { basename, join, resolve, sep } from 'node:path';
import { stopWarmWorker } from '../analysis/load/captures/warm-worker.ts';
import { CLIENT_ID } from '../analysis/load/client-config.ts';
import { type LoadProgress, loadClientFolder, loadDecisions } from '../analysis/load/client-folder.ts';
import type { Catalog } from '../analysis/model/catalog.ts';
import type { Report } from '../analysis/model/report.ts';
import { analyseInputs, applyDecisions } from '../analysis/report/build-report.ts';
import { isDecisionEntry, withoutDecisions } from '../analysis/report/decision-ledger.ts';
import { redactReport } from '../analysis/report/redact.ts';
import { findingsCsvPieces, transferPlanCsv } from '../export/findings-csv.ts';
import type { AnalysisOf, FindingsWorkbook, LastWorkbook } from '../export/findings-xlsx.ts';
import { reportJson } from '../export/json-chunks.ts';
import {
  type CachedText,
  type CacheKey,
  cacheDigest,
  cachedText,
  cacheFile,
  cacheKey,
  cacheText,
  emptyLayout,
  type FileStats,
  finishKey,
  noHeadReason,
  planKey,
  readCache,
  readCacheHead,
} from './analysis-cache.ts';
import type { BuildEffects } from './effects.ts';
import { lastWorkbook, lastWorkbookFile, lastWorkbookRecord } from './last-workbook.ts';
import { protectedWorkDir, sealInto } from './protect-output.ts';
import { resolveSections } from './sections.ts';

export interface BuildOptions {
  out: string;
  pdf: boolean;
  redact?: boolean;
  /** Encrypt the site and seal every output into it (needs a renderer). */
  password?: string;
  /** Called as each step starts and ends (the benchmark samples memory per step). */
  onStep?: (step: string, phase: 'start' | 'end') => void;
  /** false: neither read nor write the analysis cache (`<out>/<id>/.cache/analysis.json`). */
  cache?: boolean;
}

/** What `Renderer.startPdf` started, for its `pdf` call. */
export interface PdfStart {
  release(): Promise<void>;
}

/** Site and PDF rendering, injected so the analysis half of a build can run without a browser. */
export interface Renderer {
  /**
   * `report` is what was just written to `reportPath`, passed so the site need not parse it
   * again. `analysis` identifies the analysis behind it (absent for redacted and protected
   * builds): the `keyed` pages unchanged since the last build into `outDir` are then `kept`.
   */
  site(
    reportPath: string,
    outDir: string,
    report?: Report,
    analysis?: string,
  ): Promise<{
    pages: number;
    keyed?: number;
    kept?: number;
    chapters?: number;
    keptChapters?: number;
    /** Rendered from the bundle an earlier build of the same code kept, or bundled again and why. */
    bundle?: { kept: true } | { kept: false; why: string };
  }>;
  /**
   * Start what printing needs that does not depend on the site (the browser), so that it starts
   * while the site builds. Passed to `pdf`, which uses it up; `release` frees it if no `pdf` call
   * did (the site step failed).
   */
  startPdf?(): PdfStart;
  pdf(
    siteDir: string,
    outFile: string,
    started?: PdfStart,
  ): Promise<{
    pages?: number;
    browser: string;
    blockedRequests: number;
    prints?: number;
    taggedPrints?: number;
    keptParts?: number;
    wholeBecause?: string;
  }>;
  /**
   * `last`: the last build's findings.xlsx, whose unchanged sheets are copied; `analysis`: the
   * analysis `report` was made from (absent for redacted builds), whose data tables are known.
   */
  xlsx?(report: Report, last?: LastWorkbook, analysis?: AnalysisOf): Promise<FindingsWorkbook>;
}

export class BuildError extends Error {
  override name = 'BuildError';
}

/** `<out>/<id>/`, refusing any id that could escape `out` (the client id is a folder name). */
export function clientOutDir(out: string, id: string): string {
  if (!CLIENT_ID.test(id))
    throw new BuildError(`"${id}" is not a valid client id (letters, digits, - and _)`);
  const root = resolve(out);
  const dir = resolve(root, id);
  if (!dir.startsWith(root + sep)) throw new BuildError(`client output ${dir} would be outside ${root}`);
  return dir;
}

/**
 * ", kept from the last build (…)", " in 3 prints (2 tagged), 14 parts kept from the last build",
 * " in 1 print", or nothing.
 */
function printsSaid(pdf: { prints?: number; taggedPrints?: number; keptParts?: number }): string {
  const { prints, taggedPrints: tagged, keptParts } = pdf;
  if (prints === 0 && !keptParts) return ', kept from the last build (print page unchanged)';
  const kept = keptParts ? `, ${keptParts} part${keptParts > 1 ? 's' : ''} kept from the last build` : '';
  if (!prints) return kept;
  const untagged = tagged !== undefined && tagged < prints ? ` (${tagged} tagged)` : '';
  return ` in ${prints} print${prints > 1 ? 's' : ''}${untagged}${kept}`;
}

const ms = (t0: number) => `${Math.round(performance.now() - t0)} ms`;

/**
 * One client folder → report.json, findings.csv, transfer-plan.csv (+ site, PDF, XLSX when a
 * renderer is given) in `<out>/<id>/`. Reads only `dir` and the shipped catalog/templates;
 * writes only below `<out>/<id>/`.
 */
export async function buildClient(
  dir: string,
  catalog: Catalog,
  opts: BuildOptions,
  effects: BuildEffects,
  renderer?: Renderer,
): Promise<{ report: Report; outDir: string; timings: Record<string, number> }> {
  const id = basename(resolve(dir));
  const outDir = clientOutDir(opts.out, id);
  const timings: Record<string, number> = {};
  const step = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
    opts.onStep?.(name, 'start');
    const t0 = performance.now();
    const r = await f();
    timings[name] = Math.round(performance.now() - t0);
    opts.onStep?.(name, 'end');
    return r;
  };
  effects.log(`${id}: loading ${dir}`);
  // the cache holds plain analysis: never for redacted or password-protected builds
  const useCache = opts.cache !== false && !opts.redact && !opts.password;
  const progress: LoadProgress = (e) =>
    effects.log(
      `  ${e.file}: ${e.rows} rows, ${e.accepted} accepted, ${e.rejected} rejected (${Math.round(e.ms)} ms)`,
    );
  const load = async () => {
    // the last key's stats spare reading the files that have not changed since
    const head = useCache ? await readCacheHead(outDir) : undefined;
    if (useCache && !head) {
      // no cached analysis to compare with: the key is taken from the bytes the load reads, with
      // the files' stats taken before (a first build reads its inputs once, not twice)
      effects.log(`  analysis cache: recomputing, ${noHeadReason(outDir)}`);
      const plan = await planKey(dir);
      const digests = new Map<string, string>();
      const inputs = await loadClientFolder(dir, catalog, progress, { digests });
      const { key, stats } = await finishKey(plan, digests);
      return { key, stats, inputs };
    }
    const keyed = useCache ? await cacheKey(dir, head) : undefined;
    const key = keyed?.key;
    const cached = key ? await readCache(outDir, key, head) : undefined;
    if (cached?.analysis) {
      // no load: a worker started for it (warm-worker.ts) would hold its memory to the end
      stopWarmWorker();
      return { key, cached: cached.analysis, reuse: cached.reuse, decisions: await loadDecisions(dir) };
    }
    if (cached) effects.log(`  analysis cache: recomputing, ${cached.reason}`);
    // a redacted build takes every serial of the inputs into its redaction table
    const inputs = await loadClientFolder(dir, catalog, progress, {
      everySupportRecord: opts.redact === true,
    });
    return { key, stats: keyed?.stats, inputs };
  };
  let loaded: Awaited<ReturnType<typeof load>> | undefined = await step('load', load);
  let fresh: { key: CacheKey; stats?: FileStats; analysis: Report } | undefined;
  // the analysis's JSON and CSV text, which report.json and findings.csv copy where the Report
  // shares the analysis's findings and families
  let reuse: CachedText | undefined;
  // the analysis itself: findings.xlsx knows the data tables the Report shares with it
  let analysisOf: AnalysisOf | undefined;
  // which analysis the Report was made from; only for plain (unredacted, cacheable) analysis
  let analysisId: string | undefined;
  const report = await step('analyse', async () => {
    const { key, stats, cached, decisions, inputs } = loaded!;
    reuse = loaded!.reuse;
    // the parsed inputs (hundreds of MB at 200k devices) are not needed once analysed
    loaded = undefined;
    if (cached) {
      analysisId = cacheDigest(key!);
      analysisOf = { id: analysisId, report: cached };
      effects.log(`  analysis cache: hit (${cacheFile(outDir)}); workbook and sections applied`);
      const r = applyDecisions(cached, decisions.workbook, decisions.ledger);
      r.sections = await resolveSections(decisions.sections);
      return r;
    }
    if (opts.redact) inputs.config.report.redact = true;
    const analysis = analyseInputs(withoutDecisions(inputs), catalog);
    if (key && !inputs.config.report.redact) {
      fresh = { key, ...(stats ? { stats } : {}), analysis };
      analysisId = cacheDigest(key);
      analysisOf = { id: analysisId, report: analysis };
    }
    const r = applyDecisions(analysis, inputs.workbook, inputs.ledger.filter(isDecisionEntry));
    r.sections = await resolveSections(inputs.sections);
    return inputs.config.report.redact ? redactReport(r, inputs) : r;
  });
  if (fresh) {
    const { key, stats, analysis } = fresh;
    fresh = undefined;
    const path = cacheFile(outDir);
    const layout = emptyLayout();
    await step('cache', () => effects.write(path, cacheText(key, analysis, layout, stats)));
    // the exports copy what the Report shares with the analysis from the file just written, as a
    // rebuild does: 128 MB at 200,000 devices that this build need not hold
    reuse = cachedText(analysis, {
      body: effects.written(path, ...layout.body),
      spans: layout.spans,
      csv: effects.written(path, ...layout.csv),
      csvBlocks: layout.csvBlocks,
    });
  }
  effects.log(`  analysis: ${report.findings.length} findings (${timings.analyse} ms)`);
  for (const w of report.warnings) effects.log(`  warning: ${w}`);
  if (opts.password && !renderer)
    throw new BuildError('--protect needs the site (do not combine it with --no-site)');
  // a protected build writes its plain outputs to a private folder and only sealed files to out
  const workDir = opts.password ? await protectedWorkDir() : outDir;
  const reportPath = join(workDir, 'report.json');
  const exported = ['report.json', 'findings.csv', 'transfer-plan.csv'];
  // One step after another: printing the PDF while the exports were written measured no faster at
  // 200,000 devices (Chromium's print already keeps both cores busy) and slowed the print by half.
  let xlsxSaid = '';
  await step('exports', async () => {
    await effects.write(reportPath, reportJson(report, reuse?.json));
    await effects.write(join(workDir, 'findings.csv'), findingsCsvPieces(report, { reuse: reuse?.csv }));
    reuse = undefined;
    await effects.write(join(workDir, 'transfer-plan.csv'), transferPlanCsv(report));
    if (renderer?.xlsx) {
      // a protected build's work folder is fresh: nothing to reuse, nothing kept in it
      const xlsx = opts.password
        ? await renderer.xlsx(report)
        : await renderer.xlsx(report, await lastWorkbook(workDir), analysisOf);
      await effects.write(join(workDir, 'findings.xlsx'), xlsx.bytes);
      const sheets = Object.keys(xlsx.digests).length;
      if (xlsx.kept || xlsx.keptBlocks) {
        const blocks = xlsx.keptBlocks
          ? `; ${xlsx.keptBlocks} of ${xlsx.blocksWritten} blocks of findings rows in the others`
          : '';
        xlsxSaid = ` (${xlsx.kept} of ${sheets} sheets kept from the last build${blocks})`;
      }
      if (!opts.password) await effects.write(lastWorkbookFile(workDir), lastWorkbookRecord(xlsx));
      exported.push('findings.xlsx');
    }
  });
  effects.log(
    `  exports: report.json, findings.csv, transfer-plan.csv${renderer?.xlsx ? `, findings.xlsx${xlsxSaid}` : ''} (${timings.exports} ms)`,
  );
  if (!renderer) return { report, outDir, timings };
  // the browser starts while the site builds: it needs nothing from the site
  const started = opts.pdf ? renderer.startPdf?.() : undefined;
  try {
    const t0 = performance.now();
    const site = await step('site', () =>
      renderer.site(reportPath, join(workDir, 'site'), report, opts.password ? undefined : analysisId),
    );
    const kept = site.keyed
      ? `; ${site.kept ?? 0} of ${site.keyed} register, id index and family pages kept from the last build, ${site.keyed - (site.kept ?? 0)} rendered (new, or their findings changed)${
          site.chapters
            ? `; ${site.keptChapters ?? 0} of ${site.chapters} family chapters of the print page kept`
            : ''
        }`
      : '';
    const bundle = !site.bundle
      ? ''
      : site.bundle.kept
        ? '; rendered from the bundle an earlier build of this code kept'
        : `; bundled by Astro (${site.bundle.why})`;
    effects.log(`  site: ${site.pages} pages in ${join(outDir, 'site')}${bundle}${kept} (${ms(t0)})`);
    if (opts.pdf) {
      const pdfName = `${id}-licence-review.pdf`;
      const pdf = await step('pdf', () =>
        renderer.pdf(join(workDir, 'site'), join(workDir, pdfName), started),
      );
      exported.push(pdfName);
      effects.log(
        `  pdf: ${join(outDir, pdfName)}${pdf.pages ? `, ${pdf.pages} pages` : ''}${printsSaid(pdf)} with ${pdf.browser}; ${pdf.blockedRequests} network requests blocked (${timings.pdf} ms)`,
      );
      if (pdf.wholeBecause)
        effects.log(`  pdf: printed in one piece, its parts could not be merged (${pdf.wholeBecause})`);
    }
    if (opts.password) {
      const password = opts.password;
      await step('protect', () => sealInto(workDir, outDir, password, exported));
      effects.log(
        `  protect: site pages encrypted; ${exported.join(', ')} sealed into site/downloads/ (${timings.protect} ms)`,
      );
    }
  } finally {
    await started?.release();
  }
  return { report, outDir, timings };
}
