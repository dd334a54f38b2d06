/**
 * Relative links between pages, so the site works from any folder and from a local server:
 * `rel('/va/campus/', '/findings/')` is `../../findings/`. Routes are directories
 * (`build.format: 'directory'`, trailing slash always).
 */
export function rel(fromPath: string, toPath: string): string {
  const [toPathname = '', hash] = toPath.split('#', 2);
  const depth = fromPath.split('/').filter(Boolean).length;
  const prefix = depth === 0 ? './' : '../'.repeat(depth);
  const target = toPathname.replace(/^\/+/, '');
  return `${prefix}${target}${hash === undefined ? '' : `#${hash}`}`;
}

/** A URL-safe, readable slug: "Campus – EMEA" → "campus-emea". */
export function slugify(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s || 'x';
}

/** Unique slugs for a list of names, in order: a clash gets -2, -3, … */
export function uniqueSlugs(names: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const name of names) {
    if (out.has(name)) continue;
    const base = slugify(name);
    let slug = base;
    for (let i = 2; used.has(slug); i++) slug = `${base}-${i}`;
    used.add(slug);
    out.set(name, slug);
  }
  return out;
}

/** The id a page's content carries inside the print document: `/va/campus/` → `p-va-campus`. */
export function pageAnchor(path: string): string {
  return `p-${path.split('/').filter(Boolean).join('-') || 'overview'}`;
}

/**
 * A link from the page at `fromPath` to `target` (a site path, optionally with #fragment). Inside
 * the print document every target is a fragment of that one page.
 */
export function linkTo(fromPath: string, target: string): string {
  if (/^\/print(\/|$)/.test(fromPath)) {
    const hash = target.split('#', 2)[1];
    return `#${hash ?? pageAnchor(target)}`;
  }
  return rel(fromPath, target);
}
