import { PickleError } from './pickle-error.js';
import { latin1String } from './byte-reader.js';

/**
 * Protocol 0 STRING argument: a quoted Python 2 repr such as 'a\x00b\n'. Returns the byte
 * string as char codes 0–255 (what Python 3 gives with encoding='latin1'), like
 * codecs.escape_decode.
 */
export function decodeStringRepr(line: Uint8Array): string {
  const q = line[0];
  if (line.length < 2 || (q !== 0x27 && q !== 0x22) || line[line.length - 1] !== q) {
    throw new PickleError('protocol 0 STRING argument is not a quoted string');
  }
  const s = latin1String(line.subarray(1, line.length - 1));
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = s[++i];
    switch (n) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case 'a':
        out += '\x07';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'v':
        out += '\v';
        break;
      case '\\':
      case "'":
      case '"':
        out += n;
        break;
      case '\n':
        break; // line continuation
      case 'x': {
        const hex = s.slice(i + 1, i + 3);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new PickleError('protocol 0 STRING has a bad \\x escape');
        out += String.fromCharCode(parseInt(hex, 16));
        i += 2;
        break;
      }
      default: {
        const oct = /^[0-7]{1,3}/.exec(s.slice(i, i + 3));
        if (oct) {
          out += String.fromCharCode(parseInt(oct[0], 8) & 0xff);
          i += oct[0].length - 1;
        } else {
          out += '\\' + (n ?? ''); // Python keeps unknown escapes as they are
        }
      }
    }
  }
  return out;
}

/** Protocol 0 UNICODE argument: raw-unicode-escape (\uXXXX, \UXXXXXXXX, other bytes latin-1). */
export function decodeRawUnicodeEscape(line: Uint8Array): string {
  const s = latin1String(line);
  if (!s.includes('\\u') && !s.includes('\\U')) return s;
  return s.replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (_m, u4: string | undefined, u8: string | undefined) => {
    const cp = parseInt((u4 ?? u8)!, 16);
    if (cp > 0x10ffff) throw new PickleError('protocol 0 UNICODE has a code point beyond U+10FFFF');
    return String.fromCodePoint(cp);
  });
}
