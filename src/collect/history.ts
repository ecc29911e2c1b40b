/**
 * Past deployments: every committed version of models/production_metrics.json (git log,
 * at most MAX_POINTS, read in one `git cat-file --batch`), plus the append-only ledger
 * reports/history.jsonl, merged on the deployment's time; and the timestamped reports
 * present in the output folder.
 */
import { readdir } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { metricValues, type HistoryPoint, type History } from '../report-data.js';
import { readLedger } from '../write/ledger.js';
import { timestampOf, timestampedReports } from '../write/report.js';
import { catFiles, git } from './git.js';
import { detectTask } from './metrics/adapters/task.js';
import { collectMetrics, readMetrics, type MetricsSettings } from './metrics/index.js';
import type { Warn } from './warn.js';

export const MAX_POINTS = 50;
const MAX_REPORT_LINKS = 20;

/**
 * A metrics file's text (as git stored it, or a ledger line's metrics) to a history point,
 * read by the same adapters as today's file; null when it has no score (unreadable, no
 * metric, or a task without a score), skipped rather than fatal.
 */
function pointFrom(
  text: string,
  at: string,
  source: HistoryPoint['source'],
  commit: string | null,
  settings: MetricsSettings,
): HistoryPoint | null {
  const quiet: Warn = () => undefined;
  const read = readMetrics(text, { path: 'history' }, quiet);
  if (!read) return null;
  const m = collectMetrics(read, detectTask(read.match.metrics, read.meta.model_type).task, settings, quiet);
  if (m.score === null) return null;
  const v = metricValues(m);
  return {
    at: m.deployed_at ?? m.trained_at ?? at,
    source,
    commit,
    model_type: m.model_type,
    score: m.score,
    accuracy: v.accuracy ?? null,
    precision: v.precision ?? null,
    recall: v.recall ?? null,
    f1_score: v.f1_score ?? null,
  };
}

async function fromGit(metricsPath: string | null, settings: MetricsSettings, warn: Warn): Promise<HistoryPoint[]> {
  if (metricsPath === null) return [];
  const cwd = dirname(metricsPath),
    name = basename(metricsPath);
  const log = await git(['log', `-n${MAX_POINTS}`, '--format=%H%x09%cI', '--', name], cwd);
  if (!log) return [];
  const commits = log
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t') as [string, string]);
  if ((await git(['rev-parse', '--is-shallow-repository'], cwd)) === 'true') {
    warn('shallow', { count: commits.length });
  }
  const blobs = await catFiles(
    commits.map(([h]) => `${h}:./${name}`),
    cwd,
  );
  return commits
    .map(([hash, date]) => {
      const text = blobs.get(`${hash}:./${name}`);
      return text === undefined ? null : pointFrom(text, date, 'git', hash, settings);
    })
    .filter((p): p is HistoryPoint => p !== null);
}

async function fromLedger(
  outDir: string,
  settings: MetricsSettings,
  warn: Warn,
  label: string,
): Promise<HistoryPoint[]> {
  const { entries, unreadable } = await readLedger(outDir);
  let bad = unreadable;
  const points: HistoryPoint[] = [];
  // a refused candidate never ran in production
  for (const e of entries.filter((x) => x.event !== 'kept')) {
    const p = pointFrom(JSON.stringify(e.metrics), e.at, 'ledger', e.commit, settings);
    if (p) points.push(p);
    else bad++;
  }
  if (bad > 0) warn('ledger', { file: label, count: bad });
  return points;
}

/** Deployment history (oldest first) and the timestamped reports (newest first); `metricsPath` null: no metrics file. */
export async function collectHistory(
  metricsPath: string | null,
  outDir: string,
  ledgerLabel: string,
  settings: MetricsSettings,
  warn: Warn,
): Promise<History> {
  const [git, ledger, files] = await Promise.all([
    fromGit(metricsPath, settings, warn),
    fromLedger(outDir, settings, warn, ledgerLabel),
    readdir(outDir).catch(() => [] as string[]),
  ]);
  // the same deployment seen in git and in the ledger counts once
  const byKey = new Map<string, HistoryPoint>();
  for (const p of [...git, ...ledger]) if (!byKey.has(`${p.at}|${p.score}`)) byKey.set(`${p.at}|${p.score}`, p);
  const points = [...byKey.values()].sort((a, b) => a.at.localeCompare(b.at)).slice(-MAX_POINTS);
  const reports = timestampedReports(files)
    .reverse()
    .slice(0, MAX_REPORT_LINKS)
    .map((file) => ({ file, at: timestampOf(file) ?? '' }));
  return { points, reports };
}
