/**
 * Putting data and scripts inside the one HTML file safely. Handlebars' HTML escaping is
 * wrong inside <script> (entities are not decoded there), so script content gets its own
 * rules: JSON with `<`, `>`, `&`, U+2028 and U+2029 as \u escapes (a string holding
 * "</script>" cannot close the block, and JSON.parse returns the original value).
 */
import { createHash } from 'node:crypto';

const UNSAFE_IN_SCRIPT = /[<>&\u2028\u2029]/g;

/** JSON for a <script type="application/json"> block. */
export function toScriptJson(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE_IN_SCRIPT, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Throws if inlining `code` in a <script> element could end or confuse it. */
export function assertInlineSafe(code: string, name: string): string {
  const lower = code.toLowerCase();
  for (const bad of ['</script', '<!--', '<script']) {
    if (lower.includes(bad))
      throw new Error(`${name} contains "${bad}" and cannot be inlined in <script>; escape it at build time`);
  }
  return code;
}

/** The CSP source for an inline script: its SHA-256, so only these exact scripts may run. */
export function scriptHash(code: string): string {
  return `'sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}'`;
}
