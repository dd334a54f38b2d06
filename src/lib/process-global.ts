/**
 * A value the build sets in its own process for the pages it renders. Astro bundles its own copy
 * of every module a page imports, so a module-level variable set by the build is not the one the
 * page reads: the value is kept on globalThis under a registered symbol instead.
 */
export function processGlobal<T>(name: string): { set(value: T | undefined): void; get(): T | undefined } {
  const key = Symbol.for(name);
  const holder = globalThis as unknown as Record<symbol, T | undefined>;
  return {
    set(value) {
      if (value === undefined) delete holder[key];
      else holder[key] = value;
    },
    get: () => holder[key],
  };
}
