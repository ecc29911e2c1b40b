/**
 * GitHub Actions integration: the job summary (markdown appended to $GITHUB_STEP_SUMMARY),
 * warning annotations for regressions, and step outputs ($GITHUB_OUTPUT). Pure functions
 * that return text; the CLI appends it to the files GitHub names.
 */
import type { Lang, ReportData } from '../report-data.js';
import { formatNumber, formatPercent, formatPoints } from './format.js';
import { translate, warningText, type MessageKey, type MessageValues } from './i18n/index.js';

/** GitHub refuses step summaries above 1 MiB; stay well under. */
export const SUMMARY_LIMIT = 1024 * 1024 - 4096;
const MAX_ANNOTATIONS = 10;

/** Text from an input, made inert in markdown (tables, links, HTML, emphasis). */
export function mdText(s: string): string {
  return s.replace(/[\\`*_[\]<>|#!~]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
}

const levelIcon = { excellent: '🟢', good: '🟡', to_improve: '🔴' } as const;

/** The job summary in markdown, in `lang`, cut to GitHub's limit. */
export function jobSummary(r: ReportData, lang: Lang): string {
  const t = (k: MessageKey, v?: MessageValues): string => translate(lang, k, v);
  const pct = (x: number | null): string => (x === null ? '—' : formatPercent(lang, x));
  const num = (x: number, digits?: number): string => formatNumber(lang, x, digits);
  const lines: string[] = [];
  const title = r.title ?? t('report.title');
  lines.push(`## ${mdText(title)}: ${mdText(r.model.model_type ?? t('status.not_deployed'))}`, '');
  const c = r.comparison;
  if (c) {
    const icon = c.decision === 'deploy_candidate' ? '✅' : '⛔';
    lines.push(
      `**${icon} ${t(`comparison.decision.${c.decision}`)}** — ${t('comparison.candidate')} ${num(c.candidate_score, 1)}/100 · ${t('comparison.bar', { bar: c.min_score })}`,
      '',
    );
  }
  if (r.metrics) {
    lines.push(`| ${t('metrics.metric')} | ${t('comparison.production')} | ${t('metrics.level')} |`, '|---|---:|---|');
    for (const m of r.metrics.metrics)
      lines.push(
        `| ${t(`metrics.${m.key}`)} | ${pct(m.value)} | ${levelIcon[m.level]} ${t(`metrics.level.${m.level}`)} |`,
      );
    lines.push(`| ${t('comparison.score')} | ${num(r.metrics.score, 1)} | |`, '');
  }
  if (c) {
    lines.push(
      `| ${t('comparison.metric')} | ${t('comparison.production')} | ${t('comparison.candidate')} | ${t('comparison.delta')} | ${t('comparison.winner')} |`,
      '|---|---:|---:|---:|---|',
    );
    for (const row of c.rows) {
      const delta =
        row.delta === null
          ? '—'
          : row.core
            ? formatPoints(lang, row.delta)
            : `${row.delta > 0 ? '+' : ''}${num(row.delta, 4)}`;
      const winner =
        row.winner === null ? '—' : `${row.winner === 'tie' ? '=' : '🏆'} ${t(`comparison.w.${row.winner}`)}`;
      const value = (x: number | null): string => (x === null ? '—' : row.core ? pct(x) : num(x, 4));
      lines.push(
        `| ${mdText(row.metric)} | ${value(row.production)} | ${value(row.candidate)} | ${delta} | ${winner} |`,
      );
    }
    const regressed = (c.per_class ?? []).filter((x) => x.regressed);
    if (regressed.length)
      lines.push(
        '',
        `⚠️ ${t('classes.regressions', { count: regressed.length })}: ${regressed.map((x) => mdText(x.label)).join(', ')}`,
      );
    lines.push('');
  } else {
    lines.push(t('comparison.none'), '');
  }
  if (r.data) {
    const due =
      r.data.retraining.due === null
        ? ''
        : ` · ${r.data.retraining.due ? `↻ ${t('data.retrain_due')}` : `✔ ${t('data.retrain_not_due')}`}`;
    lines.push(
      `**${t('data.title')}:** ${t('kpi.apps', { count: num(r.data.rows) })} · ${t('kpi.categories', { count: r.data.n_categories })}${due}`,
      '',
    );
  }
  if (r.model.safety && r.model.safety.verdict !== 'safe')
    lines.push(`**${t('safety.title')}:** ${t(`safety.${r.model.safety.verdict}`)}`, '');
  for (const w of r.warnings) lines.push(`> ⚠️ ${mdText(warningText(lang, w))}`);
  if (r.environment.run_url) lines.push('', `📄 [dashboard-report](${r.environment.run_url}#artifacts)`);
  let out = `${lines.join('\n')}\n`;
  if (Buffer.byteLength(out) > SUMMARY_LIMIT)
    out = `${Buffer.from(out)
      .subarray(0, SUMMARY_LIMIT - 64)
      .toString('utf8')
      .replace(/\uFFFD$/, '')}\n\n… (cut to GitHub's 1 MiB limit)\n`;
  return out;
}

/** Workflow-command escaping of a message (and, with `property`, of a property value). */
function escapeCommand(s: string, property = false): string {
  const out = s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  return property ? out.replace(/:/g, '%3A').replace(/,/g, '%2C') : out;
}

/** `::warning` lines for regressed metrics and classes, at most 10. */
export function regressionAnnotations(r: ReportData): string[] {
  const c = r.comparison;
  if (!c) return [];
  const out: string[] = [];
  for (const row of c.rows.filter((x) => x.winner === 'production')) {
    out.push(
      `::warning title=${escapeCommand('Candidate regresses', true)}::${escapeCommand(`${row.metric}: ${row.production} → ${row.candidate} (${row.delta})`)}`,
    );
  }
  for (const cl of (c.per_class ?? []).filter((x) => x.regressed)) {
    out.push(
      `::warning title=${escapeCommand('Class regresses', true)}::${escapeCommand(`${cl.label}: F1 ${cl.f1_production} → ${cl.f1_candidate}`)}`,
    );
  }
  return out.slice(0, MAX_ANNOTATIONS);
}
