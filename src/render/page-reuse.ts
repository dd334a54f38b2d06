import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Family } from '../analysis/model/finding.ts';
import type { Report } from '../analysis/model/report.ts';
import { decisionsOf } from '../analysis/report/workbook.ts';
import { narrativeHtml } from '../lib/narrative-html.ts';
import { printChapters } from '../lib/print-chapters.ts';
import { registerIsComplete } from '../lib/print-limits.ts';
import {
  idIndexPageCount,
  idIndexPagePath,
  registerPageCount,
  registerPageFindings,
  registerPagePath,
} from '../lib/register-pages.ts';
import { fileDigests, sha256 } from '../lib/sha256.ts';
import { familyEntries, findingsOf } from '../lib/view.ts';
import { splitPrintPage } from './print-parts.ts';

/**
 * Which pages a site rebuild can keep from the last build: the paginated register and id index
 * pages (at 200,000 devices 108 of 129 pages and most of the rendering time) and the family pages
 * (see familyPageKeys), for which what each shows is known exactly:
 * - everything the analysis decided (finding order, ids, titles, Virtual Accounts, families and
 *   their tables, the client's name and date), which the analysis cache key identifies;
 * - the findings on the page and their decisions (DECISION_FIELDS: status, owner, comment, the
 *   only fields a decision sets);
 * - on a family page, the register's order (links go to the page that holds a finding) and its
 *   narrative as rendered (the client's text or the template's, which may list findings of any
 *   family by status);
 * - the site's code (src/, astro.config.mjs, package.json, package-lock.json, tsconfig.json): a
 *   changed component or style renders every page again (and bundles the site again: site-bundle.ts).
 * A page is kept when its key equals the one recorded with the last build and the file there is
 * still the one that build wrote (its sha256 is recorded too: a site replaced since, by a
 * protected build or a build that stopped half way, is never mixed in). Everything else
 * (overview, va-imbalance, data-quality, Virtual Accounts, ledger, methodology, print) is always
 * rendered. The print page is always rendered, but its family chapters (all but va-imbalance's and
 * data-quality's) are keyed the same way and taken from the last print page when unchanged
 * (printChapterKeys): rendering them is most of the print page's time, and reading their data.
 */
const MANIFEST_VERSION = 2;

interface Manifest {
  version: number;
  /** Site path → key of the page the last build wrote there, and the sha256 of that file. */
  routes: Record<string, { key: string; file: string }>;
  /** The print page the last build wrote (sha256) and the key of each keyed family chapter in it. */
  print?: { file: string; chapters: Record<string, string> };
}

export interface ReusePlan {
  /** Every keyed page of this build: site path → key. */
  keys: Map<string, string>;
  /** The keyed pages not rendered this time, copied from the last build: site path → sha256 of the file. */
  kept: Map<string, string>;
  /** The print page's keyed family chapters: chapter id → key. */
  chapterKeys: Map<string, string>;
  /** Of those, the ones taken from the last print page as it holds them: chapter id → HTML. */
  keptChapters: Map<string, string>;
  manifest: string;
}

const codeDigests = new Map<string, Promise<string>>();

/** sha256 over the files that render the site; once per process and repository root. */
export function codeDigest(root: string): Promise<string> {
  let d = codeDigests.get(root);
  if (!d) {
    d = (async () => {
      const src = await readdir(join(root, 'src'), { recursive: true, withFileTypes: true });
      const files = [
        ...src.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)),
        join(root, 'astro.config.mjs'),
        join(root, 'package.json'),
        join(root, 'package-lock.json'),
        join(root, 'tsconfig.json'),
      ].sort();
      const digests = await fileDigests(files);
      const h = createHash('sha256');
      for (const [i, f] of files.entries())
        h.update(`${f.slice(root.length)}\0${digests[i] ?? 'unreadable'}\0`);
      return h.digest('hex');
    })();
    codeDigests.set(root, d);
  }
  return d;
}

