/**
 * Text from an input, made safe to print on a terminal or a CI log (stdout, stderr, the run
 * log): control characters (C0 with \r, \n and ESC; DEL; C1) and the invisible format and
 * bidirectional controls become visible escapes, so no input can move the cursor, rewrite
 * a line, recolour the output or reorder what is read; `::` and `##[` are escaped, so no
 * input can start a GitHub Actions workflow command; and the text is cut to `max`.
 */
import { stringifyBounded } from './bounded-json.js';

/** What a terminal or a log viewer would act on instead of showing. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\x1b' };

function visible(c: string): string {
  const code = c.charCodeAt(0);
  return (
    NAMED[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`)
  );
}

/** `s` with every control made visible, workflow-command starts escaped, cut to `max` characters. */
export function termText(s: string, max = 200): string {
  const cutText = s.length > max ? `${s.slice(0, max)}…` : s;
  return cutText.replace(CONTROL, visible).replace(/##\[/g, '##\\x5b').replace(/::/g, ':\\x3a');
}

/** Characters JSON.stringify leaves raw that a terminal or log viewer would act on. */
const RAW_IN_JSON = /[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/**
 * JSON for stdout (`inspect --json`, `model`, `stats`, `comparison`): JSON escapes C0
 * controls itself; the rest become \u escapes, and `##[` (a workflow command anywhere in
 * a line) is broken by an escaped bracket. JSON.parse reads back the same value.
 */
export function jsonText(value: unknown, maxBytes = 64 << 20): string {
  return `${stringifyBounded(value, maxBytes)
    .replace(RAW_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/##\[/g, '##\\u005b')}\n`;
}
