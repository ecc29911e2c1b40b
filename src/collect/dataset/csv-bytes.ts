/**
 * Byte-level helpers of the CSV scanner: the delimiter read from the header line, the
 * quotes of a field removed in place, and the start of a UTF-8 BOM.
 */
export const LF = 0x0a,
  CR = 0x0d,
  QUOTE = 0x22,
  SPACE = 0x20,
  TAB = 0x09,
  COMMA = 0x2c;

/** Tab, pipe, semicolon, comma: in this order for ties, as udsv (the parser before) had it (a header with a tab is TSV). */
const CANDIDATES = [TAB, 0x7c, 0x3b, COMMA];

/**
 * The delimiter of the header line starting at p: the most frequent candidate outside
 * quotes (a quoted header name may hold a comma); comma when there is none (one column).
 * -1 when the line does not end in the buffer yet.
 */
export function findDelimiter(buf: Uint8Array, p: number, len: number, final: boolean): number {
  const counts = [0, 0, 0, 0];
  let quoted = false,
    q = p;
  for (; q < len; q++) {
    const c = buf[q]!;
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted) {
      if (c === LF || c === CR) break;
      const k = CANDIDATES.indexOf(c);
      if (k >= 0) counts[k]!++;
    }
  }
  if (q >= len && !final) return -1;
  const most = Math.max(...counts);
  return most === 0 ? COMMA : CANDIDATES[counts.indexOf(most)]!;
}

/**
 * Removes the quoting of the field bytes[s, e) in place (the opening quote at s) and
 * returns its new end: `""` is one quote; after the closing quote, text is kept as it
 * is ("ab"cd → abcd), as Python's csv and pandas both read it.
 */
export function unquote(buf: Uint8Array, s: number, e: number): number {
  let r = s + 1,
    w = s,
    inQuotes = true;
  while (r < e) {
    const c = buf[r]!;
    if (inQuotes && c === QUOTE) {
      if (r + 1 < e && buf[r + 1] === QUOTE) {
        buf[w++] = QUOTE;
        r += 2;
      } else {
        inQuotes = false;
        r++;
      }
      continue;
    }
    buf[w++] = c;
    r++;
  }
  return w;
}

const BOM = [0xef, 0xbb, 0xbf];

/** Whether buf[0, len) could still become a BOM (so the scanner waits for a third byte). */
export function isBomPrefix(buf: Uint8Array, len: number): boolean {
  for (let i = 0; i < len; i++) if (buf[i] !== BOM[i]) return false;
  return len < 3;
}

export function startsWithBom(buf: Uint8Array, len: number): boolean {
  return len >= 3 && buf[0] === BOM[0] && buf[1] === BOM[1] && buf[2] === BOM[2];
}

/** A copy of bytes[s, e), also when `bytes` is a Buffer (whose slice() is a view of memory that is reused). */
export function copyOf(bytes: Uint8Array, s: number, e: number): Uint8Array {
  return Uint8Array.prototype.slice.call(bytes, s, e);
}
