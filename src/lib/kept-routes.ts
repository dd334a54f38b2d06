/**
 * Pages a rebuild keeps from the last build instead of rendering them again (see
 * src/render/page-reuse.ts, which decides and copies them). The paginated routes' getStaticPaths
 * leave these out. Held in a global because Astro bundles its own copy of this module.
 */
const KEPT = Symbol.for('trueup.kept-routes');
type Holder = { [KEPT]?: ReadonlySet<string> };

const NONE: ReadonlySet<string> = new Set();

export function provideKeptRoutes(routes: ReadonlySet<string> | undefined): void {
  if (routes) (globalThis as Holder)[KEPT] = routes;
  else delete (globalThis as Holder)[KEPT];
}

/** Site paths (`/findings/7/`) whose page the current build does not render. */
export function keptRoutes(): ReadonlySet<string> {
  return (globalThis as Holder)[KEPT] ?? NONE;
}
