// The layer rules of CONTRIBUTING.md ("Layout") are enforced by ESLint (eslint.config.js,
// run by `npm run lint` and .ci/run). This checks that each rule is configured, by linting
// a forbidden import where it is forbidden and an allowed one where it is allowed.
// Templates are not linted, so their one rule is checked here directly.
import { ESLint } from 'eslint';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers.js';

const eslint = new ESLint({ cwd: REPO });

/** The rules that report `code` as if it were the file `file`. */
async function rulesBroken(file: string, code: string): Promise<(string | null)[]> {
  const [result] = await eslint.lintText(`${code}\nexport const use = [x];\n`, { filePath: join(REPO, file) });
  return result!.messages.map((m) => m.ruleId);
}

describe('the layer rules (ESLint)', () => {
  it.each([
    ['src/collect/x.ts', "import { render as x } from '../render/index.js';"],
    ['src/collect/metrics/x.ts', "import type { Assets as x } from '../../render/html/assets.js';"],
    ['src/render/x.ts', "import { collect as x } from '../collect/index.js';"],
    ['src/render/html/views/x.ts', "import { LEDGER as x } from '../../../write/ledger.js';"],
    ['src/collect/x.ts', "import { EXIT as x } from '../commands/io.js';"],
    ['src/write/x.ts', "import { generate as x } from '../commands/generate.js';"],
    ['src/serve/x.ts', "import { main as x } from '../cli.js';"],
    ['src/config/x.ts', "import { collect as x } from '../collect/index.js';"],
    ['src/config/x.ts', "import { render as x } from '../render/index.js';"],
    ['src/errors.ts', "import { replaceFiles as x } from './write/atomic.js';"],
    ['src/input-file.ts', "import { collect as x } from './collect/index.js';"],
    ['src/report-data.ts', "import { ReportError as x } from './errors.js';"],
    ['src/collect/x.ts', "import x from 'node:process';"],
  ])('%s may not %s', async (file, code) => {
    expect(await rulesBroken(file, code)).toContain('no-restricted-imports');
  });

  it.each([
    ['src/cli.ts', "import { generate as x } from './commands/generate.js';"],
    ['src/bin.ts', "import { main as x } from './cli.js';"],
    ['src/commands/x.ts', "import { collect as x } from '../collect/index.js';"],
    ['src/commands/x.ts', "import { render as x } from '../render/index.js';"],
    ['src/serve/x.ts', "import { render as x } from '../render/index.js';"],
    ['src/collect/x.ts', "import { LEDGER as x } from '../write/ledger.js';"],
    ['src/render/x.ts', "import { metricValues as x } from '../report-data.js';"],
  ])('%s may %s', async (file, code) => {
    expect(await rulesBroken(file, code)).toEqual([]);
  });

  it('lets only src/bin.ts touch process', async () => {
    expect(await rulesBroken('src/collect/x.ts', 'const x = process.cwd();')).toContain('no-restricted-globals');
    expect(await rulesBroken('src/bin.ts', 'const x = process.cwd();')).toEqual([]);
  });
});

describe('templates', () => {
  it('use triple-stash only for css, chartJs, clientJs and dataJson', () => {
    const hbs = readdirSync(join(REPO, 'templates'), { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.hbs'),
    );
    const raw = hbs.flatMap((f) =>
      [...readFileSync(join(REPO, 'templates', f), 'utf8').matchAll(/\{\{\{\s*([\w.]+)\s*\}\}\}/g)].map((m) => m[1]),
    );
    expect(hbs.length).toBeGreaterThan(5);
    expect([...new Set(raw)].sort()).toEqual(['chartJs', 'clientJs', 'css', 'dataJson']);
  });
});
