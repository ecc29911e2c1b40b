/** Long text from an input, cut before it reaches the report, the JSON or a message. */

/** Longest text kept from an input in one value; the rest is replaced by a marker. */
export const MAX_TEXT = 2000;

/** `s` cut to `max` characters, saying how long it was (a 100 MB name must not reach the report whole). */
export function cut(s: string, max = MAX_TEXT): string {
  return s.length <= max ? s : `${s.slice(0, max)}… (${s.length} characters)`;
}
