/**
 * ReportData → the view the templates display: every string formatted in the report's
 * language, every width and tone decided. Templates hold no logic beyond if/each.
 */
import type { Level, ModelInfo, ReportData, Winner } from '../report-data.js';
import { formatParam, formatDate, formatNumber, formatPercent, formatPoints } from './helpers.js';
import { translate, type MessageKey } from './i18n.js';

type Tone = 'good' | 'warn' | 'bad' | 'neutral' | 'info';

const LEVEL_TONE: Readonly<Record<Level, Tone>> = { excellent: 'good', good: 'warn', to_improve: 'bad' };
/** Status is never colour alone: each tone has an icon and the text says it too. */
const LEVEL_ICON: Readonly<Record<Level, string>> = { excellent: '✔', good: '●', to_improve: '▲' };
const VERDICT_TONE = { safe: 'good', unknown: 'warn', dangerous: 'bad' } as const;
const VERDICT_ICON = { safe: '✔', unknown: '?', dangerous: '✖' } as const;
/** ★ rather than the old dashboard's 🏆: emoji fonts are missing on many CI and Linux machines. */
/** The hyperparameters people look for first (the old dashboard showed n_estimators and max_depth). */
const KEY_PARAMS = ['n_estimators', 'max_depth', 'learning_rate', 'max_iter', 'C', 'kernel', 'penalty', 'n_neighbors', 'alpha', 'criterion', 'class_weight'];

const WINNER_ICON: Readonly<Record<Winner, string>> = { candidate: '★', production: '★', tie: '=' };

