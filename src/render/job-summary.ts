/**
 * GitHub Actions integration: the job summary (markdown appended to $GITHUB_STEP_SUMMARY),
 * warning annotations for regressions, and step outputs ($GITHUB_OUTPUT). Pure functions
 * that return text; the CLI appends it to the files GitHub names.
 */
import type { DecisionValue, Lang, ReportData } from '../report-data.js';
import { reasonText, uncertaintyText, verdictSentence } from './decision-text.js';
import { formatFixed, formatNumber, formatPercent, formatPoints } from './format.js';
import {
  metricName,
  rowWords,
  translate,
  translatePlural,
  warningText,
  type MessageKey,
  type MessageValues,
} from './i18n/index.js';
import { mdText } from './markdown.js';
import { termText } from './terminal.js';
import { commandData, commandProperty } from './workflow.js';

/** GitHub refuses step summaries above 1 MiB; stay well under. */
export const SUMMARY_LIMIT = 1024 * 1024 - 4096;
const MAX_ANNOTATIONS = 10;

export { mdText } from './markdown.js';

const levelIcon = { excellent: '🟢', good: '🟡', to_improve: '🔴' } as const;
const decisionIcon: Readonly<Record<DecisionValue, string>> = {
  promote: '✅',
  first_deployment: '✅',
  keep: '⛔',
  already_deployed: '🟰',
  no_candidate: '➖',
};
const effectIcon = { blocks: '⛔', warns: '⚠️', supports: '✅' } as const;

/** The job summary's first line: the report's verdict sentence, with its icon. */
export function summaryHeadline(r: ReportData, lang: Lang): string {
  return `### ${decisionIcon[r.decision.value]} ${mdText(verdictSentence(lang, r))}`;
}
/** Metrics shown as percentages; R² and errors are shown as numbers. */
const FRACTIONS: ReadonlySet<string> = new Set(['accuracy', 'precision', 'recall', 'f1_score', 'roc_auc']);

