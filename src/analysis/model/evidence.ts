import { compareText } from './text-order.ts';

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
  const few = fewRefs(lists);
  if (few) return few;
  // file → line → ref: the last one seen wins, as before; no `file:line` strings built per ref
  const byFile = new Map<string, Map<number, SourceRef>>();
  for (const list of lists)
    for (const r of list) {
      let lines = byFile.get(r.file);
      if (!lines) {
        lines = new Map();
        byFile.set(r.file, lines);
      }
      lines.set(r.line, r);
    }
  const out: SourceRef[] = [];
  for (const file of [...byFile.keys()].sort(compareText)) {
    const refs = [...byFile.get(file)!.values()];
    for (const r of refs.sort((a, b) => a.line - b.line)) out.push(r);
  }
  return out;
}

/**
 * The merge of at most two refs in all, without the maps (most findings cite one or two lines);
 * undefined when there are more.
 */
function fewRefs(lists: readonly (readonly SourceRef[])[]): SourceRef[] | undefined {
  let a: SourceRef | undefined;
  let b: SourceRef | undefined;
  for (const list of lists)
    for (const r of list) {
      if (b) return undefined;
      if (a) b = r;
      else a = r;
    }
  if (!a) return [];
  if (!b) return [a];
  if (a.file === b.file) return a.line === b.line ? [b] : a.line < b.line ? [a, b] : [b, a];
  // files that collate equal keep the order they were seen in, as the stable sort does
  return compareText(b.file, a.file) < 0 ? [b, a] : [a, b];
}