/** `<client out>/.cache/site-pages.json`, next to the analysis cache. */
export const manifestFile = (siteDir: string) => join(dirname(siteDir), '.cache', 'site-pages.json');

async function readManifest(path: string): Promise<Pick<Manifest, 'routes' | 'print'>> {
  try {
    const m = JSON.parse(await readFile(path, 'utf8')) as Manifest;
    return m.version === MANIFEST_VERSION && m.routes && typeof m.routes === 'object' ? m : { routes: {} };
  } catch {
    return { routes: {} };
  }
}

const pageFile = (siteDir: string, route: string) =>
  join(siteDir, ...route.split('/').filter(Boolean), 'index.html');

/**
 * The keys of this build's keyed pages (register, id index, family), and which of them the site
 * in `siteDir` already holds. `analysis` identifies the analysis the Report was made from (the cache key).
 */
export async function planReuse(opts: {
  root: string;
  siteDir: string;
  report: Report;
  analysis: string;
}): Promise<ReusePlan> {
  const base = `${await codeDigest(opts.root)}\0${opts.analysis}`;
  const { report } = opts;
  const keys = new Map<string, string>();
  const count = registerPageCount(report);
  for (let n = 2; n <= count; n++) {
    // the analysis key covers every other field of these findings
    const findings = JSON.stringify(registerPageFindings(report, n).map(decisionsOf));
    keys.set(registerPagePath(n), sha256(`${base}\0register\0${n}\0${count}\0${findings}`));
  }
  // an id index page is a function of the findings' ids in register order: keyed by those, the
  // index need not be sorted when every page of it is kept
  const register = sha256(report.findings.map((f) => f.id).join('\n'));
  for (let n = 2; n <= idIndexPageCount(report); n++)
    keys.set(idIndexPagePath(n), sha256(`${base}\0ids\0${n}\0${register}`));
  // what a family page and its print chapter both show beyond the analysis, worked out once
  const family = familyBase(report, base, register);
  for (const [path, key] of familyPageKeys(report, family)) keys.set(path, key);
  const manifest = manifestFile(opts.siteDir);
  const { routes: last, print } = await readManifest(manifest);
  const chapterKeys = printChapterKeys(report, family);
  const kept = new Map<string, string>();
  const candidates = [...keys].filter(([route, key]) => last[route]?.key === key).map(([route]) => route);
  const digests = await fileDigests(candidates.map((route) => pageFile(opts.siteDir, route)));
  for (const [i, route] of candidates.entries())
    if (digests[i] !== undefined && digests[i] === last[route]!.file) kept.set(route, digests[i]);
  const keptChapters = await lastChapters(opts.siteDir, chapterKeys, print);
  return { keys, kept, chapterKeys, keptChapters, manifest };
}

const KEYED_FAMILY_PAGE = (family: string): boolean => family !== 'va-imbalance' && family !== 'data-quality';

/**
 * The family pages (`/families/<family>/`) but va-imbalance's (a page of its own) and
 * data-quality's (the decision files' own ledger rows change that section after the analysis).
 * Beyond the analysis, each shows its findings' decisions, links to the register pages that hold
 * findings (a decision file's rejected rows add findings, which moves them), and its narrative,
 * which may cite findings of any family by status and the summary's counts: it is keyed by the
 * narrative as rendered.
 */
function familyPageKeys(report: Report, family: (f: Family) => string): Map<string, string> {
  const keys = new Map<string, string>();
  for (const entry of familyEntries(report)) {
    if (!KEYED_FAMILY_PAGE(entry.family)) continue;
    const narrative = narrativeHtml(report, entry.family, entry.path);
    keys.set(entry.path, sha256(`${family(entry.family)}\0family\0${entry.path}\0${narrative}`));
  }
  return keys;
}