/** The job summary in markdown, in `lang`, cut to GitHub's limit. */
export function jobSummary(r: ReportData, lang: Lang): string {
  const t = (k: MessageKey, v?: MessageValues): string => translate(lang, k, v);
  const pct = (x: number | null): string => (x === null ? '—' : formatPercent(lang, x));
  const num = (x: number, digits?: number): string => formatNumber(lang, x, digits);
  const lines: string[] = [summaryHeadline(r, lang), ''];
  const title = r.title ?? t('report.title');
  const model = r.model.deployed
    ? (r.model.model_type ?? '—')
    : t(r.model.unreadable ? 'status.not_here' : r.metrics ? 'status.model_missing' : 'status.nothing');
  lines.push(`**${mdText(title)}**: ${mdText(model)}`, '');
  const d = r.decision;
  const c = r.comparison;
  if (c) {
    const prod =
      c.production_score === null
        ? ''
        : `${t('comparison.production')} ${formatFixed(lang, c.production_score)}/100 · `;
    lines.push(
      `${prod}${t('comparison.candidate')} ${c.candidate_score === null ? '—' : formatFixed(lang, c.candidate_score)}/100 · ${t('comparison.bar', { bar: num(d.settings.min_score) })}`,
      '',
    );
  }
  const said = d.reasons.filter((x) => x.effect !== 'supports' && x.code !== d.headline.code);
  for (const x of said) lines.push(`- ${effectIcon[x.effect]} ${mdText(reasonText(lang, x))}`);
  if (d.uncertainty) lines.push(`${said.length ? '\n' : ''}<sub>${mdText(uncertaintyText(lang, d.uncertainty))}</sub>`);
  if (said.length || d.uncertainty) lines.push('');
  if (r.metrics) {
    lines.push(`| ${t('metrics.metric')} | ${t('comparison.production')} | ${t('metrics.level')} |`, '|---|---:|---|');
    for (const m of r.metrics.metrics)
      lines.push(
        `| ${t(`metrics.${m.key}`)} | ${FRACTIONS.has(m.key) ? pct(m.value) : num(m.value, 4)} | ${m.level ? `${levelIcon[m.level]} ${t(`metrics.level.${m.level}`)}` : t('metrics.lower_better')} |`,
      );
    for (const key of r.metrics.missing) lines.push(`| ${t(`metrics.${key}`)} | ${t('metrics.na')} | |`);
    lines.push(`| ${t('comparison.score')} | ${r.metrics.score === null ? '—' : num(r.metrics.score, 1)} | |`, '');
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
          : FRACTIONS.has(row.metric)
            ? formatPoints(lang, row.delta)
            : `${row.delta > 0 ? '+' : ''}${num(row.delta, 4)}`;
      const winner =
        row.winner === null ? '—' : `${row.winner === 'tie' ? '=' : '🏆'} ${t(`comparison.w.${row.winner}`)}`;
      const value = (x: number | null): string => (x === null ? '—' : FRACTIONS.has(row.metric) ? pct(x) : num(x, 4));
      lines.push(
        `| ${mdText(metricName(lang, row.metric))} | ${value(row.production)} | ${value(row.candidate)} | ${delta} | ${winner} |`,
      );
    }
    const regressed = (c.per_class ?? []).filter((x) => x.regressed);
    if (regressed.length)
      lines.push(
        '',
        `⚠️ ${translatePlural(lang, 'classes.regressions', regressed.length)}: ${regressed.map((x) => mdText(x.label)).join(', ')}`,
      );
    lines.push('');
  }
  if (r.data) {
    const due =
      r.data.retraining.due === null
        ? ''
        : ` · ${r.data.retraining.due ? `↻ ${t('data.retrain_due')}` : `✔ ${t('data.retrain_not_due')}`}`;
    lines.push(
      `**${t('data.title')}:** ${mdText(rowWords(lang, r.data.row_noun).count(r.data.rows))} · ${r.data.label_kind === 'numeric' ? t('kpi.numeric_label', { column: mdText(r.data.category_column) }) : translatePlural(lang, 'kpi.categories', r.data.n_categories)}${due}`,
      '',
    );
    const bad = r.data.malformed_rows;
    if (bad.count > 0) {
      const shown = bad.first.map((m) => num(m.line, 0)).join(', ');
      lines.push(
        `⚠️ ${t('data.malformed_summary', { count: num(bad.count, 0), lines: bad.count > bad.first.length ? `${shown}, …` : shown })}`,
        '',
      );
    }
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

/** A command's message: input text made visible (no line breaks, no `::` or `##[`), then command-escaped. */
const data = (s: string): string => commandData(termText(s, 1000));

/**
 * The decision as a `::notice` (the verdict sentence), then a `::warning` for each regression
 * the decision found (the score, a core metric, a class), at most 10 lines in all, in the
 * report's language with its number formats ("DATING: F1 82.1% → 70.7% (−11.4 pts)").
 */
export function decisionAnnotations(r: ReportData, lang: Lang): string[] {
  const t = (k: MessageKey): string => translate(lang, k);
  const pct = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : formatPercent(lang, x));
  const change = (points: number): string => formatPoints(lang, -points / 100);
  const out = [`::notice title=${commandProperty(t('annotation.decision'))}::${data(verdictSentence(lang, r))}`];
  const c = r.comparison;
  for (const g of r.decision.regressions) {
    let title: string, what: string;
    if (g.kind === 'class') {
      const cl = c?.per_class?.find((x) => x.label === g.name);
      title = t('annotation.class');
      what = `${g.name}: ${t('metrics.f1_score')} ${pct(cl?.f1_production)} → ${pct(cl?.f1_candidate)} (${change(g.points)})`;
    } else if (g.kind === 'metric') {
      const row = c?.rows.find((x) => x.metric === g.name);
      title = t('annotation.metric');
      what = `${metricName(lang, g.name)}: ${pct(row?.production)} → ${pct(row?.candidate)} (${change(g.points)})`;
    } else {
      const score = (x: number | null | undefined) => (x === null || x === undefined ? '—' : formatFixed(lang, x));
      title = t('annotation.metric');
      what = `${t('comparison.score')}: ${score(c?.production_score)} → ${score(c?.candidate_score)} (${change(g.points)})`;
    }
    out.push(`::warning title=${commandProperty(title)}::${data(what)}`);
  }
  return out.slice(0, MAX_ANNOTATIONS);
}
