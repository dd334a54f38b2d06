/**
 * Device identity. Sources write the same UDI many ways: `PID:C9300-48P,SN:FOC1234X0AB`,
 * `UDI_PID:C9300-48P; UDI_SN:FOC1234X0AB`, `C9300-48P:FOC1234X0AB`, or separate columns in any
 * case and spacing. Serial numbers are unique per device, so the join key is the serial; the PID
 * is kept to report mismatches.
 */
export interface Udi {
  pid: string;
  serial: string;
}

export function normaliseSerial(s: string): string {
  // most serials are already printable ASCII without space or lower case: nothing to do
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 32 || c >= 127 || (c >= 97 && c <= 122)) return s.replace(/\s+/g, '').toUpperCase();
  }
  return s;
}

export function normalisePid(s: string): string {
  return s.replace(/\s+/g, '').toUpperCase();
}

/** Parse one UDI in any of the accepted forms; undefined when no serial can be found. */
export function parseUdi(raw: string): Udi | undefined {
  const s = raw.trim();
  if (!s) return undefined;
  // a keyword starts the cell or follows a separator: the "SN" that ends a PID such as "C1-SN"
  // in "C1-SN:FOC1" is not one
  const pid = /(?<![^\s,;|])(?:UDI_)?PID\s*[:=]\s*([^,;\s]+)/i.exec(s)?.[1];
  const sn = /(?<![^\s,;|])(?:UDI_)?(?:SN|SERIAL(?:\s*NUMBER)?)\s*[:=]\s*([^,;\s]+)/i.exec(s)?.[1];
  if (sn) return { pid: normalisePid(pid ?? ''), serial: normaliseSerial(sn) };
  const pair = /^([A-Z0-9][A-Z0-9/+-]*(?:\/K9)?)\s*[:]\s*([A-Z0-9]+)$/i.exec(s);
  if (pair) return { pid: normalisePid(pair[1]!), serial: normaliseSerial(pair[2]!) };
  return undefined;
}

/** A `;`-separated list of UDIs (e.g. PAK "Bound UDI"); entries that are not UDIs are returned apart. */
export function parseUdiList(raw: string): { udis: Udi[]; invalid: string[] } {
  const udis: Udi[] = [];
  const invalid: string[] = [];
  // split on ';' or '|' between UDIs, but keep "PID:x; SN:y" pairs together
  const parts = raw
    .replace(/(PID\s*[:=]\s*[^,;\s]+)\s*[;,]\s*((?:UDI_)?SN\s*[:=])/gi, '$1,$2')
    .split(/[;|\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
  for (const p of parts) {
    const u = parseUdi(p);
    if (u) udis.push(u);
    else invalid.push(p);
  }
  return { udis, invalid };
}

/**
 * One printable-ASCII token without `:` or `=` (most PID and serial cells): it holds no UDI to
 * take apart and no space to strip, so serialOf/normalisePid give its upper case and pidOf ''.
 * Checked by hand because those regexes are most of a row's cost.
 */
function isPlainToken(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 32 || c >= 127 || c === 58 || c === 61) return false;
  }
  return true;
}

/**
 * The serial and PID of a serial cell and a PID cell, as inventory rows and product instances hold
 * them. The serial cell may hold a whole UDI (`PID:…,SN:…`): `udiPid` is the PID it names, ''
 * when it names none. Plain tokens, most cells, are taken upper-cased without the regexes.
 */
export function udiOfCells(
  serialCell: string,
  pidCell: string,
): { serial: string; pid: string; udiPid: string } {
  const plainSerial = isPlainToken(serialCell);
  return {
    serial: plainSerial ? serialCell.toUpperCase() : serialOf(serialCell),
    pid: isPlainToken(pidCell) ? pidCell.toUpperCase() : normalisePid(pidOf(pidCell) || pidCell),
    udiPid: plainSerial ? '' : pidOf(serialCell),
  };
}

export function udiKey(serial: string): string {
  return normaliseSerial(serial);
}

/**
 * The serial in a cell that may hold a bare serial or a whole UDI (`PID:…,SN:…`,
 * `UDI_PID:…; UDI_SN:…`, `PID:SN`): inventories and CSSM exports mix these forms.
 */
export function serialOf(raw: string): string {
  const s = raw.trim();
  if (!s) return '';
  if (/[:=]/.test(s)) {
    const u = parseUdi(s);
    if (u) return u.serial;
  }
  return normaliseSerial(s);
}

/** The PID of a UDI cell, or '' when it states none. */
export function pidOf(raw: string): string {
  const s = raw.trim();
  if (!/[:=]/.test(s)) return '';
  return parseUdi(s)?.pid ?? '';
}

/** Device key on (PID, serial) as text, for finding keys: PID may be empty when unknown. */
export function deviceKey(pid: string | undefined, serial: string): string {
  return `${normalisePid(pid ?? '')}|${normaliseSerial(serial)}`;
}
