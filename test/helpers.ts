// Shared by the tests: temporary folders that remove themselves, a throwaway copy of the
// repository's sample inputs, and the CLI run in-process with a fake Io.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, onTestFinished } from 'vitest';
import type { ModelMetrics } from '../src/report-data.js';

export const REPO = join(import.meta.dirname, '..');

/** A fixed clock for reproducible reports. */
export const FIXED_NOW = new Date('2026-01-10T10:00:00Z');

const leftForAfterAll: string[] = [];
// folders made outside a test (in beforeAll) go when the file's tests are done
afterAll(() => {
  for (const dir of leftForAfterAll.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A new empty temporary folder, removed when the current test ends (or, made in a
 * beforeAll, when the test file ends): a run leaves nothing in the temporary folder.
 */
export function tempProject(prefix = 'mlops-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  } catch {
    leftForAfterAll.push(dir); // not inside a test
  }
  return dir;
}

/**
 * Copies models/, data/ and the sample's config into a new temporary folder (no git there, so dates come from
 * file times, which are pinned) and returns its path.
 */
export function sampleProject(): string {
  const dir = tempProject('mlops-sample-');
  cpSync(join(REPO, 'models'), join(dir, 'models'), { recursive: true });
  cpSync(join(REPO, 'data'), join(dir, 'data'), { recursive: true });
  // the sample's own config: only the word for its rows ("apps")
  cpSync(join(REPO, 'mlops-report.config.json'), join(dir, 'mlops-report.config.json'));
  const t = new Date('2026-01-09T08:00:00Z');
  utimesSync(join(dir, 'data', 'apps.csv'), t, t);
  return dir;
}

/**
 * A file's SHA-256, to compare files byte for byte (toEqual on two Buffers compares them
 * element by element: seconds for a 300 KB report).
 */
export const sha256Of = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A metrics file with the same value for the four metrics. */
export const metricsJson = (acc: number, deployed: string): string =>
  JSON.stringify({
    accuracy: acc,
    precision: acc,
    recall: acc,
    f1_score: acc,
    deployed_at: deployed,
    model_type: 'RandomForestClassifier',
  });

/** A git repository whose models/production_metrics.json was committed three times. */
export function repoWithHistory(): string {
  const dir = tempProject('mlops-history-');
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@t',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@t',
      },
    });
  git('init', '-q');
  mkdirSync(join(dir, 'models'));
  [
    [0.7, '2026-01-01T10:00:00Z'],
    [0.75, '2026-02-01T10:00:00Z'],
    [0.8, '2026-03-01T10:00:00Z'],
  ].forEach(([acc, at], i) => {
    writeFileSync(join(dir, 'models', 'production_metrics.json'), metricsJson(acc as number, at as string));
    git('add', '.');
    git('commit', '-q', '-m', `deploy ${i + 1}`, '--date', at as string);
  });
  return dir;
}

/** 2026-01-10T10:00:00Z, the fixed clock of the CLI tests. */
export const FIXED_EPOCH = '1768039200';

/** Runs the CLI in `cwd` with captured output; SOURCE_DATE_EPOCH defaults to FIXED_EPOCH. */
export async function runCli(
  argv: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { main } = await import('../src/cli.js');
  let stdout = '',
    stderr = '';
  const code = await main(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: { SOURCE_DATE_EPOCH: FIXED_EPOCH, ...env },
    cwd,
  });
  return { code, stdout, stderr };
}

/**
 * A metrics file as collect reads it, every optional fact absent: a flat file with no
 * split stated; its metrics and score come in `more` (the compare and uncertainty tests).
 */
export const modelMetrics = (more: Partial<ModelMetrics>): ModelMetrics => ({
  path: 'm.json',
  source: 'file',
  shape: 'flat',
  shape_via: ['flat'],
  entry: null,
  split: { name: null, reason: { code: 'split_unstated', values: {} } },
  variant: null,
  metrics: [],
  missing: [],
  score: null,
  score_source: 'file',
  score_basis: { code: 'score_file', values: {} },
  notes: [],
  support: null,
  model_type: null,
  trained_at: null,
  deployed_at: null,
  per_class: null,
  confusion_matrix: null,
  training: null,
  evaluation: null,
  extra: {},
  ...more,
});
