// Static site for one client's Report. buildSite() (src/render/site.ts) sets TRUEUP_REPORT (the
// report.json to render) and passes outDir itself; TRUEUP_SITE_OUT serves a bare `astro build`.
// Nothing here reads client data directly.
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';

export default defineConfig({
  output: 'static',
  integrations: [mdx()],
  outDir: process.env.TRUEUP_SITE_OUT ?? 'dist/_site',
  build: { format: 'directory', inlineStylesheets: 'always' },
  trailingSlash: 'always',
  devToolbar: { enabled: false },
  vite: { logLevel: 'warn' },
});
