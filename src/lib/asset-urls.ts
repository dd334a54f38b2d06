/**
 * `html` with its root-absolute `/_astro/` URLs (in `url(…)`, `href` and `src`) made relative to
 * the page at `pathname` (`/`, `/findings/3/`: directory-format routes).
 */
export function relativeAssetUrls(html: string, pathname: string): string {
  const depth = pathname.split('/').filter(Boolean).length;
  const prefix = depth === 0 ? './' : '../'.repeat(depth);
  return html.replace(/(url\(\s*['"]?|(?:href|src)=["'])\/_astro\//g, `$1${prefix}_astro/`);
}
