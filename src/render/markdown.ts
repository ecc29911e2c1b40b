/**
 * Text from an input, made inert in GitHub-flavoured Markdown (the job summary): no
 * tables, links, images, HTML, emphasis, headings, entities, mentions or bare links can
 * come from it ([ ] and < > are escaped, so no link or image can form); control and
 * invisible characters are removed; the text is cut to `max`.
 */

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** A zero-width space: breaks a mention (@name) or an autolink (https://, www.) without showing. */
const ZWSP = '\u200b';

export function mdText(s: string, max = 2000): string {
  const cutText = s.length > max ? `${s.slice(0, max)}…` : s;
  return cutText
    .replace(/[\r\n\t]+/g, ' ')
    .replace(CONTROL, '')
    .replace(/&/g, '&amp;')
    .replace(/[\\`*_[\]<>|#!~]/g, (c) => `\\${c}`)
    .replace(/@(?=\w)/g, `@${ZWSP}`)
    .replace(/:\/\//g, `:${ZWSP}//`)
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${ZWSP}.`);
}
