/**
 * A cell's text as Excel shows it: Excel decodes `_xHHHH_` in a string's text as the character
 * HHHH (ST_Xstring; MS-OI29500 2.1.1747), which exceljs does not do for inline strings.
 */
export function excelText(value: unknown): unknown {
  return typeof value === 'string'
    ? value.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    : value;
}