export function buildView(r: ReportData): Record<string, unknown> {
  const L = r.lang;
  const t = (key: MessageKey, values?: Record<string, string | number>): string => translate(L, key, values);
  const pct = (x: number): string => formatPercent(L, x);
  const date = (iso: string | null): string | null => formatDate(L, iso);
  const m = r.model;
  const prodMetrics = r.metrics;
  const accuracy = prodMetrics?.metrics.find((x) => x.key === 'accuracy') ?? null;
  const cmp = r.comparison;

  const kpis = [
    { label: t('kpi.model'), value: m.model_type ?? t('status.not_deployed'), sub: m.deployed ? (m.size ?? '') : '', tone: m.deployed ? 'info' : 'bad' },
    prodMetrics
      ? { label: t('kpi.score'), value: formatNumber(L, prodMetrics.score, 1), sub: t('kpi.out_of_100'), tone: prodMetrics.score >= (cmp?.min_score ?? 70) ? 'good' : 'bad' }
      : { label: t('kpi.score'), value: t('kpi.none'), sub: '', tone: 'neutral' },
    accuracy
      ? { label: t('kpi.accuracy'), value: pct(accuracy.value), sub: `${LEVEL_ICON[accuracy.level]} ${t(`metrics.level.${accuracy.level}`)}`, tone: LEVEL_TONE[accuracy.level] }
      : { label: t('kpi.accuracy'), value: t('kpi.none'), sub: '', tone: 'neutral' },
    r.data
      ? { label: t('kpi.data'), value: t('kpi.apps', { count: formatNumber(L, r.data.rows) }), sub: t('kpi.categories', { count: r.data.n_categories }), tone: 'info' }
      : { label: t('kpi.data'), value: t('kpi.none'), sub: '', tone: 'neutral' },
    cmp
      ? { label: t('kpi.decision'), value: t(`comparison.decision.${cmp.decision}`), sub: `${formatNumber(L, cmp.candidate_score, 1)}/100 · ${t('comparison.bar', { bar: cmp.min_score })}`, tone: cmp.decision === 'deploy_candidate' ? 'good' : 'warn' }
      : { label: t('kpi.decision'), value: t('kpi.no_candidate'), sub: '', tone: 'neutral' },
  ];

  return {
    lang: L,
    title: r.title,
    header: {
      generated: t('report.generated', { date: date(r.generated_at) ?? '' }),
      commit: r.environment.commit ? t('report.commit', { commit: r.environment.commit.slice(0, 7) }) : null,
      status: m.deployed ? t('status.deployed') : t('status.not_deployed'),
      status_tone: m.deployed ? 'good' : 'bad',
      status_icon: m.deployed ? '✔' : '✖',
    },
    kpis,
    warnings: r.warnings,
    model: modelView(m, L, t),
    metrics: prodMetrics
      ? {
          rows: prodMetrics.metrics.map((x) => ({
            key: x.key,
            label: t(`metrics.${x.key}` as MessageKey),
            value: pct(x.value),
            width: Math.round(x.value * 1000) / 10,
            tone: LEVEL_TONE[x.level],
            icon: LEVEL_ICON[x.level],
            level: t(`metrics.level.${x.level}`),
          })),
          score: t('metrics.score', { score: formatNumber(L, prodMetrics.score, 1) }),
          score_source: t(prodMetrics.score_source === 'file' ? 'metrics.score_file' : 'metrics.score_computed'),
          trained: prodMetrics.trained_at ? t('metrics.trained_at', { date: date(prodMetrics.trained_at) ?? '' }) : null,
          legend: t('metrics.legend', { excellent: pct(r.thresholds.excellent), good: pct(r.thresholds.good) }),
        }
      : null,
    data: r.data
      ? {
          tiles: [
            { label: t('data.apps'), value: formatNumber(L, r.data.rows), sub: r.data.path },
            { label: t('data.categories'), value: formatNumber(L, r.data.n_categories), sub: r.data.category_column },
            { label: t('data.last_update'), value: date(r.data.last_updated) ?? '—', sub: t(r.data.last_updated_source === 'git' ? 'data.last_update_git' : 'data.last_update_mtime') },
            { label: t('data.retrain_threshold'), value: t('data.retrain_rows', { count: formatNumber(L, r.data.retraining.threshold) }), sub: '' },
          ],
          retraining: {
            tone: r.data.retraining.due === null ? 'neutral' : r.data.retraining.due ? 'warn' : 'good',
            icon: r.data.retraining.due === null ? '?' : r.data.retraining.due ? '↻' : '✔',
            label: r.data.retraining.due === null ? t('data.retrain_unknown') : r.data.retraining.due ? t('data.retrain_due') : t('data.retrain_not_due'),
            detail: r.data.retraining.new_rows === null ? '' : t('data.new_rows_value', { count: formatNumber(L, r.data.retraining.new_rows), threshold: formatNumber(L, r.data.retraining.threshold) }),
          },
          categories: r.data.categories.map((c) => ({
            name: c.category || t('data.empty_category'),
            count: formatNumber(L, c.count),
            share: formatPercent(L, c.count / r.data!.rows),
          })),
          chart_height: Math.max(160, r.data.categories.length * 22 + 48),
        }
      : null,
    comparison: cmp
      ? {
          rows: cmp.rows.map((row) => ({
            label: t(`metrics.${row.metric}` as MessageKey),
            production: row.production === null ? '—' : pct(row.production),
            candidate: row.candidate === null ? '—' : pct(row.candidate),
            delta: row.delta === null ? '—' : formatPoints(L, row.delta),
            delta_tone: row.delta === null || row.winner === 'tie' ? 'neutral' : row.delta > 0 ? 'good' : 'bad',
            winner: row.winner ? t(`comparison.w.${row.winner}`) : '—',
            winner_icon: row.winner ? WINNER_ICON[row.winner] : '',
            winner_class: row.winner ?? 'none',
          })),
          production_score: cmp.production_score === null ? '—' : formatNumber(L, cmp.production_score, 1),
          candidate_score: formatNumber(L, cmp.candidate_score, 1),
          decision: t(`comparison.decision.${cmp.decision}`),
          decision_tone: cmp.decision === 'deploy_candidate' ? 'good' : 'warn',
          decision_icon: cmp.decision === 'deploy_candidate' ? '✔' : '■',
          bar: t('comparison.bar', { bar: cmp.min_score }),
          reasons: cmp.reasons.map((reason) =>
            t(`reason.${reason.code}`, Object.fromEntries(Object.entries(reason.values).map(([k, v]) => [k, formatNumber(L, v, 1)]))),
          ),
          tie_note: t('comparison.tie_note', { eps: formatPoints(L, cmp.tie_epsilon).replace(/^\+/, '') }),
          candidate_model: r.candidate?.model_type ?? '—',
        }
      : null,
    footer: {
      generated: t('footer.generated', { version: r.tool_version, date: date(r.generated_at) ?? '' }),
      commit: r.environment.commit ? t('footer.commit', { commit: r.environment.commit.slice(0, 12) }) : null,
      run_url: r.environment.run_url,
    },
  };
}

