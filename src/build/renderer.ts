import type { Renderer } from './build-client.ts';

export const REPO_ROOT = new URL('../../', import.meta.url).pathname;

/** The real renderer: Astro for the site, Chromium for the PDF, findings-xlsx for the workbook. Loaded lazily. */
export async function createRenderer(): Promise<Renderer> {
  const [{ buildSite }, { printPdf }, { findingsWorkbook }] = await Promise.all([
    import('../render/site.ts'),
    import('../render/pdf.ts'),
    import('../export/findings-xlsx.ts'),
  ]);
  return {
    site: (reportPath, outDir, report, analysis) =>
      buildSite({ reportPath, outDir, root: REPO_ROOT, report, analysis }),
    pdf: (siteDir, outFile) => printPdf({ siteDir, outFile }),
    xlsx: (report, last) => findingsWorkbook(report, last),
  };
}
