import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { type ProtectedDownload, protectSite } from '../protect/protect-site.ts';

const TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A private folder for the plain outputs of a protected build; only sealed files reach `out`. */
export function protectedWorkDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'trueup-protect-'));
}

/**
 * Seal the plain build in `workDir` (site + exports + PDF) into `outDir`: the site's pages
 * encrypted, the exports and PDF as encrypted downloads inside the site. `outDir` is emptied
 * first so no plain output of an earlier build stays beside the protected one.
 */
export async function sealInto(
  workDir: string,
  outDir: string,
  password: string,
  files: string[],
): Promise<void> {
  const downloads: ProtectedDownload[] = [];
  for (const f of files) {
    const ext = f.slice(f.lastIndexOf('.'));
    downloads.push({
      name: basename(f),
      bytes: new Uint8Array(await readFile(join(workDir, f))),
      type: TYPES[ext] ?? 'application/octet-stream',
    });
  }
  await protectSite(join(workDir, 'site'), password, downloads);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await cp(join(workDir, 'site'), join(outDir, 'site'), { recursive: true });
  await rm(workDir, { recursive: true, force: true });
}
