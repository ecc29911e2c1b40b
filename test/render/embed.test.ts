import { describe, expect, it } from 'vitest';
import { assertInlineSafe, toScriptJson } from '../../src/render/html/embed.js';

const HOSTILE = [
  '</script><img src=x onerror=alert(1)>',
  '<!-- comment',
  '{{title}}',
  '$& $1 $$',
  'line\u2028sep\u2029para',
  '</SCRIPT >',
  '&amp;',
];

describe('toScriptJson', () => {
  it.each(HOSTILE)('round-trips %j and leaves no <, > or & in the text', (s) => {
    const text = toScriptJson({ s, nested: [s] });
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual({ s, nested: [s] });
  });
});

describe('assertInlineSafe', () => {
  it('accepts ordinary code and rejects anything that could end the script element', () => {
    expect(assertInlineSafe('var a = 1 < 2;', 'ok.js')).toBe('var a = 1 < 2;');
    expect(() => assertInlineSafe('x = "</script>"', 'bad.js')).toThrow(/bad\.js/);
    expect(() => assertInlineSafe('x = "<!--"', 'bad.js')).toThrow(/<!--/);
  });
});
