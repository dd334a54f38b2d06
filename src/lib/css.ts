/**
 * A CSS string literal for any text: every character other than letters, digits, space and
 * simple punctuation is written as a hex escape, so report text can never end the string, the
 * declaration or the style attribute it sits in.
 */
export function cssString(text: string): string {
  let out = '"';
  for (const ch of text) {
    out += /[A-Za-z0-9 .,:;()_]/.test(ch) ? ch : `\\${ch.codePointAt(0)!.toString(16)} `;
  }
  return `${out}"`;
}
