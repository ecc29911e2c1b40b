// The walk's bounds on a real temporary folder (removed afterwards).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { takeSnapshot } from '../../../src/collect/discover/index.js';

const made: string[] = [];
afterEach(() => made.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'mlops-walk-'));
  made.push(root);
  for (const [p, t] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), t);
  }
  return root;
}

it('skips tool, environment and cache folders and hidden folders', async () => {
  const root = tree({
    'models/m.pkl': 'x',
    'node_modules/a/m.pkl': 'x',
    'venv/m.pkl': 'x',
    '.venv/m.pkl': 'x',
    '.git/m.pkl': 'x',
    '__pycache__/m.pkl': 'x',
    '.dvc/cache/ab/cd': 'x',
    '.hidden/m.pkl': 'x',
    '.gitattributes': '*.pkl filter=lfs\n',
  });
  const s = await takeSnapshot(root);
  expect(s.files.map((f) => f.path)).toEqual(['.gitattributes', 'models/m.pkl']);
  expect(s.texts['.gitattributes']).toContain('filter=lfs');
});

it('stops at the depth and file limits and says so', async () => {
  const root = tree({ 'a/b/c/d/m.pkl': 'x', 'a/top.pkl': 'x', 'z1.csv': 'a\n', 'z2.csv': 'a\n', 'z3.csv': 'a\n' });
  const deep = await takeSnapshot(root, { maxDepth: 3, maxFiles: 100, headBytes: 64 });
  expect(deep.files.map((f) => f.path)).not.toContain('a/b/c/d/m.pkl');
  expect(deep.truncated).toEqual({ code: 'note_walk_depth', values: { depth: 3, path: 'a/b/c' } });
  const few = await takeSnapshot(root, { maxDepth: 10, maxFiles: 2, headBytes: 64 });
  expect(few.files).toHaveLength(2);
  expect(few.truncated).toEqual({ code: 'note_walk_files', values: { count: 2 } });
});

it('never follows a symbolic link out of the root, nor into a folder', async () => {
  const outside = tree({ 'secret.pkl': 'x', 'dir/m.pkl': 'x' });
  const root = tree({ 'models/real.pkl': 'x' });
  symlinkSync(join(outside, 'secret.pkl'), join(root, 'models', 'link.pkl'));
  symlinkSync(join(outside, 'dir'), join(root, 'linkdir'));
  symlinkSync(join(root, 'models', 'real.pkl'), join(root, 'models', 'inside.pkl'));
  const s = await takeSnapshot(root);
  expect(s.files.map((f) => f.path)).toEqual(['models/inside.pkl', 'models/real.pkl']);
});

it('reads the first bytes of model and data files and probes the DVC cache', async () => {
  const md5 = '0123456789abcdef0123456789abcdef';
  const root = tree({
    'data/d.csv': 'a,b,label\n1,2,x\n',
    'models/m.pkl.dvc': `outs:\n- md5: ${md5}\n  path: m.pkl\n`,
    [`.dvc/cache/files/md5/01/${md5.slice(2)}`]: 'pickle bytes',
  });
  const s = await takeSnapshot(root);
  expect(s.heads['data/d.csv']).toBe('a,b,label\n1,2,x\n');
  expect(s.dvcCache).toEqual([`.dvc/cache/files/md5/01/${md5.slice(2)}`]);
});
