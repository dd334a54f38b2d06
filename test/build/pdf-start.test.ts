import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/analysis/load/catalog.ts';
import { buildClient, type PdfStart, type Renderer } from '../../src/build/build-client.ts';
import { MemoryEffects } from '../../src/build/effects.ts';
import { BrowserStart } from '../../src/build/renderer.ts';
import { startBrowser } from '../../src/render/pdf.ts';

/**
 * A build starts the PDF's browser before the site step (it needs nothing from the site), hands
 * it to the PDF step, and frees it when the site step fails.
 */
const demo = join(import.meta.dirname, '..', '..', 'data', 'clients', 'demo');
const work = mkdtempSync(join(tmpdir(), 'trueup-pdf-start-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function recordingRenderer(opts: { siteFails?: boolean } = {}) {
  const calls: string[] = [];
  const handle: PdfStart = {
    release: async () => {
      calls.push('release');
    },
  };
  const renderer: Renderer = {
    startPdf: () => {
      calls.push('startPdf');
      return handle;
    },
    site: async () => {
      calls.push('site');
      if (opts.siteFails) throw new Error('site failed');
      return { pages: 1 };
    },
    pdf: async (_site, _out, started) => {
      calls.push(started === handle ? 'pdf with the started browser' : 'pdf without it');
      return { browser: 'fake', blockedRequests: 0 };
    },
  };
  return { calls, renderer };
}

const build = async (renderer: Renderer, pdf: boolean) =>
  buildClient(
    demo,
    await loadCatalog(),
    { out: join(work, 'out'), pdf, cache: false },
    new MemoryEffects(),
    renderer,
  );

describe('the PDF browser started before the site step', () => {
  it('is started before the site, handed to the PDF step, and released after it', async () => {
    const { calls, renderer } = recordingRenderer();
    await build(renderer, true);
    expect(calls).toEqual(['startPdf', 'site', 'pdf with the started browser', 'release']);
  });

  it('is released when the site step fails', async () => {
    const { calls, renderer } = recordingRenderer({ siteFails: true });
    await expect(build(renderer, true)).rejects.toThrow('site failed');
    expect(calls).toEqual(['startPdf', 'site', 'release']);
  });

  it('is not started for a build without a PDF', async () => {
    const { calls, renderer } = recordingRenderer();
    await build(renderer, false);
    expect(calls).toEqual(['site']);
  });

  it('is closed by release when no PDF step took it, and left to the PDF step that did', async () => {
    const unused = startBrowser();
    await new BrowserStart(unused).release();
    expect((await unused).browser.connected).toBe(false);

    const used = new BrowserStart(startBrowser());
    const taken = used.take()!;
    await used.release();
    const browser = await taken;
    expect(browser.browser.connected).toBe(true);
    await browser.close();
  }, 60_000);

  it('reports a browser that failed to start at the PDF step, not as an unhandled rejection', async () => {
    const failed = new BrowserStart(Promise.reject(new Error('no browser')));
    await new Promise((r) => setTimeout(r, 10));
    await expect(failed.take()!).rejects.toThrow('no browser');
    await failed.release();
  });
});
