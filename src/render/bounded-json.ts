/**
 * JSON.stringify with a size limit checked while it runs: an output past the limit is
 * refused with a ReportError naming limits.max_output_bytes, long before V8's string limit
 * could turn it into a crash. The count is an upper bound of the text JSON.stringify writes.
 */
import { ReportError } from '../errors.js';

/** Characters JSON.stringify writes for `s`, at most (escapes counted at their longest). */
function stringLength(s: string): number {
  let n = s.length + 2;
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (!/["\\\u0000-\u001f\ud800-\udfff]/.test(s)) return n;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || (c >= 0xd800 && c <= 0xdfff)) n += 5;
    else if (c === 0x22 || c === 0x5c) n += 1;
  }
  return n;
}

export function outputTooLarge(maxBytes: number, what = 'the output'): ReportError {
  return new ReportError(
    'INPUT_INVALID',
    `${what} would be larger than ${maxBytes} bytes (limit limits.max_output_bytes): an input is far larger than a model report needs`,
    { hint: 'raise limits.max_output_bytes in mlops-report.config.json if the inputs are genuine' },
  );
}

/** JSON.stringify(value, null, indent), refused once it would pass `maxBytes` characters. */
export function stringifyBounded(value: unknown, maxBytes: number, indent = 2, what?: string): string {
  let size = 0;
  const depth = new WeakMap<object, number>();
  function replacer(this: unknown, key: string, v: unknown): unknown {
    const d = typeof this === 'object' && this !== null ? (depth.get(this) ?? 0) : 0;
    if (typeof v === 'object' && v !== null) depth.set(v, d + 1);
    size += stringLength(key) + 2 + indent * d + (typeof v === 'string' ? stringLength(v) : 24);
    if (size > maxBytes) throw outputTooLarge(maxBytes, what);
    return v;
  }
  return JSON.stringify(value, replacer, indent);
}
