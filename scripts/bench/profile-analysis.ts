/**
 * Time load, reconcile and every check of one client folder (no site, no exports), for profiling:
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof scripts/bench/profile-analysis.ts <client>
 *   node scripts/bench/cpu-summary.mjs /tmp/prof/*.cpuprofile 40
 */
import { type CheckContext, partitionInputs, unavailableSection } from '../../src/analysis/checks/check.ts';
import { CHECKS } from '../../src/analysis/checks/index.ts';
import { loadCatalog } from '../../src/analysis/load/catalog.ts';
import { loadClientFolder } from '../../src/analysis/load/client-folder.ts';
import { reconcile } from '../../src/analysis/reconcile/estate.ts';
import { buildReport } from '../../src/analysis/report/build-report.ts';

const dir = process.argv[2]!;
const catalog = await loadCatalog();
let t = performance.now();
const lap = (n: string) => {
  const x = performance.now();
  console.log(n, Math.round(x - t));
  t = x;
};
const inputs = await loadClientFolder(dir, catalog, (e) => {
  if (e.ms > 50) console.log('  ', e.file, Math.round(e.ms));
});
lap('load');
const estate = reconcile(inputs);
lap('reconcile');
const ctx: CheckContext = { inputs, estate, catalog, earlier: {} };
for (const c of CHECKS) {
  const { missing } = partitionInputs(inputs, c.needs);
  ctx.earlier[c.family] = missing.length
    ? { findings: [], section: unavailableSection(c, missing) }
    : c.run(ctx);
  lap(`  check ${c.family}`);
}
const r = buildReport(inputs, catalog);
lap('buildReport(full)');
const s = JSON.stringify(r);
lap(`stringify ${s.length}`);
