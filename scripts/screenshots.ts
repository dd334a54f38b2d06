// Screenshots of a built site for a look by eye: `node scripts/screenshots.ts <siteDir> <outDir> [route...]`.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { findBrowser, launchBrowser } from '../src/render/browser.ts';
import { serveStatic } from '../src/render/serve.ts';

const [siteDir, outDir, ...routes] = process.argv.slice(2);
if (!siteDir || !outDir) throw new Error('usage: node scripts/screenshots.ts <siteDir> <outDir> [route...]');
const list = routes.length ? routes : ['/', '/findings/', '/families/va-imbalance/'];
await mkdir(outDir, { recursive: true });
const server = await serveStatic(siteDir);
const { browser, close } = await launchBrowser(await findBrowser(join(process.cwd(), '.cache', 'chromium')));
try {
  const page = await browser.newPage();
  await page.setViewport({ width: Number(process.env.WIDTH ?? 1280), height: 900 });
  for (const route of list) {
    await page.goto(`${server.origin}${route}`, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const name = route.replace(/\W+/g, '-').replace(/^-|-$/g, '') || 'index';
    await page.screenshot({ path: join(outDir, `${name}.png`) as `${string}.png`, fullPage: true });
    console.log(join(outDir, `${name}.png`));
  }
} finally {
  await close();
  await server.close();
}
