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
const { page, close } = await launchBrowser(await findBrowser(join(process.cwd(), '.cache', 'chromium')));
try {
  await page.setViewport({ width: Number(process.env.WIDTH ?? 1280), height: 900 });
  for (const route of list) {
    await page.goto(`${server.origin}${route}`, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const name = route.replace(/\W+/g, '-').replace(/^-|-$/g, '') || 'index';
    // CLIP=y,height takes one band of a long page instead of all of it.
    const [y, height] = (process.env.CLIP ?? '').split(',').map(Number);
    const path = join(outDir, `${name}.png`) as `${string}.png`;
    if (height)
      await page.screenshot({
        path,
        clip: { x: 0, y: y ?? 0, width: 1280, height },
        captureBeyondViewport: true,
      });
    else await page.screenshot({ path, fullPage: true });
    console.log(join(outDir, `${name}.png`));
  }
} finally {
  await close();
  await server.close();
}
