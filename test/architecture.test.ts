// The layout rules of STYLE.md that a linter would otherwise check.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers.js';

function files(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(ext))
    .map((e) => join(e.parentPath, e.name));
}
const rel = (f: string) => relative(REPO, f);

describe('architecture', () => {
  it('collect/ and render/ never import each other', () => {
    const offenders = [
      ...files(join(REPO, 'src', 'collect'), '.ts').filter((f) =>
        /from '(\.\.\/)+render\//.test(readFileSync(f, 'utf8')),
      ),
      ...files(join(REPO, 'src', 'render'), '.ts').filter((f) =>
        /from '(\.\.\/)+collect\//.test(readFileSync(f, 'utf8')),
      ),
    ];
    expect(offenders.map(rel)).toEqual([]);
  });

  it('nothing below main() touches process', () => {
    const offenders = files(join(REPO, 'src'), '.ts')
      .filter((f) => !f.endsWith('bin.ts'))
      .filter((f) =>
        /\bprocess\.(env|exit|argv|stdout|stderr|cwd|on|once)\b/.test(
          readFileSync(f, 'utf8').replace(/^\s*(\/\/|\*).*$/gm, ''),
        ),
      );
    expect(offenders.map(rel)).toEqual([]);
  });

  it('templates use triple-stash only for css, chartJs, clientJs and dataJson', () => {
    const raw = files(join(REPO, 'templates'), '.hbs').flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/\{\{\{\s*([\w.]+)\s*\}\}\}/g)].map((m) => m[1]),
    );
    expect([...new Set(raw)].sort()).toEqual(['chartJs', 'clientJs', 'css', 'dataJson']);
  });
});
