import { sha256 } from '../lib/sha256.ts';
import type { StartedBrowser } from '../render/pdf.ts';
import type { PdfStart, Renderer } from './build-client.ts';

export const REPO_ROOT = new URL('../../', import.meta.url).pathname;

/** A browser started for the next PDF: taken by the `pdf` call it is passed to, or closed by `release`. */
export class BrowserStart implements PdfStart {
  #browser: Promise<StartedBrowser> | undefined;

  constructor(browser: Promise<StartedBrowser>) {
    // awaited only at the PDF step: a failed start is reported there, not as unhandled now
    browser.catch(() => undefined);
    this.#browser = browser;
  }

  take(): Promise<StartedBrowser> | undefined {
    const b = this.#browser;
    this.#browser = undefined;
    return b;
  }

  async release(): Promise<void> {
    await this.take()
      ?.then((b) => b.close())
      .catch(() => undefined);
  }
}

/** The real renderer: Astro for the site, Chromium for the PDF, findings-xlsx for the workbook. Loaded lazily. */
export async function createRenderer(): Promise<Renderer> {
  const [{ buildSite }, { printPdf, startBrowser }, { findingsWorkbook }, { codeDigest }] = await Promise.all(
    [
      import('../render/site.ts'),
      import('../render/pdf.ts'),
      import('../export/findings-xlsx.ts'),
      import('../render/page-reuse.ts'),
    ],
  );
  return {
    site: (reportPath, outDir, report, analysis) =>
      buildSite({ reportPath, outDir, root: REPO_ROOT, report, analysis }),
    startPdf: () => new BrowserStart(startBrowser()),
    pdf: (siteDir, outFile, started) => {
      const browser = started instanceof BrowserStart ? started.take() : undefined;
      return printPdf({ siteDir, outFile, ...(browser ? { browser } : {}) });
    },
    // a sheet named by the analysis is kept only while the code that wrote it is the same
    xlsx: async (report, last, analysis) =>
      findingsWorkbook(
        report,
        last,
        analysis && { ...analysis, id: sha256(`${analysis.id}\0${await codeDigest(REPO_ROOT)}`) },
      ),
  };
}
