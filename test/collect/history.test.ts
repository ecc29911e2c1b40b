// History from a real temporary git repository with three commits of the production
// metrics, merged with the ledger.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectHistory } from '../../src/collect/history.js';
import { metricsJson, repoWithHistory, tempProject } from '../helpers.js';

const settings = {
  thresholds: { excellent: 0.85, good: 0.75 },
  scoreWeights: { accuracy: 0.25, precision: 0.25, recall: 0.25, f1_score: 0.25 },
};

describe('collectHistory', () => {
  it('reads every committed version of the production metrics, oldest first', async () => {
    const dir = repoWithHistory();
    const warnings: string[] = [];
    const h = await collectHistory(
      join(dir, 'models', 'production_metrics.json'),
      join(dir, 'reports'),
      'reports/history.jsonl',
      settings,
      (k) => warnings.push(k),
    );
    expect(h.points.map((p) => [p.at, p.score, p.accuracy, p.source])).toEqual([
      ['2026-01-01T10:00:00Z', 70, 0.7, 'git'],
      ['2026-02-01T10:00:00Z', 75, 0.75, 'git'],
      ['2026-03-01T10:00:00Z', 80, 0.8, 'git'],
    ]);
    expect(h.points.every((p) => /^[0-9a-f]{40}$/.test(p.commit!))).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('merges the ledger, counting a deployment seen in both once, and lists earlier reports', async () => {
    const dir = repoWithHistory();
    mkdirSync(join(dir, 'reports'));
    const line = (acc: number, at: string) =>
      JSON.stringify({
        at,
        event: 'observed',
        model_sha256: 'x',
        commit: null,
        metrics: JSON.parse(metricsJson(acc, at)),
      });
    writeFileSync(
      join(dir, 'reports', 'history.jsonl'),
      `${line(0.8, '2026-03-01T10:00:00Z')}\n${line(0.9, '2026-04-01T10:00:00Z')}\nnot json\n`,
    );
    writeFileSync(join(dir, 'reports', 'dashboard_report_20260301_100000.html'), '');
    writeFileSync(join(dir, 'reports', 'dashboard_report_20260401_100000_2.html'), '');
    writeFileSync(join(dir, 'reports', 'notes.html'), '');
    const warnings: string[] = [];
    const h = await collectHistory(
      join(dir, 'models', 'production_metrics.json'),
      join(dir, 'reports'),
      'reports/history.jsonl',
      settings,
      (k, v) => warnings.push(`${k} ${JSON.stringify(v)}`),
    );
    expect(h.points.map((p) => [p.score, p.source])).toEqual([
      [70, 'git'],
      [75, 'git'],
      [80, 'git'],
      [90, 'ledger'],
    ]);
    expect(h.reports).toEqual([
      { file: 'dashboard_report_20260401_100000_2.html', at: '2026-04-01T10:00:00Z' },
      { file: 'dashboard_report_20260301_100000.html', at: '2026-03-01T10:00:00Z' },
    ]);
    expect(warnings).toEqual(['ledger {"file":"reports/history.jsonl","count":1}']);
  });

  it('warns about a shallow clone', async () => {
    const origin = repoWithHistory();
    const clone = tempProject('mlops-shallow-');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${origin}`, clone]);
    const warnings: string[] = [];
    const h = await collectHistory(
      join(clone, 'models', 'production_metrics.json'),
      join(clone, 'reports'),
      'reports/history.jsonl',
      settings,
      (k, v) => warnings.push(`${k} ${JSON.stringify(v)}`),
    );
    expect(h.points).toHaveLength(1);
    expect(warnings).toEqual(['shallow {"count":1}']);
  });

  it('is empty outside git and without a ledger', async () => {
    const dir = tempProject('mlops-nogit-');
    const h = await collectHistory(
      join(dir, 'production_metrics.json'),
      join(dir, 'reports'),
      'reports/history.jsonl',
      settings,
      () => undefined,
    );
    expect(h).toEqual({ points: [], reports: [] });
  });
});
