/**
 * The CLI's entry. Node's compile cache keeps the compiled code of every module loaded after it
 * (Astro, Vite, Puppeteer and trueup's own, type-stripped) in the repository's `.cache`, so a
 * command does not compile them again: a build of the demo starts 0.2-0.3 s sooner. A cache that
 * cannot be written only costs that time.
 */
import { enableCompileCache } from 'node:module';
import { join } from 'node:path';

enableCompileCache(join(import.meta.dirname, '..', '..', '.cache', 'node-compile'));
await import('./program.ts');
