/** The production model card (partials/model.hbs). */
import type { ModelInfo } from '../../../report-data.js';
import { formatParam } from '../../format.js';
import { whyText } from '../../i18n/index.js';
import { type Ctx, type Tone, VERDICT_ICON, VERDICT_TONE, ident } from './context.js';

interface Fact {
  readonly label: string;
  readonly value: string;
}

interface Named {
  readonly name: string[];
  readonly value: string;
}

export type ModelView =
  | { readonly deployed: false; readonly missing: string }
  | {
      readonly deployed: true;
      readonly facts: Fact[];
      /** Module, format, SHA-256: behind a details block with the imports. */
      readonly internals: Fact[];
      readonly params: Named[];
      readonly key_params: Named[];
      readonly params_note: string;
      readonly classes: { readonly title: string; readonly items: string[] } | null;
      readonly features: { readonly title: string; readonly items: string[]; readonly note?: string } | null;
      readonly importances: {
        readonly title: string;
        readonly note: string;
        readonly column: string;
        readonly rows: { readonly feature: string[]; readonly value: string }[];
        readonly height: number;
      } | null;
      readonly components: { readonly role: string; readonly name: string; readonly estimator: string }[];
      /** The dict, list or custom class the estimator was saved in; null when the file holds it directly. */
      readonly wrapper: { readonly text: string; readonly others: string | null; readonly attributes: Named[] } | null;
      /** joblib < 0.10 companion files that are missing; null when none is. */
      readonly missing_arrays: string | null;
      readonly safety: {
        readonly tone: Tone;
        readonly icon: string;
        readonly label: string;
        readonly imports_title: string;
        readonly imports: {
          readonly name: string;
          readonly verdict: string;
          readonly tone: Tone;
          readonly icon: string;
          readonly reason: string;
        }[];
      } | null;
    };

/** Ensembles of trees: their fitted estimators are trees, and the page says so. */
const TREES = /Forest|Trees|GradientBoosting/;

/** The hyperparameters people look for first (the old dashboard showed n_estimators and max_depth). */
const KEY_PARAMS = [
  'n_estimators',
  'max_depth',
  'learning_rate',
  'max_iter',
  'C',
  'kernel',
  'penalty',
  'n_neighbors',
  'alpha',
  'criterion',
  'class_weight',
];

export function modelView(m: ModelInfo, c: Ctx): ModelView {
  const { t } = c;
  if (!m.deployed)
    return {
      deployed: false,
      missing: m.unreadable
        ? t('model.unreadable', { hint: whyText(c.lang, m.unreadable) })
        : t('model.not_deployed', { path: m.path }),
    };
  const w = m.wrapper;
  // what a reader asks first, in plain words; the file's internals go behind a details block
  const facts = [
    { label: t('model.type'), value: m.model_type ?? '—' },
    { label: t('model.size'), value: m.size_bytes === null ? '—' : c.size(m.size_bytes) },
    { label: t('model.deployed_at'), value: c.date(m.deployed_at) ?? t('model.unknown_date') },
    { label: t('model.sklearn_version'), value: m.sklearn_version ?? '—' },
    ...(m.n_estimators_fitted === null
      ? []
      : [
          {
            label: t(TREES.test(m.model_type ?? '') ? 'model.trees' : 'model.fitted_models'),
            value: c.num(m.n_estimators_fitted),
          },
        ]),
  ];
  const internals = [
    { label: t('model.module'), value: m.module ?? '—' },
    {
      label: t('model.format'),
      value: t('model.format_value', {
        format: m.format ?? '?',
        compression: m.compression === 'none' ? t('model.uncompressed') : (m.compression ?? '?'),
        protocol: m.protocol ?? '?',
      }),
    },
    { label: t('model.sha256'), value: m.sha256 ?? '—' },
  ];
  const coefficient = m.top_features_kind === 'coefficient';
  const safety = m.safety;
  return {
    deployed: true,
    facts,
    internals,
    params: Object.entries(m.params).map(([name, value]) => ({ name: ident(name), value: formatParam(value) })),
    key_params: KEY_PARAMS.filter((k) => k in m.params).map((name) => ({
      name: ident(name),
      value: formatParam(m.params[name]),
    })),
    params_note: m.params_source === 'table' ? t('model.params_note_table') : t('model.params_note_attributes'),
    classes: m.classes
      ? {
          title: t('model.classes', { count: m.classes.length }),
          items: m.classes.map((x) => formatParam(x).replace(/^'|'$/g, '')),
        }
      : null,
    features: m.feature_names
      ? { title: t('model.features', { count: m.feature_names.length }), items: m.feature_names }
      : m.n_features === null
        ? null
        : { title: t('model.features', { count: m.n_features }), items: [], note: t('model.no_features') },
    importances:
      m.top_features && m.top_features.length > 0
        ? {
            title: t(coefficient ? 'model.coefficients' : 'model.importances'),
            note: t(coefficient ? 'model.coefficients_note' : 'model.importances_note'),
            column: t(coefficient ? 'model.coefficient' : 'model.importance'),
            rows: m.top_features.map((f) => ({
              feature: ident(f.feature),
              value:
                typeof f.value !== 'number' ? String(f.value) : coefficient ? c.num(f.value, 4) : c.pct(f.value, 2),
            })),
            height: m.top_features.length * 24 + 48,
          }
        : null,
    wrapper: w
      ? {
          text: t('model.wrapper', { type: w.type, path: w.path }),
          others: w.others.length
            ? t('model.wrapper_others', { list: w.others.map((o) => `${o.path} (${o.class_name})`).join(', ') })
            : null,
          attributes: Object.entries(w.attributes).map(([name, value]) => ({
            name: ident(name),
            value: formatParam(value),
          })),
        }
      : null,
    missing_arrays: m.missing_arrays.length ? t('model.missing_arrays', { arrays: m.missing_arrays.join(', ') }) : null,
    components: m.components.map((x) => ({
      role: x.role,
      name: x.name,
      estimator: typeof x.estimator === 'string' || x.estimator === null ? String(x.estimator) : x.estimator.class_name,
    })),
    safety: safety
      ? {
          tone: VERDICT_TONE[safety.verdict],
          icon: VERDICT_ICON[safety.verdict],
          label: t(`safety.${safety.verdict}`),
          imports_title: t('safety.imports', { count: safety.imports.length }),
          imports: [
            ...safety.findings.map((f) => ({
              name: t('safety.finding_at', { offset: f.offset, count: f.count }),
              verdict: t(`safety.v.${f.verdict}`),
              tone: VERDICT_TONE[f.verdict],
              icon: VERDICT_ICON[f.verdict],
              reason: t(`safety.finding.${f.reason}`),
            })),
            ...safety.imports.map((i) => ({
              name: i.name,
              verdict: t(`safety.v.${i.verdict}`),
              tone: VERDICT_TONE[i.verdict],
              icon: VERDICT_ICON[i.verdict],
              reason: `${t(`safety.reason.${i.reason}`)}${i.detail === null ? '' : ` (${i.detail})`}`,
            })),
          ],
        }
      : null,
  };
}
