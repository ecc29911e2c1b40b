// The ambiguous cases and the rule that decides each (see dispatch.ts and draft.ts).
import { describe, expect, it } from 'vitest';
import { readMetricsShapes } from '../../../src/collect/metrics/adapters/index.js';
import { matchOf, problemOf, readShape } from './helpers.js';

describe('merge-conflict markers', () => {
  it('are reported as a merge conflict, not as bad JSON; neither side is used, both are shown', () => {
    const r = problemOf(readShape('merge-conflict.json'), 'merge-conflict');
    expect(r.why).toEqual({
      code: 'problem_merge_conflict',
      values: {
        file: 'merge-conflict.json',
        line: 2,
        ours: 'HEAD',
        theirs: '0123456789abcdef0123456789abcdef01234567',
      },
    });
    expect(r.conflict?.oursLabel).toBe('HEAD');
    expect(r.conflict?.theirsLabel).toBe('0123456789abcdef0123456789abcdef01234567');
    expect(r.conflict?.ours?.metrics).toEqual({
      accuracy: 0.71,
      precision: 0.42,
      recall: 0.66,
      f1: 0.51,
      roc_auc: 0.77,
    });
    expect(r.conflict?.theirs?.metrics).toEqual({
      accuracy: 0.64,
      precision: 0.33,
      recall: 0.61,
      f1: 0.43,
      roc_auc: 0.69,
    });
  });

  it('a diff3-style conflict keeps the base out of both sides', () => {
    const text =
      '{\n<<<<<<< ours\n"accuracy": 0.9\n||||||| base\n"accuracy": 0.5\n=======\n"accuracy": 0.8\n>>>>>>> theirs\n}\n';
    const r = problemOf(readMetricsShapes(text, { fileName: 'm.json' }), 'merge-conflict');
    expect([r.conflict?.ours?.metrics.accuracy, r.conflict?.theirs?.metrics.accuracy]).toEqual([0.9, 0.8]);
  });
});

describe('which split', () => {
  it('the file name hint is used only when the content says nothing', () => {
    const hint = {
      name: 'train' as const,
      key: 'train_metrics.json',
      reason: { code: 'split_file_name' as const, values: { split: 'train' } },
    };
    const plain = readMetricsShapes('{"accuracy": 0.9}', { fileName: 'train_metrics.json', splitHint: hint });
    expect(plain.ok && plain.match.split).toEqual(hint);
    const said = readMetricsShapes('{"test_accuracy": 0.9}', { fileName: 'train_metrics.json', splitHint: hint });
    expect(said.ok && said.match.split.name).toBe('test');
  });

  it('in a flat file, a test_ key beats the unprefixed one, which beats train_', () => {
    const r = readMetricsShapes('{"train_accuracy": 0.99, "accuracy": 0.9, "test_accuracy": 0.88, "f1": 0.8}', {
      fileName: 'm.json',
    });
    expect(r.ok && r.match.metrics).toEqual({ accuracy: 0.88, f1: 0.8 });
    expect(r.ok && r.match.extras).toEqual({ accuracy: 0.9, train_accuracy: 0.99 });
  });

  it('an unqualified precision beats the weighted one, which beats the macro one', () => {
    const r = readMetricsShapes('{"precision_macro": 0.7, "precision_weighted": 0.8, "precision": 0.75}', {
      fileName: 'm.json',
    });
    expect(r.ok && r.match.metrics.precision).toBe(0.75);
  });
});

describe('values that cannot be metrics', () => {
  it('a bounded metric above 100 is dropped with a note; the rest is kept', () => {
    const r = readMetricsShapes('{"accuracy": 0.9, "f1": 150}', { fileName: 'm.json' });
    expect(r.ok && r.match.metrics).toEqual({ accuracy: 0.9 });
    expect(r.ok && r.match.notes).toEqual([
      { code: 'note_impossible', values: { key: 'f1', value: 150, metric: 'f1' } },
    ]);
  });

  it('a negative r2 is kept (worse than the mean), a negative rmse is not', () => {
    const r = readMetricsShapes('{"r2": -0.2, "rmse": -1}', { fileName: 'm.json' });
    expect(r.ok && r.match.metrics).toEqual({ r2: -0.2 });
  });

  it('empty text and text without metrics are problems with a hint, not exceptions', () => {
    problemOf(readMetricsShapes('  \n', { fileName: 'm.json' }), 'empty');
    const r = problemOf(readMetricsShapes('{"n_rows": 506, "drift": 0.3}', { fileName: 'stats.json' }), 'no-metrics');
    expect(r.why).toEqual({ code: 'problem_no_metrics', values: { file: 'stats.json' } });
  });
});

it('a role column wins over a better f1 for production, and the challenger row is named as candidate', () => {
  const m = matchOf('leaderboard-roles.csv');
  expect(m.model?.reason).toEqual({
    code: 'entry_role',
    values: { role: 'champion_governance_selected', model: 'production' },
  });
});

it("a .json file that is not JSON says so, with the parser's message; a text file is read as text", () => {
  const r = problemOf(readMetricsShapes('{"accuracy": 0.9,,}', { fileName: 'm.json' }), 'not-json');
  expect(r.why.code).toBe('problem_not_json');
  expect(r.why.values.file).toBe('m.json');
  expect(r.why.values.message).toMatch(/JSON/);
  const t = readMetricsShapes('accuracy = 0.9\n', { fileName: 'scores.txt' });
  expect(t.ok && t.match.metrics).toEqual({ accuracy: 0.9 });
});
