import { sha256 } from '../lib/sha256.ts';
import type { Renderer } from './build-client.ts';

export const REPO_ROOT = new URL('../../', import.meta.url).pathname;

/** The real renderer: Astro for the site, Chromium for the PDF, findings-xlsx for the workbook. Loaded lazily. */
export async function createRenderer(): Promise<Renderer> {
  const [{ buildSite }, { printPdf }, { findingsWorkbook }, { codeDigest }] = await Promise.all([
    import('../render/site.ts'),
    import('../render/pdf.ts'),
    import('../export/findings-xlsx.ts'),
    import('../render/page-reuse.ts'),
  ]);
  return {
    site: (reportPath, outDir, report, analysis) =>
      buildSite({ reportPath, outDir, root: REPO_ROOT, report, analysis }),
    pdf: (siteDir, outFile) => printPdf({ siteDir, outFile }),
    // a sheet named by the analysis is kept only while the code that wrote it is the same
    xlsx: async (report, last, analysis) =>
      findingsWorkbook(
        report,
        last,
        analysis && { ...analysis, id: sha256(`${analysis.id}\0${await codeDigest(REPO_ROOT)}`) },
      ),
  };
}
