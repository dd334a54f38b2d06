import { describe, expect, it } from 'vitest';
import { WHOLE_MAX, wordPieces } from '../../src/lib/whole-words.ts';

describe('word pieces of a table cell', () => {
  it('keeps a word with a hyphen whole and leaves the spaces between words outside it', () => {
    expect(wordPieces('cisco-one-06cbeaae; cisco-one-be1c7d93')).toEqual([
      { text: 'cisco-one-06cbeaae;', whole: true, breakAfter: false },
      { text: ' ', whole: false, breakAfter: false },
      { text: 'cisco-one-be1c7d93', whole: true, breakAfter: false },
    ]);
  });

  it('lets a path break after each folder, keeping each hyphenated name whole', () => {
    expect(wordPieces('captures/ldc-dc-sw-006.txt:117')).toEqual([
      { text: 'captures/', whole: false, breakAfter: true },
      { text: 'ldc-dc-sw-006.txt:117', whole: true, breakAfter: false },
    ]);
  });

  it('gives back the text itself, piece by piece, and nothing for text without a hyphenated word', () => {
    const text = 'On-Prem sync 2023-06-30 — see https://smartreceiver.cisco.com/licservice/license ';
    expect(
      wordPieces(text)
        ?.map((p) => p.text)
        .join(''),
    ).toBe(text);
    expect(wordPieces('Americas Branches; EMEA Campus')).toBeUndefined();
    expect(wordPieces('a - b')).toBeUndefined();
  });

  it('lets a hyphenated word longer than WHOLE_MAX break, so it cannot push a table off the page', () => {
    const long = `${'very-long-'.repeat(5)}name`;
    expect(long.length).toBeGreaterThan(WHOLE_MAX);
    expect(wordPieces(`see ${long}`)?.find((p) => p.text === long)?.whole).toBe(false);
  });
});
