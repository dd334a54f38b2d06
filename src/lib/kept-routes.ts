import { processGlobal } from './process-global.ts';

/**
 * Pages a rebuild keeps from the last build instead of rendering them again (see
 * src/render/page-reuse.ts, which decides and copies them). The paginated routes' getStaticPaths
 * leave these out.
 */
const kept = processGlobal<ReadonlySet<string>>('trueup.kept-routes');

const NONE: ReadonlySet<string> = new Set();

export const provideKeptRoutes = (routes: ReadonlySet<string> | undefined): void => kept.set(routes);

/** Site paths (`/findings/7/`) whose page the current build does not render. */
export const keptRoutes = (): ReadonlySet<string> => kept.get() ?? NONE;
