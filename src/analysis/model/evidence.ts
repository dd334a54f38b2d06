/**
 * Where a fact came from: a file relative to the client folder and a 1-based line.
 * Every record and every finding carries these so that any figure can be traced to its rows.
 */
export interface SourceRef {
  file: string;
  line: number;
}

export function formatRef(ref: SourceRef): string {
  return `${ref.file}:${ref.line}`;
}

/** Unique, sorted evidence list: stable output whatever order rows were visited in. */
export function mergeRefs(...lists: readonly (readonly SourceRef[])[]): SourceRef[] {
  const seen = new Map<string, SourceRef>();
  for (const list of lists) for (const r of list) seen.set(formatRef(r), r);
  return [...seen.values()].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}
