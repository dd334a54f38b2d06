import { defineMiddleware } from 'astro:middleware';
import { relativeAssetUrls } from './lib/asset-urls.ts';

/**
 * Astro writes root-absolute asset URLs (`/_astro/…`, the shipped fonts in the inlined CSS).
 * Every page is rewritten as it is rendered, relative to its own path, so the site works from
 * any folder, a file share or a local print server (done here rather than by reading every
 * written page back: a 200,000-device site is 170 MB of HTML).
 */
export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  if (!response.headers.get('content-type')?.startsWith('text/html')) return response;
  const html = await response.text();
  return new Response(relativeAssetUrls(html, context.url.pathname), {
    status: response.status,
    headers: response.headers,
  });
});
