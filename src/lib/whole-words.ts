/**
 * A cell's text in the pieces a line may break between. Chromium breaks a line after a hyphen, so
 * "deployment-mode-4464f599", "2023-06-30" or "product-instances.csv" in a narrow column split in
 * two and read as two things. Here a line breaks only at spaces and after a "/" of a path; a
 * word with a hyphen is `whole` (kept on one line) unless it is longer than WHOLE_MAX, which could
 * push a table off the page. Undefined when no word has a hyphen between letters or digits: the
 * text is rendered as it is.
 */
export interface WordPiece {
  text: string;
  /** Kept on one line. */
  whole: boolean;
  /** A line may break after it (it ends a folder of a path). */
  breakAfter: boolean;
}

const HYPHENATED = /[\p{L}\p{N}]-[\p{L}\p{N}]/u;

/** The longest word kept on one line: a finding id is 24 characters, a capture's ref about 30. */
export const WHOLE_MAX = 40;

/** Whether `word` (no spaces) is kept on one line. */
export const keptWhole = (word: string) => word.length <= WHOLE_MAX && HYPHENATED.test(word);

/** A path cut after each folder ("captures/", "ldc-dc-sw-006.txt:117"): where a line may break. */
export const folderParts = (path: string): string[] => path.split(/(?<=\/)(?=[^/])/);

export function wordPieces(text: string): WordPiece[] | undefined {
  if (!HYPHENATED.test(text)) return undefined;
  const pieces: WordPiece[] = [];
  // spaces stay outside the kept words: a line may still break at them
  for (const token of text.split(/(\s+)/)) {
    if (token === '') continue;
    const parts = /\s/.test(token) ? [token] : folderParts(token);
    for (const [i, part] of parts.entries())
      pieces.push({ text: part, whole: keptWhole(part), breakAfter: i < parts.length - 1 });
  }
  return pieces;
}