/**
 * The part of a family page's or chapter's key beyond where it is shown: the site's code and the
 * analysis (`base`), the register's order (links go to the register page that holds a finding)
 * and the family's findings with their decisions (the analysis key covers every other field).
 */
function familyBase(report: Report, base: string, register: string): (family: Family) => string {
  const memo = new Map<Family, string>();
  return (family) => {
    let key = memo.get(family);
    if (key === undefined) {
      const decisions = findingsOf(report, family).map(decisionsOf);
      key = `${base}\0${register}\0${JSON.stringify(decisions)}`;
      memo.set(family, key);
    }
    return key;
  };
}

/**
 * The print page's family chapters (components/print/FamilyChapter.astro), but va-imbalance's and
 * data-quality's, keyed as the family pages are, plus what the print page adds: the chapter's
 * number and id, and whether Appendix A lists every finding (a chapter's findings table says so).
 * Links in print are relative to /print/, so the narrative is keyed as rendered there.
 */
function printChapterKeys(report: Report, family: (f: Family) => string): Map<string, string> {
  const keys = new Map<string, string>();
  const complete = registerIsComplete(report);
  for (const c of printChapters(report).chapters) {
    if (c.kind !== 'family' || !c.family || !KEYED_FAMILY_PAGE(c.family)) continue;
    const narrative = narrativeHtml(report, c.family, '/print/');
    keys.set(c.id, sha256([family(c.family), 'print chapter', c.id, c.no, complete, narrative].join('\0')));
  }
  return keys;
}

/**
 * The chapters of the last print page whose key is this build's, as that page holds them: only
 * when the page is still the one the last build wrote (its sha256 is recorded).
 */
async function lastChapters(
  siteDir: string,
  keys: Map<string, string>,
  last: Manifest['print'],
): Promise<Map<string, string>> {
  const kept = new Map<string, string>();
  const wanted = [...keys].filter(([id, key]) => last?.chapters[id] === key).map(([id]) => id);
  if (!last || wanted.length === 0) return kept;
  const html = await readFile(pageFile(siteDir, PRINT_ROUTE)).catch(() => undefined);
  if (!html || sha256(html) !== last.file) return kept;
  const doc = splitPrintPage(html.toString('utf8'));
  for (const part of doc?.parts ?? []) if (wanted.includes(part.id)) kept.set(part.id, part.html);
  return kept;
}

const PRINT_ROUTE = '/print/';

/** Copy the kept pages from the last site (`from`) into the new build (`to`), before it replaces it. */
export async function copyKept(plan: ReusePlan, from: string, to: string): Promise<void> {
  for (const route of plan.kept.keys()) {
    const target = pageFile(to, route);
    await mkdir(dirname(target), { recursive: true });
    await copyFile(pageFile(from, route), target);
  }
}

/**
 * Record the keyed pages of the site just put in `siteDir`, with the sha256 of each file (a kept
 * page was copied byte for byte: its digest is already known).
 */
export async function writeManifest(plan: ReusePlan, siteDir: string): Promise<void> {
  const routes: Manifest['routes'] = {};
  const rendered = [...plan.keys.keys()].filter((route) => !plan.kept.has(route));
  const digests = await fileDigests(rendered.map((route) => pageFile(siteDir, route)));
  const written = new Map(rendered.map((route, i) => [route, digests[i]]));
  for (const [route, key] of plan.keys) {
    const file = plan.kept.get(route) ?? written.get(route);
    if (file) routes[route] = { key, file };
  }
  const [print] = await fileDigests([pageFile(siteDir, PRINT_ROUTE)]);
  const chapters = Object.fromEntries(plan.chapterKeys);
  await mkdir(dirname(plan.manifest), { recursive: true });
  await writeFile(
    plan.manifest,
    JSON.stringify({
      version: MANIFEST_VERSION,
      routes,
      ...(print ? { print: { file: print, chapters } } : {}),
    } satisfies Manifest),
  );
}
