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

const chapters = processGlobal<ReadonlyMap<string, string>>('trueup.kept-print-chapters');

/**
 * Family chapters of the print page a rebuild takes from the last print page (chapter id → its
 * HTML as that page holds it: written by the last build and checked against its sha256).
 */
export const provideKeptChapters = (kept: ReadonlyMap<string, string> | undefined): void =>
  chapters.set(kept);

/** The last build's HTML of print chapter `id`, when it is unchanged; else undefined (render it). */
export const keptChapter = (id: string): string | undefined => chapters.get()?.get(id);
