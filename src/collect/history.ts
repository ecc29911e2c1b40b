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
import { collectMetrics, type MetricsSettings } from './metrics/index.js';
import { metricsFileSchema, parseJsonLenient } from './read-json.js';
import type { Warn } from './warn.js';

export const MAX_POINTS = 50;
const MAX_REPORT_LINKS = 20;

/** A parsed metrics file to a history point, or null when it is not a valid one. */
function pointFrom(
  value: unknown,
  at: string,
  source: HistoryPoint['source'],
  commit: string | null,
  settings: MetricsSettings,
): HistoryPoint | null {
  const file = metricsFileSchema.safeParse(value);
  if (!file.success) return null;
  try {
    const m = collectMetrics(file.data, 'history', settings, () => undefined);
    return {
      at: m.deployed_at ?? m.trained_at ?? at,
      source,
      commit,
      model_type: m.model_type,
      score: m.score,
      ...metricValues(m),
    };
  } catch {
    return null; // an old version that does not validate is skipped, not fatal
  }
}

/** pointFrom for a metrics file's text, as git stored it. */
function pointFromText(text: string, at: string, commit: string, settings: MetricsSettings): HistoryPoint | null {
  try {
    return pointFrom(parseJsonLenient(text), at, 'git', commit, settings);
  } catch {
    return null; // not JSON at that commit
  }
}

async function fromGit(metricsPath: string, settings: MetricsSettings, warn: Warn): Promise<HistoryPoint[]> {
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
      return text === undefined ? null : pointFromText(text, date, hash, settings);
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
    const p = pointFrom(e.metrics, e.at, 'ledger', e.commit, settings);
    if (p) points.push(p);
    else bad++;
  }
  if (bad > 0) warn('ledger', { file: label, count: bad });
  return points;
}

/** Deployment history (oldest first) and the timestamped reports (newest first). */
export async function collectHistory(
  metricsPath: string,
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
