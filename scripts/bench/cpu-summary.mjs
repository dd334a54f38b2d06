// Self and inclusive time per function of a V8 .cpuprofile: node scripts/bench/cpu-summary.mjs <file> [n]
import { readFileSync } from 'node:fs';

const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const n = Number(process.argv[3] ?? 40);
const byId = new Map(p.nodes.map((x) => [x.id, x]));
const self = new Map();
const dt = p.timeDeltas;
const samples = p.samples;
for (let i = 0; i < samples.length; i++) self.set(samples[i], (self.get(samples[i]) ?? 0) + (dt[i] ?? 0));
const agg = new Map();
for (const [id, t] of self) {
  const nd = byId.get(id);
  const cf = nd.callFrame;
  const k = `${cf.functionName || '(anon)'} ${cf.url.replace(/.*\/(src|node_modules)\//, '$1/')}:${cf.lineNumber + 1}`;
  agg.set(k, (agg.get(k) ?? 0) + t);
}
// inclusive
const parent = new Map();
for (const nd of p.nodes) for (const c of nd.children ?? []) parent.set(c, nd.id);
const incl = new Map();
for (const [id, t] of self) {
  const seenK = new Set();
  let cur = id;
  while (cur !== undefined) {
    const cf = byId.get(cur).callFrame;
    const k = `${cf.functionName || '(anon)'} ${cf.url.replace(/.*\/(src|node_modules)\//, '$1/')}:${cf.lineNumber + 1}`;
    if (!seenK.has(k)) {
      seenK.add(k);
      incl.set(k, (incl.get(k) ?? 0) + t);
    }
    cur = parent.get(cur);
  }
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log('total ms', Math.round(total / 1000));
console.log('--- self');
for (const [k, t] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, n))
  console.log((t / 1000).toFixed(0).padStart(7), k);
console.log('--- inclusive');
for (const [k, t] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, n))
  console.log((t / 1000).toFixed(0).padStart(7), k);
