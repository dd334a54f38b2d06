/**
 * The five characters XML and HTML escape in text and attribute values, both ways: the xlsx
 * writer's sheet XML and the PDF parts' HTML attributes (which Astro escaped).
 */
const ESCAPED = /[<>&'"]/g;
const HAS_ESCAPED = /[<>&'"]/;
const ENTITY: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  "'": '&apos;',
  '"': '&quot;',
};
const CHARACTER: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", '#39': "'", quot: '"' };

/** `s` with <, >, &, ' and " written as entities (a string without them is returned as is). */
export function escapeMarkup(s: string): string {
  return HAS_ESCAPED.test(s) ? s.replace(ESCAPED, (c) => ENTITY[c]!) : s;
}

/** `s` with those entities (and Astro's `&#39;`) read back as characters. */
export const unescapeMarkup = (s: string): string =>
  s.replace(/&(lt|gt|amp|apos|#39|quot);/g, (_, e: string) => CHARACTER[e]!);
