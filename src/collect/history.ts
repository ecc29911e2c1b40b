/**
 * Past deployments: every committed version of models/production_metrics.json (git log,
 * at most MAX_POINTS, read in one `git cat-file --batch`), plus the append-only ledger
 * reports/history.jsonl, merged on the deployment's time; and the timestamped reports
 * present in the output folder.
 */
import { readFile, readdir } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { HistoryPoint, History } from '../report-data.js';
import { catFiles, git } from './git.js';
import { collectMetrics, type MetricsSettings } from './metrics/index.js';
import { metricsFileSchema, parseJsonLenient } from './read-json.js';
import type { Warn } from './warn.js';

export const MAX_POINTS = 50;
const MAX_REPORT_LINKS = 20;
export const LEDGER = 'history.jsonl';

/** A metrics text to a history point, or null when it is not a valid metrics file. */
function pointFrom(
  text: string,
  at: string,
  source: HistoryPoint['source'],
  commit: string | null,
  settings: MetricsSettings,
): HistoryPoint | null {
  let parsed: unknown;
  try {
    parsed = parseJsonLenient(text);
  } catch {
    return null;
  }
  const file = metricsFileSchema.safeParse(parsed);
  if (!file.success) return null;
  try {
    const m = collectMetrics(file.data, 'history', settings, () => undefined);
    const v = Object.fromEntries(m.metrics.map((x) => [x.key, x.value]));
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
  } catch {
    return null; // an old version that does not validate is skipped, not fatal
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
    warn('warning.shallow', { count: commits.length });
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
  const text = await readFile(`${outDir}/${LEDGER}`, 'utf8').catch(() => null);
  if (text === null) return [];
  const points: HistoryPoint[] = [];
  let bad = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const entry = JSON.parse(line) as { at?: string; event?: string; metrics?: unknown; commit?: string | null };
      if (entry.event === 'kept') continue; // a refused candidate never ran in production
      const p = entry.metrics
        ? pointFrom(JSON.stringify(entry.metrics), entry.at ?? '', 'ledger', entry.commit ?? null, settings)
        : null;
      if (p) points.push(p);
      else bad++;
    } catch {
      bad++;
    }
  }
  if (bad > 0) warn('warning.ledger', { file: label, count: bad });
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
  const reports = files
    .filter((f) => /^dashboard_report_\d{8}_\d{6}(_\d+)?\.html$/.test(f))
    .sort()
    .reverse()
    .slice(0, MAX_REPORT_LINKS)
    .map((file) => {
      const m = /_(\d{4})(\d\d)(\d\d)_(\d\d)(\d\d)(\d\d)/.exec(file)!;
      return { file, at: `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z` };
    });
  return { points, reports };
}
