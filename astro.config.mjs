// Static site for one client's Report. The CLI sets TRUEUP_REPORT (the report.json to render)
// and TRUEUP_SITE_OUT (where the site goes); nothing here reads client data directly.
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