function modelView(m: ModelInfo, L: string, t: (key: MessageKey, values?: Record<string, string | number>) => string): Record<string, unknown> {
  if (!m.deployed) return { deployed: false, missing: t('model.not_deployed', { path: m.path }) };
  const facts = [
    { label: t('model.type'), value: m.model_type ?? '—', mono: false },
    { label: t('model.size'), value: m.size ?? '—', mono: false },
    { label: t('model.deployed_at'), value: formatDate(L, m.deployed_at) ?? t('model.unknown_date'), mono: false },
    { label: t('model.sklearn_version'), value: m.sklearn_version ?? '—', mono: false },
    { label: t('model.format'), value: t('model.format_value', { format: m.format ?? '?', compression: m.compression === 'none' ? t('model.uncompressed') : (m.compression ?? '?'), protocol: m.protocol ?? '?' }), mono: false },
    ...(m.n_estimators_fitted === null ? [] : [{ label: t('model.trees'), value: formatNumber(L, m.n_estimators_fitted), mono: false }]),
    { label: t('model.module'), value: m.module ?? '—', mono: true },
    { label: t('model.sha256'), value: m.sha256 ? `${m.sha256.slice(0, 16)}…` : '—', mono: true, title: m.sha256 ?? '' },
  ];
  const safety = m.safety;
  return {
    deployed: true,
    facts,
    params: Object.entries(m.params).map(([name, value]) => ({ name, value: formatParam(value) })),
    key_params: KEY_PARAMS.filter((k) => k in m.params).map((name) => ({ name, value: formatParam(m.params[name]) })),
    params_note: m.params_source === 'table' ? t('model.params_note_table') : t('model.params_note_attributes'),
    classes: m.classes ? { title: t('model.classes', { count: m.classes.length }), items: m.classes.map((c) => formatParam(c).replace(/^'|'$/g, '')) } : null,
    features: m.feature_names ? { title: t('model.features', { count: m.feature_names.length }), items: m.feature_names } : m.n_features === null ? null : { title: t('model.features', { count: m.n_features }), items: [], note: t('model.no_features') },
    importances: m.top_features && m.top_features.length > 0
      ? {
          title: t(m.top_features_kind === 'coefficient' ? 'model.coefficients' : 'model.importances'),
          note: t(m.top_features_kind === 'coefficient' ? 'model.coefficients_note' : 'model.importances_note'),
          column: t(m.top_features_kind === 'coefficient' ? 'model.coefficient' : 'model.importance'),
          rows: m.top_features.map((f) => ({
            feature: f.feature,
            value: typeof f.value !== 'number' ? String(f.value) : m.top_features_kind === 'coefficient' ? formatNumber(L, f.value, 4) : formatPercent(L, f.value, 2),
          })),
          height: m.top_features.length * 24 + 48,
        }
      : null,
    components: m.components.map((c) => ({ role: c.role, name: c.name, estimator: typeof c.estimator === 'string' || c.estimator === null ? String(c.estimator) : c.estimator.class_name })),
    safety: safety
      ? {
          tone: VERDICT_TONE[safety.verdict],
          icon: VERDICT_ICON[safety.verdict],
          label: t(`safety.${safety.verdict}`),
          imports_title: t('safety.imports', { count: safety.imports.length }),
          imports: safety.imports.map((i) => ({ name: i.name, verdict: t(`safety.v.${i.verdict}`), tone: VERDICT_TONE[i.verdict], icon: VERDICT_ICON[i.verdict], reason: i.reason })),
        }
      : null,
  };
}
