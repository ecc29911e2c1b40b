// Writes a made-up repository tree (test/fixtures/layouts-mini/<name>.json) into a temporary
// folder; the caller removes it with removeTree.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO } from '../../helpers.js';

interface TreeSpec {
  readonly files: readonly string[];
  readonly contents: Readonly<Record<string, string>>;
}

export const MINI = join(REPO, 'test', 'fixtures', 'layouts-mini');

/** Creates the tree; every listed file without content gets a tiny placeholder. */
export function writeTree(name: string): string {
  const spec = JSON.parse(readFileSync(join(MINI, `${name}.json`), 'utf8')) as TreeSpec;
  const root = mkdtempSync(join(tmpdir(), 'mlops-layout-'));
  const put = (rel: string, text: string): void => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  for (const f of spec.files) put(f, 'x');
  for (const [f, text] of Object.entries(spec.contents)) put(f, text);
  return root;
}

export const removeTree = (root: string): void => rmSync(root, { recursive: true, force: true });
